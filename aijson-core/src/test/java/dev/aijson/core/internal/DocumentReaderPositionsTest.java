package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonLimits;
import org.junit.jupiter.api.Test;

/**
 * The reader tells the document when its vars are var0 to var(n-1) in order, so that the document
 * does not read every name again; a document whose names skip a number must still find each var
 * by its name, whichever parser read it.
 */
class DocumentReaderPositionsTest {
  private static String document(String... names) {
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {");
    for (int i = 0; i < names.length; i++) {
      json.append(i == 0 ? "" : ", ").append('"').append(names[i]).append("\": {\"kind\": \"constructor\","
          + " \"module\": \"acme\", \"caller\": \"Block\", \"signature\": [\"int\"], \"kwargs\": {\"width\": ")
          .append(i).append("}}");
    }
    return json.append("}}").toString();
  }

  @Test
  void varsInOrderAreFoundByTheirNumbers() {
    for (DocumentReader.Parsing parsing : DocumentReader.Parsing.values()) {
      AiJsonDocument read = DocumentReader.read(
          document("var0", "var1", "var2"), AiJsonLimits.defaults(), parsing);

      assertThat(read.position("var0")).isEqualTo(0);
      assertThat(read.position("var2")).isEqualTo(2);
      assertThat(read.position("var3")).isEqualTo(-1);
      assertThat(read.position("var02")).isEqualTo(-1);
      assertThat(read.var("var2").kwargs()).containsExactly("width", 2L);
    }
  }

  @Test
  void varsThatSkipANumberAreFoundByTheirNames() {
    for (DocumentReader.Parsing parsing : DocumentReader.Parsing.values()) {
      AiJsonDocument read = DocumentReader.read(
          document("var0", "var2", "var3"), AiJsonLimits.defaults(), parsing);

      assertThat(read.position("var0")).isEqualTo(0);
      assertThat(read.position("var2")).isEqualTo(1);
      assertThat(read.position("var3")).isEqualTo(2);
      assertThat(read.position("var1")).isEqualTo(-1);
      assertThat(read.var("var3").kwargs()).containsExactly("width", 2L);
    }
  }

  @Test
  void varsThatStartAfterZeroAreFoundByTheirNames() {
    AiJsonDocument read = DocumentReader.read(document("var1", "var2"), AiJsonLimits.defaults());

    assertThat(read.position("var1")).isEqualTo(0);
    assertThat(read.position("var2")).isEqualTo(1);
    assertThat(read.position("var0")).isEqualTo(-1);
  }

  @Test
  void aChangedEnvironmentKeepsTheVarsFoundAsBefore() {
    AiJsonDocument skipping = DocumentReader.read(document("var0", "var5"), AiJsonLimits.defaults());
    AiJsonDocument numbered = DocumentReader.read(document("var0", "var1"), AiJsonLimits.defaults());

    assertThat(skipping.withoutEnvironment().position("var5")).isEqualTo(1);
    assertThat(skipping.withEnvironment(java.util.Map.of("java", "17")).position("var1")).isEqualTo(-1);
    assertThat(numbered.withEnvironment(java.util.Map.of("java", "17")).position("var1")).isEqualTo(1);
  }
}
