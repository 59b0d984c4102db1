package dev.aijson.tools.codegen;

import dev.aijson.tools.graphs.AiJsonGraphs;
import java.util.List;

/** The layout of the generated text, kept within {@value #WIDTH} columns for code review. */
final class SourceText {
  static final int WIDTH = 100;

  private SourceText() {}

  /**
   * Returns {@code start}, the items joined by ", " and {@code end} on one line if it fits in
   * {@value #WIDTH} columns, else with each item on its own line at {@code indent}.
   */
  static String wrap(String start, List<String> items, String end, String indent) {
    String line = start + String.join(", ", items) + end;
    if (line.length() <= WIDTH || items.isEmpty()) {
      return line;
    }
    return start + "\n" + indent + String.join(",\n" + indent, items) + end;
  }

  /** Returns a {@code //} comment of {@code text} in the members' indent, wrapped at the width. */
  static String lineComment(String text) {
    StringBuilder out = new StringBuilder();
    fill(out, "  // ", text.split(" "));
    return out.toString();
  }

  /** Returns a javadoc comment of {@code text} at {@code indent}, wrapped at the width. */
  static String javadoc(String text, String indent) {
    if (indent.length() + 8 + text.length() <= WIDTH) {
      return indent + "/** " + text + " */\n";
    }
    StringBuilder out = new StringBuilder(indent).append("/**\n");
    // a {@code ...} span is never broken: a line starting with @ would be a block tag
    StringBuilder joined = new StringBuilder();
    int depth = 0;
    for (char c : text.toCharArray()) {
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      joined.append(c == ' ' && depth > 0 ? '\u0000' : c);
    }
    String[] words = joined.toString().split(" ");
    for (int i = 0; i < words.length; i++) {
      words[i] = words[i].replace('\u0000', ' ');
    }
    fill(out, indent + " * ", words);
    return out.append(indent).append(" */\n").toString();
  }

  /** Returns {@code {@code text}} with package names dropped, for javadoc. */
  static String code(String text) {
    // a newline in a key would end the comment's line: control characters as their escapes
    StringBuilder visible = new StringBuilder();
    for (char c : AiJsonGraphs.shorten(text).replace('$', '.').toCharArray()) {
      visible.append(c < 0x20 ? ValueWriter.escapeRaw(String.valueOf(c)) : String.valueOf(c));
    }
    String shortened = visible.toString();
    // {@code} cannot hold unbalanced braces, and */ would end the comment; so would a key's
    // \u002a/, which javac reads as */ wherever it stands, so a backslash is written as its entity
    return shortened.contains("{") || shortened.contains("}") || shortened.contains("*/")
            || shortened.contains("\\")
        ? shortened.replace("&", "&amp;").replace("\\", "&#92;").replace("*/", "*&#47;")
            .replace("@", "{@literal @}").replace("<", "&lt;").replace(">", "&gt;")
        : "{@code " + shortened + "}";
  }

  /** Appends {@code words} as lines that start with {@code prefix}, as many to a line as fit. */
  private static void fill(StringBuilder out, String prefix, String[] words) {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      if (line.length() > 0 && prefix.length() + line.length() + 1 + word.length() > WIDTH) {
        out.append(prefix).append(line).append('\n');
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    out.append(prefix).append(line).append('\n');
  }
}
