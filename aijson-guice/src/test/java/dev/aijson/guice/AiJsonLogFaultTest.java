package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.testing.FolderContents;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while a log is written: a write that fails midway (a full disk, an exception or an error
 * from the writer) leaves the previous file as it was and no temporary file. Made to fail through
 * the package-private writer seam of {@link AiJsonLog}; aijson-hardening's {@code
 * LogWriteFaultsTest} makes the same faults through the public API and measures them for
 * docs/RELIABILITY.md.
 */
class AiJsonLogFaultTest {
  @TempDir Path folder;

  static class Part {
    final int size;

    @Inject
    Part(@Named("size") int size) {
      this.size = size;
    }
  }

  /** Returns a log holding {@code parts} parts of the given size. */
  private static AiJsonLog log(int size, int parts) {
    Injector injector = Guice.createInjector(new AiJsonModule(), binder ->
        binder.bindConstant().annotatedWith(com.google.inject.name.Names.named("size")).to(size));
    for (int i = 0; i < parts; i++) {
      injector.getInstance(Part.class);
    }
    return injector.getInstance(AiJsonLog.class);
  }

  private Path previous() throws IOException {
    Path file = folder.resolve("pipeline.json");
    Files.writeString(file, log(1, 1).toJson());
    return file;
  }

  /** Writes half the bytes, then fails as a full disk does. */
  private static void diskFullHalfway(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes, 0, bytes.length / 2);
      throw new IOException("No space left on device");
    }
  }

  @Test
  void writeTo_diskFullHalfway_leavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = previous();
    String before = Files.readString(file);
    AiJsonLog log = log(2, 50);

    IOException e = assertThrows(IOException.class,
        () -> AiJsonLog.writeAtomically(file, log.toJson(), AiJsonLogFaultTest::diskFullHalfway));

    assertThat(e).hasMessageThat().isEqualTo("No space left on device");
    assertUnchanged(file, before);
  }

  @Test
  void writeTo_writerThrowsARuntimeException_leavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = previous();
    String before = Files.readString(file);

    assertThrows(IllegalStateException.class, () -> AiJsonLog.writeAtomically(file, log(2, 5).toJson(),
        (temporary, bytes) -> {
          Files.write(temporary, new byte[] {'{'});
          throw new IllegalStateException("writer broke");
        }));

    assertUnchanged(file, before);
  }

  @Test
  void writeTo_writerThrowsAnError_leavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = previous();
    String before = Files.readString(file);

    assertThrows(OutOfMemoryError.class, () -> AiJsonLog.writeAtomically(file, log(2, 5).toJson(),
        (temporary, bytes) -> {
          Files.write(temporary, bytes);
          throw new OutOfMemoryError("simulated");
        }));

    assertUnchanged(file, before);
  }

  @Test
  void writeTo_afterAFailure_writesTheNewDocument() throws IOException {
    Path file = previous();
    AiJsonLog log = log(2, 5);
    assertThrows(IOException.class,
        () -> AiJsonLog.writeAtomically(file, log.toJson(), AiJsonLogFaultTest::diskFullHalfway));

    log.writeTo(file);

    assertThat(Files.readString(file)).isEqualTo(log.toJson());
    assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
  }

  private void assertUnchanged(Path file, String before) throws IOException {
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
  }
}
