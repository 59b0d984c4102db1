package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader's own parser reads strict JSON and leaves everything else to Jackson's parser, which
 * then reads the text again: a text must read to the same value, or be refused with the same
 * message and pointer, whichever parser reads it. Compared here on valid texts of every JSON form
 * (each must be read by the own parser), on bad ones (none may be), and on thousands of texts
 * made by breaking a valid document one character at a time.
 */
class DocumentReaderOwnParserTest {
  private static final AiJsonLimits LIMITS = AiJsonLimits.defaults();

  private static final String DOCUMENT =
      "{\"aijson\": 1, \"vars\": {\n"
          + "  \"var0\": {\"kind\": \"constructor\", \"module\": \"acme.TrainingModule\", \"caller\": \"Main#main\","
          + " \"signature\": [\"int\", \"java.lang.String\"], \"kwargs\": {\"size\": 30000, \"name\": \"caf\\u00e9 \\\"bpe\\\"\\n\\t/\\/\"}},\r\n"
          + "\t\"var1\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Main\",\"signature\":[\"double\","
          + "\"java.util.List<java.lang.Long>\",\"java.util.Map<java.lang.String, java.lang.Object>\"],"
          + "\"kwargs\":{\"rate\":-1.5e-3,\"ids\":[0,-0,9223372036854775807,-9223372036854775808,9223372036854775808,12345678901234567890123],"
          + "\"extra\":{\"a\":true,\"b\":false,\"c\":null,\"d\":[],\"e\":{},\"f\":\"$$var0\",\"g\":\"$var0\",\"h\":0.0,\"i\":1E+2}}}\n"
          + "}, \"environment\": {\"java\": \"17\"}}";

  private static String outcome(String json, boolean value, DocumentReader.Parsing parsing) {
    try {
      Object read = value
          ? DocumentReader.readValue(json, LIMITS, parsing)
          : DocumentReader.read(json, LIMITS, parsing);
      return "read " + read;
    } catch (AiJsonException e) {
      return "refused at " + e.path() + ": " + e.getMessage();
    }
  }

  private static void assertSameOutcome(String json) {
    for (boolean value : new boolean[] {false, true}) {
      assertWithMessage("%s", json)
          .that(outcome(json, value, DocumentReader.Parsing.OWN))
          .isEqualTo(outcome(json, value, DocumentReader.Parsing.READER));
    }
  }

  @Test
  void validTexts_areReadByTheOwnParser_asByJacksons() {
    String[] texts = {
      DOCUMENT, "{\"aijson\": 1, \"vars\": {}}", "0", "-0", "1.0", "-12.5E-7", "1e400", "true", "false",
      "null", "\"\"", "\" \\\\ \\b\\f\\r \\uD83D\\uDE00 \\ud800\"", " [ 1 , [ [ ] ] , { } ] ", "\"\u00e9\u4e2d\uD83D\uDE00\"",
      "{\"k\": 12345678901234567890}", "[999999999999999999, -999999999999999999, 1000000000000000000]",
      "[" + "[".repeat(40) + "]".repeat(40) + "]", "{\"" + "n".repeat(200) + "\": 1}",
    };
    for (String text : texts) {
      assertWithMessage("%s", text).that(DocumentReader.readsOwn(text, LIMITS)).isTrue();
      assertSameOutcome(text);
    }
  }

  /**
   * The own parser keeps the last decimal it read by its text, for the next var's equal
   * hyperparameter: a decimal of the same length but other digits, another scale ({@code 0.10})
   * or another exponent is a value of its own.
   */
  @Test
  void repeatedDecimals_areEachReadAsWritten_byBothParsers() {
    String[] decimals = {"0.1", "0.2", "0.1", "0.1", "0.10", "0.1", "1e3", "1E3", "2e3", "1e3", "-0.1",
        "0.1", "2.5", "2.5", "1.0", "1"};
    String text = "[" + String.join(", ", decimals) + "]";

    java.util.List<?> read = (java.util.List<?>) DocumentReader.readValue(text, LIMITS, DocumentReader.Parsing.OWN);

    assertThat(DocumentReader.readsOwn(text, LIMITS)).isTrue();
    assertThat(read).hasSize(decimals.length);
    for (int i = 0; i < decimals.length; i++) {
      Object expected = decimals[i].equals("1") ? (Object) 1L : new java.math.BigDecimal(decimals[i]);
      assertWithMessage("element %s, %s", i, decimals[i]).that(read.get(i)).isEqualTo(expected);
    }
    assertSameOutcome(text);
  }

  @Test
  void badTexts_areLeftToJacksonsParser_andRefusedAsBefore() {
    String[] texts = {
      "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[01]", "[-]", "[1.]", "[.5]",
      "[1e]", "[1e+]", "[+1]", "[1x]", "[NaN]", "[Infinity]", "[-Infinity]", "[tru]", "[truex]", "[nul]",
      "\"\\q\"", "\"\\u12G4\"", "\"\\u12\"", "\"unclosed", "\"tab\there\"", "[1] [2]", "{} x", "// c\n1",
      "\uFEFF{}", "[1\u00a0]", "{\"a\":1,\"a\":2}", "\"$x\"", "[\"$var\"]", "{\"a\\u0062\":1}",
      "[1e2147483648]", "[" + "1".repeat(70) + "]", "[" + "[".repeat(300) + "]".repeat(300) + "]",
      "\"" + "x".repeat(LIMITS.maxStringChars() + 1) + "\"",
      "\"" + "x\\n".repeat(LIMITS.maxStringChars() / 2 + 1) + "\"",
      "{\"aijson\": 1, \"vars\": {\"var1\": {}, \"var0\": {}}}",
    };
    for (String text : texts) {
      String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
      boolean ownReads = DocumentReader.readsOwn(text, LIMITS);
      boolean jacksonReads = !outcome(text, true, DocumentReader.Parsing.READER).startsWith("refused");
      // the own parser leaves every refused text, and some that are read, to Jackson's
      if (!jacksonReads) {
        assertWithMessage("%s", shown).that(ownReads).isFalse();
      }
      assertSameOutcome(text);
    }
  }

  @Test
  void textsBrokenOneCharacterAtATime_readOrAreRefusedAlike() {
    Random random = new Random(14);
    String inserted = "{}[]\",:\\ 0123456789.eE+-tfnulx$\u0000\t\n\u00e9";
    int refused = 0;
    for (int i = 0; i < 3_000; i++) {
      StringBuilder text = new StringBuilder(DOCUMENT);
      for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, inserted.charAt(random.nextInt(inserted.length())));
          default -> text.setCharAt(at, inserted.charAt(random.nextInt(inserted.length())));
        }
      }
      String json = text.toString();
      String own = outcome(json, false, DocumentReader.Parsing.OWN);
      assertWithMessage("%s", json).that(own).isEqualTo(outcome(json, false, DocumentReader.Parsing.READER));
      refused += own.startsWith("refused") ? 1 : 0;
    }
    // most breaks are refused, some (a digit more, a space) read: both kinds were compared
    assertThat(refused).isGreaterThan(1_000);
    assertThat(refused).isLessThan(3_000);
  }
}
