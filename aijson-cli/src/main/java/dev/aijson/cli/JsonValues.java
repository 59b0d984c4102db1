package dev.aijson.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.aijson.core.AiJsonValues;

/**
 * Reads a command-line value as a document value. Text that starts as JSON does (an object, an
 * array, a string in quotes, a number, {@code true}, {@code false} or {@code null}) must be JSON
 * and is read as a document value ({@code "$var3"} a reference, {@code "$$x"} the string {@code
 * "$x"}); any other text is that string, with the same {@code $} rules, so that {@code adam} needs
 * no quotes.
 */
final class JsonValues {
  private JsonValues() {}

  static Object parse(String text) {
    if (looksLikeJson(text)) {
      return AiJsonValues.parse(text);
    }
    return AiJsonValues.parse('"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"');
  }

  private static boolean looksLikeJson(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return false;
    }
    char first = trimmed.charAt(0);
    return first == '{' || first == '[' || first == '"' || first == '-'
        || (first >= '0' && first <= '9')
        || trimmed.equals("true") || trimmed.equals("false") || trimmed.equals("null");
  }
}
