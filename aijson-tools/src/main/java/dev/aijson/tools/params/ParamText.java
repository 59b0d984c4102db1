package dev.aijson.tools.params;

import dev.aijson.core.AiJsonValues;
import dev.aijson.core.internal.DocumentWriter;
import java.util.List;
import java.util.Map;

/** The text forms of parameters: JSON, plain text, TSV and java.util.Properties lines. */
final class ParamText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private ParamText() {}

  /** Returns a parameter value as JSON: strings quoted (no {@code $} escaping), the rest as written. */
  static String json(Object value) {
    if (value instanceof String text) {
      return jsonString(text);
    }
    if (value instanceof List<?>) {
      return "[]";
    }
    if (value instanceof Map<?, ?>) {
      return "{}";
    }
    // null, booleans and numbers, as a document writes them
    return AiJsonValues.toJson(value);
  }

  /** Returns a parameter value as plain text: a string as itself, anything else as its JSON. */
  static String plain(Object value) {
    return value instanceof String text ? text : json(value);
  }

  /** Returns {@code text} as a JSON string, escaped as the document writer escapes strings. */
  static String jsonString(String text) {
    return DocumentWriter.quote(text);
  }

  /**
   * Returns {@code text} for one TSV field: backslash, tab, newline and return escaped, and a lone
   * surrogate (which JSON's {@code \}{@code ud800} allows but UTF-8 cannot encode) written as
   * {@code \}{@code ud800}, lowercase as documents write it.
   */
  static String tsv(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (isLoneSurrogate(text, i)) {
            unicode(out, c, HEX);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean isLoneSurrogate(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
  }

  /**
   * Returns {@code text} escaped as {@link java.util.Properties#store(java.io.OutputStream,
   * String)} escapes it: a key's spaces, a value's leading space, {@code \ = : # !}, the control
   * characters by name or as {@code \}{@code uXXXX}, and every character outside printable ASCII
   * as {@code \}{@code uXXXX}, so that the text is ASCII and {@code Properties.load} reads it back.
   */
  static String properties(String text, boolean key) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case ' ' -> out.append(i == 0 || key ? "\\ " : " ");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!' -> out.append('\\').append(c);
        default -> {
          if (c < 0x20 || c > 0x7e) {
            unicode(out, c, UPPER_HEX);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static void unicode(StringBuilder out, char c, char[] digits) {
    out.append("\\u").append(digits[(c >> 12) & 0xf]).append(digits[(c >> 8) & 0xf])
        .append(digits[(c >> 4) & 0xf]).append(digits[c & 0xf]);
  }
}
