package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aijson.testing.FolderContents;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing a file with new text at once, as the log and the command line write their outputs. */
class AtomicFileTest {
  @TempDir Path folder;

  private Path previous() throws IOException {
    return Files.writeString(folder.resolve("params.tsv"), "Tokenizer.vocabSize\t100\n");
  }

  /** Writes half the bytes, then fails as a full disk does. */
  private static void diskFullHalfway(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes, 0, bytes.length / 2);
      throw new IOException("No space left on device");
    }
  }

  @Test
  void write_existingFile_replacesItAndLeavesNoTemporaryFile() throws IOException {
    Path file = previous();

    AtomicFile.write(file, "Tokenizer.vocabSize\t2000\n");

    assertThat(Files.readString(file)).isEqualTo("Tokenizer.vocabSize\t2000\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv");
  }

  @Test
  void write_diskFullHalfway_leavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = previous();

    IOException e = assertThrows(IOException.class,
        () -> AtomicFile.write(file, "Tokenizer.vocabSize\t2000\n".repeat(100), AtomicFileTest::diskFullHalfway));

    assertThat(e).hasMessageThat().isEqualTo("No space left on device");
    assertThat(Files.readString(file)).isEqualTo("Tokenizer.vocabSize\t100\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv");
  }

  @Test
  void write_loneSurrogate_failsWritingNothing() throws IOException {
    Path file = previous();

    assertThrows(CharacterCodingException.class, () -> AtomicFile.write(file, "Splitter.text\ta\ud800b\n"));

    assertThat(Files.readString(file)).isEqualTo("Tokenizer.vocabSize\t100\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv");
  }

  @Test
  void write_loneSurrogateAtTheEndOrLowFirst_failsWritingNothing() throws IOException {
    Path file = previous();

    for (String text : List.of("ends high \ud83d", "low first \ude00\ud83d", "\udc00")) {
      assertThrows(CharacterCodingException.class, () -> AtomicFile.write(file, text));
    }

    assertThat(Files.readString(file)).isEqualTo("Tokenizer.vocabSize\t100\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv");
  }

  @Test
  void write_surrogatePairsAndOtherScripts_writesTheirUtf8() throws IOException {
    Path file = folder.resolve("labels.txt");
    String text = "\ud83d\ude00 caf\u00e9 \u65e5\u672c \ud834\udd1e\n";

    AtomicFile.write(file, text);

    assertThat(Files.readAllBytes(file)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes half of its text to the file in its argument, then waits to be stopped. */
  static final class StoppedHalfway {
    public static void main(String[] args) throws IOException {
      AtomicFile.write(Path.of(args[0]), "Tokenizer.vocabSize\t200\n".repeat(1000), (file, bytes) -> {
        try (OutputStream out = Files.newOutputStream(file)) {
          out.write(bytes, 0, bytes.length / 2);
          out.flush();
          Thread.sleep(120_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  /** Regression: a JVM stopped (Ctrl-C, kill) in the middle of a write left its temporary file. */
  @Test
  void write_jvmStoppedHalfway_leavesThePreviousFileAndNoTemporaryFile() throws Exception {
    Path file = previous();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StoppedHalfway.class.getName(), file.toString()).inheritIO().start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (FolderContents.names(folder).size() < 2 || halfWritten(folder) == 0) {
        assertThat(process.isAlive()).isTrue();
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(10);
      }
    } finally {
      process.destroy(); // SIGTERM, as kill and a stopping service send
    }

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(file)).isEqualTo("Tokenizer.vocabSize\t100\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv");
  }

  /** Returns the size of the temporary file in {@code folder}, 0 if there is none. */
  private static long halfWritten(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().endsWith(".tmp")) {
          return Files.size(file);
        }
      }
    }
    return 0;
  }

  /** Regression: a move over an empty folder replaces it, where a plain write had refused. */
  @Test
  void write_emptyFolder_isRefusedAndTheFolderStays() throws IOException {
    Path target = Files.createDirectory(folder.resolve("out"));

    FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.write(target, "x"));

    assertThat(e).hasMessageThat().isEqualTo(target + ": Is a directory");
    assertThat(Files.isDirectory(target)).isTrue();
    assertThat(FolderContents.names(folder)).containsExactly("out");
  }

  @Test
  void write_missingFolder_failsNamingTheFile() {
    Path file = folder.resolve("missing").resolve("params.tsv");

    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AtomicFile.write(file, "x"));

    assertThat(e).hasMessageThat().isEqualTo(file.toString());
    assertThat(FolderContents.names(folder)).isEmpty();
  }

  @Test
  void write_folderIsAFile_failsNamingTheFile() throws IOException {
    Path file = previous().resolve("params.tsv");

    FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicFile.write(file, "x"));

    assertThat(e).hasMessageThat().isEqualTo(file + ": Not a directory");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv");
  }

  @Test
  void write_symbolicLink_replacesTheFileItPointsToAndStaysALink() throws IOException {
    Path file = previous();
    Path link;
    try {
      link = Files.createSymbolicLink(folder.resolve("latest.tsv"), file.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "this file system has no symbolic links: " + e);
      return;
    }

    AtomicFile.write(link, "Tokenizer.vocabSize\t2000\n");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(file)).isEqualTo("Tokenizer.vocabSize\t2000\n");
    assertThat(FolderContents.names(folder)).containsExactly("latest.tsv", "params.tsv");
  }

  @Test
  void write_existingFile_keepsItsPermissions() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not POSIX");
    Path file = previous();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    AtomicFile.write(file, "Tokenizer.vocabSize\t2000\n");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
  }

  @Test
  void write_newFile_getsThePermissionsOfAFileWrittenPlainly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not POSIX");
    Path plain = Files.writeString(folder.resolve("plain.tsv"), "x");

    Path file = folder.resolve("params.tsv");
    AtomicFile.write(file, "x");

    // not the owner-only permissions of Files.createTempFile
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
  }
}
