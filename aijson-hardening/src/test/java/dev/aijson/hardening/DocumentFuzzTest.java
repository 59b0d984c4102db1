package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.replay.AiJsonReplayer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes reading documents and validating them for replay, without Guice. Seeded with the
 * documents recorded from {@link Pipeline} (see {@link SeedCorpusTest}); runs in regression mode
 * over {@code DocumentFuzzTestInputs/<method>/} in every build, and fuzzes with JAZZER_FUZZ=1.
 */
class DocumentFuzzTest {
  private static final FuzzRun PARSE = new FuzzRun("parse", "AiJsonDocument.parse");
  private static final FuzzRun REPLAYER = new FuzzRun("replayer", "AiJsonReplayer.of");

  /**
   * Reads any text: a document is read, or refused with a pointer; a read document writes JSON
   * that reads back as an equal document and writes the same bytes again.
   */
  @FuzzTest
  void parse(byte[] input) throws Throwable {
    String json = new String(input, StandardCharsets.UTF_8);
    PARSE.run(() -> {
      AiJsonDocument document = AiJsonDocument.parse(json);
      String written = document.toJson();
      AiJsonDocument again = AiJsonDocument.parse(written);
      assertThat(again).isEqualTo(document);
      assertThat(again.toJson()).isEqualTo(written);
    });
  }

  /** Validates any text for replay and builds every var of what passes, each in a fresh build. */
  @FuzzTest
  void replayer(byte[] input) throws Throwable {
    String json = new String(input, StandardCharsets.UTF_8);
    REPLAYER.run(() -> {
      AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.hardening").of(json);
      for (AiJsonVar var : replayer.document().vars()) {
        try {
          replayer.build(var.name());
        } catch (AiJsonException e) {
          assertThat(e.path()).isNotNull();
        }
      }
    });
  }

  @AfterAll
  static void writeFigures() {
    PARSE.finish();
    REPLAYER.finish();
  }
}
