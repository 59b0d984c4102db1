package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Where Jackson's parser reads a document (a document the reader's own parser leaves to it), a
 * document of one to 64 million characters is parsed from one array of its characters, others
 * through a reader that hands the parser 4,000 characters at a time. Both must read the same
 * document as the own parser does, and refuse a bad one with the same message and pointer,
 * wherever the reader's seams fall: inside numbers, names, escapes and long strings.
 */
class DocumentReaderOneArrayTest {
  private static final int VARS = 3_000;

  /** Vars whose numbers, escapes, names and strings are of many lengths, so that seams split each. */
  private static String document(String last) {
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {");
    for (int i = 0; i < VARS; i++) {
      json.append(i == 0 ? "" : ",").append("\"var").append(i)
          .append("\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Layer\","
              + " \"signature\": [\"long\", \"java.math.BigDecimal\", \"java.lang.String\","
              + " \"java.util.List<java.lang.String>\"], \"kwargs\": {\"width\": ")
          .append(-7L * i * i * i)
          .append(", \"rate\": ").append(i).append('.').append("0000000000000000000000".substring(i % 20)).append(i % 97)
          .append(", \"label\": \"caf\\u00e9 \\\"").append("x".repeat(i % 41)).append("\\\"\\n\"")
          .append(", \"tags\": [\"$$").append(i).append("\", \"").append("t".repeat(i % 13)).append("\"]}}");
    }
    return json.append(last).toString();
  }

  private static AiJsonException refusal(String json, DocumentReader.Parsing parsing) {
    return assertThrows(
        AiJsonException.class, () -> DocumentReader.read(json, AiJsonLimits.defaults(), parsing));
  }

  @Test
  void read_ofOneArrayAndThroughAReader_giveEqualDocuments() {
    String json = document("}}");
    assertThat(json.length()).isGreaterThan(100 * 4_000);

    AiJsonDocument fromArray = DocumentReader.read(json, AiJsonLimits.defaults(), DocumentReader.Parsing.ONE_ARRAY);
    AiJsonDocument fromReader = DocumentReader.read(json, AiJsonLimits.defaults(), DocumentReader.Parsing.READER);
    AiJsonDocument own = DocumentReader.read(json, AiJsonLimits.defaults(), DocumentReader.Parsing.OWN);

    assertThat(fromArray).isEqualTo(fromReader);
    assertThat(fromArray.toJson()).isEqualTo(fromReader.toJson());
    assertThat(DocumentReader.readsOwn(json, AiJsonLimits.defaults())).isTrue();
    assertThat(own).isEqualTo(fromReader);
    assertThat(own.toJson()).isEqualTo(fromReader.toJson());
    assertThat(fromArray.vars()).hasSize(VARS);
    assertThat(fromArray.var("var2999").kwargs())
        .containsExactly("width", -7L * 2999 * 2999 * 2999,
            "rate", new BigDecimal(2999 + "." + "0000000000000000000000".substring(2999 % 20) + 2999 % 97),
            "label", "café \"" + "x".repeat(2999 % 41) + "\"\n",
            "tags", java.util.List.of("$2999", "t".repeat(2999 % 13)))
        .inOrder();
  }

  @Test
  void read_ofBadDocumentsOfOneArrayAndThroughAReader_giveTheSameRefusal() {
    String[] endings = {
      "", // cut off after the last var
      "}", // the vars closed, the document not
      "}} {}", // content after the end
      ", \"var0\": {}}}", // a var named twice, past thousands of seams
      ", \"var3000\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Layer\","
          + " \"signature\": [], \"kwargs\": {\"width\": 12x}}}}", // a bad number
      ", \"var3000\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Layer\","
          + " \"signature\": [], \"kwargs\": {\"label\": \"\\q\"}}}}", // a bad escape
      ", \"var3000\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Layer\","
          + " \"signature\": [], \"kwargs\": {\"deep\": " + "[".repeat(80) + "]".repeat(80) + "}}}}",
    };
    for (String ending : endings) {
      String json = document(ending);

      AiJsonException fromArray = refusal(json, DocumentReader.Parsing.ONE_ARRAY);
      AiJsonException fromReader = refusal(json, DocumentReader.Parsing.READER);
      AiJsonException own = refusal(json, DocumentReader.Parsing.OWN);

      assertThat(fromArray).hasMessageThat().isEqualTo(fromReader.getMessage());
      assertThat(fromArray.path()).isEqualTo(fromReader.path());
      assertThat(own).hasMessageThat().isEqualTo(fromReader.getMessage());
      assertThat(own.path()).isEqualTo(fromReader.path());
    }
  }
}
