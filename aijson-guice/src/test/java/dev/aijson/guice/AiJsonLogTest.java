package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.PackageVersion;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.testing.FolderContents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
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
    assertThat(FolderContents.names(folder)).isEmpty();
  }

  @Test
  void writeTo_targetIsAFolder_failsLeavesItAndNoTemporaryFile() throws IOException {
    Path target = Files.createDirectory(folder.resolve("pipeline.json"));
    Files.writeString(target.resolve("keep.txt"), "keep");

    assertThrows(IOException.class, () -> logWithOnePart().writeTo(target));
    assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("keep");
  }

  @Test
  void toJson_emptyInjectorWithoutEnvironment_isAnEmptyDocument() {
    AiJsonModule module = new AiJsonModule().withoutEnvironment();

    assertThat(Guice.createInjector(module).getInstance(AiJsonLog.class).toJson())
        .isEqualTo("{\n  \"aijson\": 1,\n  \"vars\": {}\n}\n");
  }

  @Test
  void toJson_emptyInjector_hasOnlyTheEnvironment() {
    AiJsonLog log = Guice.createInjector(new AiJsonModule()).getInstance(AiJsonLog.class);
    Object guice = log.document().environment().get("guice");

    assertThat(String.valueOf(guice)).matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
    assertThat(log.toJson()).isEqualTo("{\n  \"aijson\": 1,\n  \"vars\": {},\n"
        + "  \"environment\": {\n"
        + "    \"java\": \"" + System.getProperty("java.version") + "\",\n"
        + "    \"guice\": \"" + guice + "\",\n"
        + "    \"classes\": {}\n"
        + "  }\n}\n");
  }

  static class Reader {
    @Inject
    Reader(JsonFactory factory, Part part) {}
  }

  @Test
  void document_byDefault_recordsTheJarAndVersionOfEachClass() {
    Injector injector = Guice.createInjector(new AiJsonModule(),
        binder -> binder.bind(JsonFactory.class).toInstance(new JsonFactory()));
    injector.getInstance(Reader.class);

    Map<String, Object> classes = classesOf(injector.getInstance(AiJsonLog.class).document());

    String jackson = PackageVersion.VERSION.toString();
    assertThat(classes).containsExactly(
        "com.fasterxml.jackson.core.JsonFactory",
        Map.of("jar", "jackson-core-" + jackson + ".jar", "version", jackson),
        "dev.aijson.guice.AiJsonLogTest$Part", Map.of("folder", "test-classes"),
        "dev.aijson.guice.AiJsonLogTest$Reader", Map.of("folder", "test-classes"));
  }

  @Test
  void document_withoutEnvironment_hasNoSection() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment());
    injector.getInstance(Part.class);

    assertThat(injector.getInstance(AiJsonLog.class).document().environment()).isEmpty();
    assertThat(injector.getInstance(AiJsonLog.class).toJson()).doesNotContain("environment");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> classesOf(AiJsonDocument document) {
    return (Map<String, Object>) document.environment().get("classes");
  }
}
