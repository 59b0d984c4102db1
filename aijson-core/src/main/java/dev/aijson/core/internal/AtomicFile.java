package dev.aijson.core.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file with new UTF-8 text all at once, as the log and the command line write their
 * documents: the text goes to a temporary file in the same folder, which then replaces the file by
 * a move (atomic where the file system can). A write that fails midway, a full disk say, leaves
 * the previous file as it was and removes the temporary file; a reader sees the old text or the
 * new, never a part. A JVM stopped during a write (Ctrl-C, {@code kill}) removes the temporary
 * file as it exits.
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("params.tsv"), params.toTsv());
 * }</pre>
 */
public final class AtomicFile {
  /** Symbolic links followed before the chain is taken for a loop, as Linux's limit. */
  private static final int MAX_LINKS = 40;

  private AtomicFile() {}

  /** Writes bytes to a file; the seam through which tests make a write fail midway. */
  @FunctionalInterface
  public interface BytesWriter {
    /**
     * Writes {@code bytes} to {@code file}, which exists and is empty.
     *
     * @param file the temporary file
     * @param bytes the encoded text
     * @throws IOException if the bytes cannot be written
     */
    void write(Path file, byte[] bytes) throws IOException;
  }

  /**
   * Replaces {@code file} with {@code text}, encoded as UTF-8. An existing {@code file} keeps its
   * permissions; a symbolic link keeps pointing where it did, and the file it points to is the
   * one replaced.
   *
   * @param file the file to write; its folder must exist
   * @param text the new content
   * @throws CharacterCodingException if {@code text} holds a lone surrogate, which UTF-8 cannot
   *     encode; nothing is written
   * @throws IOException if the file cannot be written; the previous file is left as it was
   */
  public static void write(Path file, String text) throws IOException {
    write(file, text, Files::write);
  }

  /**
   * Replaces {@code file} with {@code text} as {@link #write(Path, String)} does, writing the
   * temporary file through {@code writer}.
   *
   * @param file the file to write; its folder must exist
   * @param text the new content
   * @param writer writes the encoded text to the temporary file
   * @throws CharacterCodingException if {@code text} holds a lone surrogate; nothing is written
   * @throws IOException if the file cannot be written; the previous file is left as it was
   */
  public static void write(Path file, String text, BytesWriter writer) throws IOException {
    // strictly: String.getBytes would write a lone surrogate as '?' without a word
    byte[] bytes = utf8(text);
    Path target = followLinks(file);
    Path folder = target.getParent();
    if (folder == null || Files.isDirectory(target)) {
      // a move with REPLACE_EXISTING would delete an empty folder and put the file in its place
      throw new FileSystemException(file.toString(), null, "Is a directory");
    }
    if (!Files.isDirectory(folder)) {
      throw Files.exists(folder) ? new FileSystemException(file.toString(), null, "Not a directory")
          : new NoSuchFileException(file.toString());
    }
    Path temporary = createTemporary(file, target);
    Unfinished.add(temporary);
    try {
      writer.write(temporary, bytes);
      // after the write: a read-only file's permissions would refuse it
      keepPermissions(target, temporary);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } finally {
        Unfinished.remove(temporary);
      }
    }
  }

  /**
   * The temporary files being written, which a JVM stopped meanwhile (Ctrl-C, {@code kill})
   * removes as it exits: its shutdown hooks run, but not the {@code finally} of the write. The
   * hook is registered only while a write is under way, so that it never keeps this class, and a
   * web container's class loader with it, alive in a JVM that writes nothing more.
   */
  private static final class Unfinished {
    private static final java.util.Set<Path> FILES = new java.util.HashSet<>(); // guarded by FILES
    private static Thread hook; // guarded by FILES

    private Unfinished() {}

    static void add(Path temporary) {
      synchronized (FILES) {
        FILES.add(temporary);
        if (hook == null) {
          Thread removing = new Thread(Unfinished::removeAll, "aijson: removes unfinished files");
          try {
            Runtime.getRuntime().addShutdownHook(removing);
            hook = removing;
          } catch (IllegalStateException e) {
            // the JVM is exiting already: the write's own finally removes the file if it can
          }
        }
      }
    }

    static void remove(Path temporary) {
      synchronized (FILES) {
        FILES.remove(temporary);
        if (FILES.isEmpty() && hook != null) {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException e) {
            // the JVM is exiting and the hook running: it finds nothing left to remove
          }
          hook = null;
        }
      }
    }

    private static void removeAll() {
      java.util.List<Path> files;
      synchronized (FILES) {
        files = java.util.List.copyOf(FILES);
      }
      for (Path file : files) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // exiting: nothing to report it to
        }
      }
    }
  }

  /**
   * Returns {@code text} in UTF-8, or throws if it holds a lone surrogate. Checked first, then
   * encoded in one exact copy: an encoder's buffer is three bytes a char, a document's three times
   * over (a 125 MB document took 500 MB to write).
   */
  private static byte[] utf8(String text) throws CharacterCodingException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          throw new MalformedInputException(1);
        }
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the absolute path of the file that {@code file} names once its links are followed. */
  private static Path followLinks(Path file) throws IOException {
    Path target = file.toAbsolutePath();
    for (int links = 0; Files.isSymbolicLink(target); links++) {
      if (links == MAX_LINKS) {
        throw new FileSystemException(file.toString(), null, "Too many levels of symbolic links");
      }
      target = target.resolveSibling(Files.readSymbolicLink(target));
    }
    return target;
  }

  /**
   * Creates an empty temporary file next to {@code target}, with the permissions a new file gets
   * (not the owner-only ones of {@link Files#createTempFile}), which stay once it replaces it.
   */
  private static Path createTemporary(Path file, Path target) throws IOException {
    String prefix = "." + target.getFileName() + ".";
    while (true) {
      Path temporary = target.resolveSibling(
          prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        return Files.createFile(temporary);
      } catch (FileAlreadyExistsException e) {
        // another writer's name: draw again
      } catch (AccessDeniedException e) {
        // the folder is not writable: say so of the file asked for, not of a name it never saw
        throw (AccessDeniedException) new AccessDeniedException(file.toString()).initCause(e);
      }
    }
  }

  private static void keepPermissions(Path target, Path temporary) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view != null && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.setPosixFilePermissions(temporary, view.readAttributes().permissions());
    }
  }
}
