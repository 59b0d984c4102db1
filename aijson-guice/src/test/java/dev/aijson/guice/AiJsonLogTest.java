package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exporting a log: the JSON and the atomic file write. */
class AiJsonLogTest {
  @TempDir Path folder;

  static class Part {
    @Inject
    Part() {}
  }

  private static AiJsonLog logWithOnePart() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    injector.getInstance(Part.class);
    return injector.getInstance(AiJsonLog.class);
  }

  @Test
  void writeTo_newFile_holdsTheJsonAndNoTemporaryFileRemains() throws IOException {
    AiJsonLog log = logWithOnePart();
    Path file = folder.resolve("pipeline.json");

    log.writeTo(file);

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(log.toJson());
    assertThat(list(folder)).containsExactly("pipeline.json");
  }

  @Test
  void writeTo_existingFile_isReplaced() throws IOException {
    Path file = folder.resolve("pipeline.json");
    Files.writeString(file, "old");

    logWithOnePart().writeTo(file);

    assertThat(Files.readString(file)).startsWith("{\n  \"aijson\": 1,");
  }

  @Test
  void writeTo_missingFolder_failsAndWritesNothing() {
    Path file = folder.resolve("missing").resolve("pipeline.json");

    assertThrows(IOException.class, () -> logWithOnePart().writeTo(file));
    assertThat(list(folder)).isEmpty();
  }

  @Test
  void writeTo_targetIsAFolder_failsLeavesItAndNoTemporaryFile() throws IOException {
    Path target = Files.createDirectory(folder.resolve("pipeline.json"));
    Files.writeString(target.resolve("keep.txt"), "keep");

    assertThrows(IOException.class, () -> logWithOnePart().writeTo(target));
    assertThat(list(folder)).containsExactly("pipeline.json");
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("keep");
  }

  @Test
  void toJson_emptyInjector_isAnEmptyDocument() {
    assertThat(Guice.createInjector(new AiJsonModule()).getInstance(AiJsonLog.class).toJson())
        .isEqualTo("{\n  \"aijson\": 1,\n  \"vars\": {}\n}\n");
  }

  private static java.util.List<String> list(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
