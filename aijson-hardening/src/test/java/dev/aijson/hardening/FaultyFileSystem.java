package dev.aijson.hardening;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The default file system, but for the output streams it opens, which fail halfway through their
 * first write once told to: a full disk, a bug in a file system driver. Lets a test make a write
 * through public API, such as {@code AiJsonLog.writeTo(Path)}, fail midway, and then look at the
 * real files through {@link #real(Path)}.
 */
final class FaultyFileSystem extends FileSystem {
  /** What a failing stream does once it has written half the bytes it was given. */
  @FunctionalInterface
  interface Fault {
    void strike() throws IOException;
  }

  private final FileSystem real = FileSystems.getDefault();
  private final Provider provider = new Provider();
  private volatile Fault fault;

  /** Makes the output streams opened from now on fail with {@code fault}; null makes them work. */
  void failWritesWith(Fault fault) {
    this.fault = fault;
  }

  /** Returns {@code path} of the default file system as a path of this one. */
  Path path(Path path) {
    if (path.getFileSystem() != real) {
      throw new ProviderMismatchException(path + " is not a path of the default file system");
    }
    return new FaultyPath(path);
  }

  /** Returns the path of the default file system that {@code path} of this one stands for. */
  static Path real(Path path) {
    if (!(path instanceof FaultyPath faulty)) {
      throw new ProviderMismatchException(path + " is not a path of a FaultyFileSystem");
    }
    return faulty.real;
  }

  private Path wrap(Path path) {
    return path == null ? null : new FaultyPath(path);
  }

  @Override
  public FileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() {}

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return false;
  }

  @Override
  public String getSeparator() {
    return real.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    return StreamSupport.stream(real.getRootDirectories().spliterator(), false).map(this::wrap)
        .collect(Collectors.toList());
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return real.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return real.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(real.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher matcher = real.getPathMatcher(syntaxAndPattern);
    return path -> matcher.matches(real(path));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return real.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("FaultyFileSystem watches nothing");
  }

  /** A path of the default file system, seen through this one. */
  private final class FaultyPath implements Path {
    final Path real;

    FaultyPath(Path real) {
      this.real = real;
    }

    @Override
    public FileSystem getFileSystem() {
      return FaultyFileSystem.this;
    }

    @Override
    public boolean isAbsolute() {
      return real.isAbsolute();
    }

    @Override
    public Path getRoot() {
      return wrap(real.getRoot());
    }

    @Override
    public Path getFileName() {
      return wrap(real.getFileName());
    }

    @Override
    public Path getParent() {
      return wrap(real.getParent());
    }

    @Override
    public int getNameCount() {
      return real.getNameCount();
    }

    @Override
    public Path getName(int index) {
      return wrap(real.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
      return wrap(real.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
      return real.startsWith(real(other));
    }

    @Override
    public boolean endsWith(Path other) {
      return real.endsWith(real(other));
    }

    @Override
    public Path normalize() {
      return wrap(real.normalize());
    }

    @Override
    public Path resolve(Path other) {
      return wrap(real.resolve(real(other)));
    }

    @Override
    public Path relativize(Path other) {
      return wrap(real.relativize(real(other)));
    }

    @Override
    public URI toUri() {
      return real.toUri();
    }

    @Override
    public Path toAbsolutePath() {
      return wrap(real.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
      return wrap(real.toRealPath(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
      throw new UnsupportedOperationException("FaultyFileSystem watches nothing");
    }

    @Override
    public int compareTo(Path other) {
      return real.compareTo(real(other));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FaultyPath faulty && real.equals(faulty.real);
    }

    @Override
    public int hashCode() {
      return real.hashCode();
    }

    @Override
    public String toString() {
      return real.toString();
    }
  }

  /** The default provider, but for the streams {@link #newOutputStream} opens. */
  private final class Provider extends FileSystemProvider {
    private final FileSystemProvider real = FaultyFileSystem.this.real.provider();

    @Override
    public String getScheme() {
      return "faulty";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
      throw new UnsupportedOperationException("FaultyFileSystem is made by its constructor");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
      throw new UnsupportedOperationException("FaultyFileSystem has no URIs");
    }

    @Override
    public Path getPath(URI uri) {
      throw new UnsupportedOperationException("FaultyFileSystem has no URIs");
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
      OutputStream out = real.newOutputStream(real(path), options);
      Fault strike = fault;
      if (strike == null) {
        return out;
      }
      return new FilterOutputStream(out) {
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          out.write(bytes, offset, length / 2);
          strike.strike();
        }
      };
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
        FileAttribute<?>... attributes) throws IOException {
      return real.newByteChannel(real(path), options, attributes);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
      throw new UnsupportedOperationException("list the folder through FaultyFileSystem.real(path)");
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
      real.createDirectory(real(dir), attributes);
    }

    @Override
    public void delete(Path path) throws IOException {
      real.delete(real(path));
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
      return real.deleteIfExists(real(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
      real.copy(real(source), real(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
      real.move(real(source), real(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path other) throws IOException {
      return real.isSameFile(real(path), real(other));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
      return real.isHidden(real(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
      return real.getFileStore(real(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
      real.checkAccess(real(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
      return real.getFileAttributeView(real(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
        throws IOException {
      return real.readAttributes(real(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
        throws IOException {
      return real.readAttributes(real(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
        throws IOException {
      real.setAttribute(real(path), attribute, value, options);
    }
  }
}
