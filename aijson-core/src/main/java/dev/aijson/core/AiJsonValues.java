package dev.aijson.core;

import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.internal.DocumentReader;
import dev.aijson.core.internal.DocumentWriter;
import dev.aijson.core.internal.ValueEncoder;
import dev.aijson.core.internal.Values;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The value rules of the format, for code that reads, writes or compares the values in a
 * document: how a Java value becomes a document value, how a value is parsed from and written to
 * JSON, and how a string that starts with {@code $} is escaped.
 *
 * <p>A document value is one of: {@code null}, {@link Boolean}, {@link Long}, {@link
 * java.math.BigInteger} (integers past 64 bits), {@link java.math.BigDecimal} (every other
 * number, exact), {@link String}, {@link AiJsonRef} (a {@code "$varN"} reference), an
 * unmodifiable {@code List} of values, or an unmodifiable {@code Map<String, Object>} of values
 * in a fixed order. Records are written as maps of their components, enums by name, sets and
 * arrays as lists, and the non-finite doubles and negative zero as the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"} and {@code "-0.0"}.
 *
 * <pre>{@code
 * Object written = AiJsonValues.of(new Config(256, "adam"));   // {hidden=256, optimizer=adam}
 * String json = AiJsonValues.toJson(written);                   // {\n  "hidden": 256,\n  "optimizer": "adam"\n}
 * Object read = AiJsonValues.parse("[\"$var3\", \"$$x\"]");     // [$var3, $x]
 * }</pre>
 */
public final class AiJsonValues {
  private AiJsonValues() {}

  /** Receives each reference that {@link #forEachReference} finds. */
  @FunctionalInterface
  public interface ReferenceVisitor {
    /**
     * Receives one reference.
     *
     * @param ref the reference
     * @param pointer gives its JSON Pointer, built only if asked for: building one per element
     *     would cost the length of its path each time
     */
    void visit(AiJsonRef ref, Supplier<String> pointer);
  }

  /**
   * Calls {@code visitor} for every reference inside {@code value}, in document order, with its
   * JSON Pointer below {@code pointer}. This is how tools walk the edges of a document: for a var,
   * pass {@code var.kwargs()} and {@code var.members()}; its receiver is {@link
   * AiJsonVar#receiver()}.
   *
   * @param value a document value; null is the JSON null, which holds no reference
   * @param pointer the pointer of {@code value}, such as {@code "/vars/var3/kwargs"} or {@code ""}
   * @param visitor receives each reference
   * @throws NullPointerException if {@code pointer} or {@code visitor} is null
   */
  public static void forEachReference(Object value, String pointer, ReferenceVisitor visitor) {
    NullArguments.check(pointer, "AiJsonValues.forEachReference", "pointer", "Pass the value's"
        + " JSON Pointer, \"\" for a value alone.");
    NullArguments.check(visitor, "AiJsonValues.forEachReference", "visitor", "Pass a visitor.");
    Values.forEachRef(value, pointer, visitor);
  }

  /**
   * Returns {@code value} as a document value, as the recorder writes an argument that is a JSON
   * value. An {@link AiJsonRef} is returned as it is.
   *
   * @param value a JSON value (scalar, enum, record, collection, map with string keys, array), an
   *     {@link AiJsonRef}, or null
   * @return the document value
   * @throws AiJsonException if {@code value} is not a JSON value, naming its class
   */
  public static Object of(Object value) {
    return value == null ? null : ValueEncoder.encode(value, "");
  }

  /**
   * Returns the document value that {@code json} holds, read with the rules of a document:
   * {@code "$varN"} is a reference, {@code "$$x"} the string {@code "$x"}, numbers are exact, and
   * the default {@link AiJsonLimits} apply.
   *
   * @param json the JSON text of one value, such as {@code 512}, {@code "adam"} or {@code [1, 2]}
   * @return the document value
   * @throws AiJsonException if {@code json} is not valid JSON, breaks a limit, or has a string
   *     that starts with {@code $} but is not a reference; the pointer is inside the value
   */
  public static Object parse(String json) {
    return DocumentReader.readValue(json, AiJsonLimits.defaults());
  }

  /**
   * Returns the JSON text of a document value as a document writes it, with {@code $} escaped.
   *
   * @param value a document value, such as one from {@link #of} or {@link AiJsonVar#kwargs()};
   *     null is the JSON null
   * @return its JSON text
   * @throws IllegalArgumentException if {@code value} is not a document value
   */
  public static String toJson(Object value) {
    return DocumentWriter.valueJson(documentValue(value, "toJson"));
  }

  private static Object documentValue(Object value, String method) {
    try {
      return Values.copy(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("AiJsonValues." + method + ": " + e.getMessage()
          + ". Convert a Java value with AiJsonValues.of first.", e);
    }
  }

  /**
   * Returns {@code text} as it is written in a document: a string that starts with {@code $}
   * gets one more {@code $} in front, so that it is never read as a reference.
   *
   * @param text a string value
   * @return its written form
   * @throws NullPointerException if {@code text} is null
   */
  public static String escape(String text) {
    NullArguments.check(text, "AiJsonValues.escape", "text", "Pass a string.");
    return text.startsWith("$") ? "$" + text : text;
  }

  /**
   * Returns a document value on one line for people to read, at most {@code limit} characters
   * (cut with {@code ...}): compact JSON, with each reference followed by the caller of its var
   * when {@code document} is given, such as {@code [$var0 (SubwordTokenizer), 3]}.
   *
   * @param value a document value; null is the JSON null
   * @param document the document the value belongs to, or null to show references alone
   * @param limit the most characters to return, at least 4
   * @return the value on one line
   * @throws IllegalArgumentException if {@code limit} is less than 4, or {@code value} is not a
   *     document value
   */
  public static String show(Object value, AiJsonDocument document, int limit) {
    if (limit < 4) {
      throw new IllegalArgumentException("AiJsonValues.show: limit is " + limit + ", but a value"
          + " cut short needs at least 4 characters. Pass a limit of 4 or more.");
    }
    StringBuilder out = new StringBuilder();
    compact(documentValue(value, "show"), document, out, limit);
    if (out.length() > limit) {
      out.setLength(limit - 3);
      out.append("...");
    }
    return out.toString();
  }

  private static void compact(Object value, AiJsonDocument document, StringBuilder out, int limit) {
    if (out.length() > limit) {
      return;
    }
    if (value instanceof AiJsonRef ref) {
      out.append(ref);
      if (document != null) {
        document.find(ref.var()).ifPresent(v -> out.append(" (").append(v.caller()).append(')'));
      }
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        compact(list.get(i), document, out, limit);
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ", ").append(DocumentWriter.valueJson(entry.getKey())).append(": ");
        first = false;
        compact(entry.getValue(), document, out, limit);
      }
      out.append('}');
    } else {
      out.append(DocumentWriter.valueJson(value));
    }
  }
}
