package dev.aijson.core.internal;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a document as deterministic JSON: fields in a fixed order, two-space indentation, arrays
 * of scalars on one line, a newline at the end. Strings starting with {@code $} get one more.
 */
public final class DocumentWriter {
  private final StringBuilder out;

  private DocumentWriter(StringBuilder out) {
    this.out = out;
  }

  public static String write(AiJsonDocument document) {
    // a var takes about 400 characters: one buffer that rarely has to grow, for large documents
    StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, 256 + document.vars().size() * 512L));
    new DocumentWriter(out).document(document);
    return out.toString();
  }

  public static String valueJson(Object value) {
    StringBuilder out = new StringBuilder();
    new DocumentWriter(out).value(value, 0);
    return out.toString();
  }

  private void document(AiJsonDocument document) {
    out.append("{\n  \"aijson\": ").append(AiJsonDocument.FORMAT).append(",\n  \"vars\": ");
    List<AiJsonVar> vars = document.vars();
    if (vars.isEmpty()) {
      out.append("{}");
    } else {
      out.append('{');
      for (int i = 0; i < vars.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n");
        indent(2);
        string(vars.get(i).name());
        out.append(": ");
        var(vars.get(i));
      }
      out.append('\n');
      indent(1);
      out.append('}');
    }
    if (document.isCut()) {
      out.append(",\n  \"cut\": {\n    \"cap\": ").append(document.cap());
      if (document.byteBudget() > 0) {
        out.append(",\n    \"bytes\": ").append(document.byteBudget());
      }
      out.append(",\n    \"dropped\": ").append(document.droppedVars()).append("\n  }");
    }
    if (!document.environment().isEmpty()) {
      out.append(",\n  \"environment\": ");
      value(document.environment(), 1);
    }
    out.append("\n}\n");
  }

  private void var(AiJsonVar var) {
    out.append("{\n");
    field("kind", var.kind().jsonName(), true);
    field("module", var.module(), false);
    field("caller", var.caller(), false);
    if (var.key() != null) {
      field("key", var.key(), false);
    }
    if (var.singleton()) {
      field("scope", "singleton", false);
    }
    if (var.receiver() != null) {
      field("receiver", var.receiver(), false);
    }
    if (var.kind().hasArguments()) {
      field("signature", var.signature(), false);
      field("kwargs", var.kwargs(), false);
    }
    if (!var.members().isEmpty()) {
      field("members", var.members(), false);
    }
    if (var.factory() != null) {
      field("factory", factoryValue(var.factory()), false);
    }
    out.append('\n');
    indent(2);
    out.append('}');
  }

  /** Returns the {@code factory} field of a var as the document object it is written as. */
  public static Map<String, Object> factoryValue(AiJsonVar.Factory factory) {
    Map<String, Object> value = new java.util.LinkedHashMap<>();
    value.put("key", factory.key());
    value.put("method", factory.method());
    value.put("assisted", factory.assisted());
    return value;
  }

  private void field(String name, Object value, boolean first) {
    if (!first) {
      out.append(",\n");
    }
    indent(3);
    string(name);
    out.append(": ");
    value(value, 3);
  }

  private void value(Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      if (s.startsWith("$")) {
        string("$" + s);
      } else {
        string(s);
      }
    } else if (value instanceof AiJsonRef ref) {
      string(ref.toString());
    } else if (value instanceof Boolean || value instanceof Long || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toString());
    } else if (value instanceof List<?> list) {
      list(list, depth);
    } else if (value instanceof Map<?, ?> map) {
      object(map, depth);
    } else {
      throw new IllegalStateException("not a document value: " + value.getClass().getName());
    }
  }

  private void list(List<?> list, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean scalars = true;
    for (Object element : list) {
      scalars &= !(element instanceof List || element instanceof Map);
    }
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (scalars) {
        out.append(i == 0 ? "" : ", ");
      } else {
        out.append(i == 0 ? "\n" : ",\n");
        indent(depth + 1);
      }
      value(list.get(i), depth + 1);
    }
    if (!scalars) {
      out.append('\n');
      indent(depth);
    }
    out.append(']');
  }

  private void object(Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    if (map instanceof Values.DocumentMap document) {
      for (int i = 0; i < document.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n");
        indent(depth + 1);
        string(document.keyAt(i));
        out.append(": ");
        value(document.valueAt(i), depth + 1);
      }
      out.append('\n');
      indent(depth);
      out.append('}');
      return;
    }
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(first ? "\n" : ",\n");
      first = false;
      indent(depth + 1);
      string((String) entry.getKey());
      out.append(": ");
      value(entry.getValue(), depth + 1);
    }
    out.append('\n');
    indent(depth);
    out.append('}');
  }

  private void indent(int depth) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  /**
   * Returns {@code text} as a JSON string literal, escaped exactly as a document writes strings,
   * without the {@code $} rule (which is the caller's: document values go through {@code value}).
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    new DocumentWriter(out).string(text);
    return out.toString();
  }

  private void string(String s) {
    out.append('"');
    if (isPlain(s)) {
      out.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || isLoneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Returns whether {@code s} needs no escape: most names, types and values do not. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x2028 && (c <= 0x2029 || Character.isSurrogate(c))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
