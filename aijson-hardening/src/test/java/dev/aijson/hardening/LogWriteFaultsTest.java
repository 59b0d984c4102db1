package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.testing.FolderContents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while a log is written, through the public API only: {@link AiJsonLog#writeTo(Path)}
 * onto a {@link FaultyFileSystem} whose streams fail halfway (a full disk, an exception or an
 * error from the file system) leaves the previous file as it was and no temporary file; two
 * threads writing the same path leave one complete document, and a reader never sees a partial
 * one. Leaves the figures of section 4 of docs/RELIABILITY.md.
 */
class LogWriteFaultsTest {
  private static final int WRITES_PER_THREAD = 300;
  private static final AtomicInteger FAULTS = new AtomicInteger();
  private static final AtomicInteger RACES = new AtomicInteger();
  private static final AtomicInteger RACE_WRITES = new AtomicInteger();
  private static final AtomicInteger RACE_READS = new AtomicInteger();

  @TempDir Path folder;

  /**
   * Returns the log of training code that trains the {@link Pipeline} classifier with {@code
   * fits} logged calls of {@code epochs} epochs each.
   */
  private static AiJsonLog trainingLog(int epochs, int fits) {
    Injector injector = Guice.createInjector(new AiJsonModule(), new Pipeline.TrainingModule());
    Pipeline.Classifier classifier = injector.getInstance(Pipeline.Classifier.class);
    Pipeline.Trainer trainer = injector.getInstance(Pipeline.Trainer.class);
    for (int i = 0; i < fits; i++) {
      trainer.fit(classifier, epochs, 0.1);
    }
    return injector.getInstance(AiJsonLog.class);
  }

  /** Writes a previous training log to pipeline.json and returns the file. */
  private Path previous() throws IOException {
    Path file = folder.resolve("pipeline.json");
    Files.writeString(file, trainingLog(1, 1).toJson());
    return file;
  }

  @Test
  void writeTo_diskFullHalfway_leavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = previous();
    String before = Files.readString(file);
    FaultyFileSystem disk = new FaultyFileSystem();
    disk.failWritesWith(() -> {
      throw new IOException("No space left on device");
    });

    IOException e = assertThrows(IOException.class, () -> trainingLog(2, 1).writeTo(disk.path(file)));

    assertThat(e).hasMessageThat().isEqualTo("No space left on device");
    assertUnchanged(file, before);
  }

  @Test
  void writeTo_fileSystemThrowsARuntimeException_leavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = previous();
    String before = Files.readString(file);
    FaultyFileSystem disk = new FaultyFileSystem();
    disk.failWritesWith(() -> {
      throw new IllegalStateException("driver broke");
    });

    assertThrows(IllegalStateException.class, () -> trainingLog(2, 1).writeTo(disk.path(file)));

    assertUnchanged(file, before);
  }

  @Test
  void writeTo_fileSystemThrowsAnError_leavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path file = previous();
    String before = Files.readString(file);
    FaultyFileSystem disk = new FaultyFileSystem();
    disk.failWritesWith(() -> {
      throw new OutOfMemoryError("simulated");
    });

    assertThrows(OutOfMemoryError.class, () -> trainingLog(2, 1).writeTo(disk.path(file)));

    assertUnchanged(file, before);
  }

  @Test
  void writeTo_fileSystemWorking_writesTheDocument() throws IOException {
    Path file = previous();
    AiJsonLog log = trainingLog(2, 1);

    log.writeTo(new FaultyFileSystem().path(file));

    assertThat(Files.readString(file)).isEqualTo(log.toJson());
    assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
  }

  private void assertUnchanged(Path file, String before) throws IOException {
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
    FAULTS.incrementAndGet();
  }

  @Test
  void writeTo_twoThreadsOnOnePath_leaveOneCompleteDocument_andReadersNeverSeeAPart() throws Exception {
    Path file = folder.resolve("pipeline.json");
    List<String> documents = List.of(trainingLog(3, 200).toJson(), trainingLog(4, 300).toJson());
    Files.writeString(file, documents.get(0));
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] writers = new Thread[2];
    for (int w = 0; w < 2; w++) {
      AiJsonLog log = w == 0 ? trainingLog(3, 200) : trainingLog(4, 300);
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
    assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
    RACES.incrementAndGet();
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
