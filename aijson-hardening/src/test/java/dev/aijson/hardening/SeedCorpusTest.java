package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the fuzzers' seed inputs equal to documents recorded from {@link Pipeline} today, so
 * that they stay real documents. Run with {@code -Dseeds.write=true} to rewrite them after a
 * change of the fixtures or of the format.
 */
class SeedCorpusTest {
  /** The directories of the fuzz targets' inputs, by Jazzer's convention. */
  static final List<Path> TARGETS = List.of(
      inputs("DocumentFuzzTest", "parse"),
      inputs("DocumentFuzzTest", "replayer"),
      inputs("ReplayModuleFuzzTest", "from"));

  static Path inputs(String testClass, String method) {
    return Path.of("src/test/resources/dev/aijson/hardening", testClass + "Inputs", method);
  }

  @Test
  void seeds_equalTheDocumentsRecordedToday() throws IOException {
    Map<String, String> documents = RealDocuments.all();
    boolean write = Boolean.getBoolean("seeds.write");
    for (Path target : TARGETS) {
      for (Map.Entry<String, String> document : documents.entrySet()) {
        Path seed = target.resolve("seed-" + document.getKey() + ".json");
        if (write) {
          Files.createDirectories(target);
          Files.writeString(seed, document.getValue(), StandardCharsets.UTF_8);
        }
        assertWithMessage("%s (rewrite with -Dseeds.write=true)", seed)
            .that(Files.exists(seed) ? Files.readString(seed, StandardCharsets.UTF_8) : null)
            .isEqualTo(document.getValue());
      }
    }
  }
}
