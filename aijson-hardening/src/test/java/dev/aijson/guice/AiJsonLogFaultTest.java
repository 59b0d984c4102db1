package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.hardening.Figures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Named;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while a log is written: a write that fails midway (a full disk, an exception or an error
 * from the writer) leaves the previous file as it was and no temporary file; two
 * threads writing the same path leave one complete document, and a reader never sees a partial
 * one. Lives in {@code dev.aijson.guice} to reach the package-private writer seam of {@link
 * AiJsonLog}.
 */
class AiJsonLogFaultTest {
  private static final int WRITES_PER_THREAD = 300;
  private static final AtomicInteger FAULTS = new AtomicInteger();
  private static final AtomicInteger RACES = new AtomicInteger();
  private static final AtomicInteger RACE_WRITES = new AtomicInteger();
  private static final AtomicInteger RACE_READS = new AtomicInteger();

  @TempDir Path folder;

  static class Part {
    final int size;

    @Inject
    Part(@Named("size") int size) {
      this.size = size;
    }
  }

  /** Returns the JSON of a log holding {@code parts} parts of the given size. */
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
    assertThat(names(folder)).containsExactly("pipeline.json");
  }

  private void assertUnchanged(Path file, String before) throws IOException {
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(names(folder)).containsExactly("pipeline.json");
    FAULTS.incrementAndGet();
  }

  @Test
  void writeTo_twoThreadsOnOnePath_leaveOneCompleteDocument_andReadersNeverSeeAPart() throws Exception {
    Path file = folder.resolve("pipeline.json");
    List<String> documents = List.of(log(3, 200).toJson(), log(4, 300).toJson());
    Files.writeString(file, documents.get(0));
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] writers = new Thread[2];
    for (int w = 0; w < 2; w++) {
      AiJsonLog log = w == 0 ? log(3, 200) : log(4, 300);
      writers[w] = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < WRITES_PER_THREAD; i++) {
            log.writeTo(file);
            RACE_WRITES.incrementAndGet();
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      });
      writers[w].start();
    }
    Thread reader = new Thread(() -> {
      try {
        start.await();
        while (writing.get()) {
          String read = Files.readString(file, StandardCharsets.UTF_8);
          assertThat(documents).contains(read);
          AiJsonDocument.parse(read);
          RACE_READS.incrementAndGet();
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    });
    reader.start();

    start.countDown();
    for (Thread writer : writers) {
      writer.join();
    }
    writing.set(false);
    reader.join();

    assertWithMessage("a writer or the reader failed").that(failure.get()).isNull();
    assertThat(documents).contains(Files.readString(file));
    assertThat(names(folder)).containsExactly("pipeline.json");
    RACES.incrementAndGet();
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @AfterAll
  static void writeFigures() {
    if (FAULTS.get() == 0 || RACES.get() == 0) {
      return;
    }
    Figures.row("4-faults-write",
        "A write that fails midway leaves the previous file intact and no temporary file",
        FAULTS.get() + " failing writes: a full disk after half the bytes, a RuntimeException and"
            + " an Error from the writer",
        "previous file byte-identical and no temporary file left, every time",
        Map.of("faults", FAULTS.get()));
    Figures.row("4-faults-race",
        "Two threads writing the same path leave one complete document",
        "2 threads x " + WRITES_PER_THREAD + " writes of two different documents to one path, with a"
            + " reader parsing the file meanwhile",
        RACE_WRITES.get() + " writes, " + RACE_READS.get() + " reads: every read and the final file"
            + " one of the two documents, complete; no temporary file left",
        Map.of("writes", RACE_WRITES.get(), "reads", RACE_READS.get()));
  }
}
