package dev.aijson.tools.graphs;

import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Draws a document as a graph, in Graphviz DOT or in Mermaid: one node per var, labelled with
 * its name, its class and its JSON arguments, and one edge per reference, labelled with the
 * argument that holds it and pointing from the object that received it to the var that built
 * it. An object shared by several others is one node with several edges into it. Singletons
 * have a double border and say {@code singleton}; {@code @Provides} vars are rounded,
 * {@code call} vars are ellipses (their receiver edge is dashed) and {@code opaque} vars, which
 * serving code supplies, have a dashed border.
 *
 * <pre>{@code
 * AiJsonDocument document = AiJsonDocument.parse(Files.readString(Path.of("pipeline.json")));
 * Files.writeString(Path.of("pipeline.dot"), AiJsonGraphs.toDot(document));
 * // dot -Tsvg pipeline.dot -o pipeline.svg
 * }</pre>
 */
public final class AiJsonGraphs {
  private static final int MAX_VALUE_CHARS = 40;
  /** A qualified Java name: its package part is dropped in labels. */
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(?:[a-z_][A-Za-z0-9_]*\\.)+([A-Za-z_$][A-Za-z0-9_$]*)");

  private AiJsonGraphs() {}

  /**
   * Returns the document as a Graphviz {@code digraph}, ready for {@code dot -Tsvg}.
   *
   * @param document the document to draw
   * @return the DOT source, ending with a newline
   * @throws NullPointerException if {@code document} is null
   */
  public static String toDot(AiJsonDocument document) {
    check(document, "toDot");
    StringBuilder out = new StringBuilder();
    out.append("digraph aijson {\n");
    out.append("  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (AiJsonVar var : document.vars()) {
      Node node = node(var);
      out.append("  ").append(var.name()).append(" [label=\"").append(dot(node.title()))
          .append("\\n");
      for (String line : node.lines()) {
        out.append(dot(line)).append("\\l");
      }
      out.append('"');
      switch (var.kind()) {
        case PROVIDES -> out.append(", style=rounded");
        case CALL -> out.append(", shape=ellipse");
        case OPAQUE -> out.append(", style=dashed");
        case UNOBSERVED -> out.append(", style=dotted");
        case MULTIBINDING -> out.append(", shape=folder");
        case FACTORY -> out.append(", shape=component");
        case MODULE -> out.append(", shape=tab");
        case CONSTRUCTOR -> { }
      }
      if (var.singleton()) {
        out.append(", peripheries=2");
      }
      out.append("];\n");
    }
    for (AiJsonVar var : document.vars()) {
      for (Edge edge : edges(var)) {
        out.append("  ").append(var.name()).append(" -> ").append(edge.target())
            .append(" [label=\"").append(dot(edge.label())).append('"')
            .append(edge.receiver() ? ", style=dashed" : "").append("];\n");
      }
    }
    out.append("}\n");
    return out.toString();
  }

  /**
   * Returns the document as a text tree, as {@code aijson show} prints it: a header naming the
   * document, then each root (a var nothing references) with its receiver, arguments and members
   * below it; a var already shown is named, not repeated, and the tree stops at a depth bound.
   *
   * @param title the name of the document, such as its file name; null is shown as {@code null}
   * @param document the document to draw
   * @return the tree, one line per node, ending with a newline
   * @throws NullPointerException if {@code document} is null
   */
  public static String toTree(String title, AiJsonDocument document) {
    check(document, "toTree");
    return TextTree.render(String.valueOf(title), document);
  }

  /**
   * Returns the document as a Mermaid {@code flowchart}, for Markdown that renders Mermaid.
   *
   * @param document the document to draw
   * @return the Mermaid source, ending with a newline
   * @throws NullPointerException if {@code document} is null
   */
  public static String toMermaid(AiJsonDocument document) {
    check(document, "toMermaid");
    StringBuilder out = new StringBuilder();
    out.append("flowchart TD\n");
    List<String> singletons = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    for (AiJsonVar var : document.vars()) {
      Node node = node(var);
      StringBuilder label = new StringBuilder(mermaid(node.title()));
      for (String line : node.lines()) {
        label.append("<br/>").append(mermaid(line));
      }
      String[] shape = switch (var.kind()) {
        case PROVIDES -> new String[] {"(\"", "\")"};
        case CALL -> new String[] {"([\"", "\"])"};
        case MULTIBINDING -> new String[] {"[[\"", "\"]]"};
        case FACTORY -> new String[] {"{{\"", "\"}}"};
        case MODULE -> new String[] {"[/\"", "\"/]"};
        case CONSTRUCTOR, OPAQUE, UNOBSERVED -> new String[] {"[\"", "\"]"};
      };
      out.append("  ").append(var.name()).append(shape[0]).append(label).append(shape[1])
          .append('\n');
      if (var.singleton()) {
        singletons.add(var.name());
      }
      if (var.kind() == AiJsonVar.Kind.OPAQUE) {
        opaque.add(var.name());
      }
    }
    for (AiJsonVar var : document.vars()) {
      for (Edge edge : edges(var)) {
        out.append("  ").append(var.name()).append(edge.receiver() ? " -.->|\"" : " -->|\"")
            .append(mermaid(edge.label())).append("\"| ").append(edge.target()).append('\n');
      }
    }
    if (!singletons.isEmpty()) {
      out.append("  classDef singleton stroke-width:3px\n");
      out.append("  class ").append(String.join(",", singletons)).append(" singleton\n");
    }
    if (!opaque.isEmpty()) {
      out.append("  classDef opaque stroke-dasharray:5 5\n");
      out.append("  class ").append(String.join(",", opaque)).append(" opaque\n");
    }
    return out.toString();
  }

  private static void check(AiJsonDocument document, String method) {
    Objects.requireNonNull(document, () -> "AiJsonGraphs." + method + " needs a document, but got"
        + " null. Pass a parsed AiJsonDocument.");
  }

  /** What a node shows: a title line, then one line per JSON argument. */
  private record Node(String title, List<String> lines) {}

  /** A reference drawn as an edge, labelled with where the reference sits. */
  private record Edge(String target, String label, boolean receiver) {}

  /**
   * Returns the short tags a picture of {@code var} shows beside its class: its kind unless it is
   * a constructor, {@code singleton}, its key (package names left out) where it differs from
   * the class, and the factory method that made it, such as {@code [provides, singleton, key
   * Layer]} or {@code [made by EncoderFactory#create]}.
   *
   * @param var any var
   * @return the tags, possibly none
   */
  public static List<String> tags(AiJsonVar var) {
    NullArguments.check(var, "AiJsonGraphs.tags", "var", "Pass a var of a document.");
    List<String> tags = new ArrayList<>();
    if (var.kind() != AiJsonVar.Kind.CONSTRUCTOR) {
      tags.add(var.kind().jsonName());
    }
    if (var.singleton()) {
      tags.add("singleton");
    }
    if (var.key() != null && !var.key().equals(var.className())) {
      tags.add("key " + shorten(var.key()));
    }
    if (var.factory() != null) {
      tags.add("made by " + shorten(var.factory().key()) + "#" + var.factory().method());
    }
    return tags;
  }

  private static Node node(AiJsonVar var) {
    List<String> lines = new ArrayList<>();
    List<String> tags = tags(var);
    if (!tags.isEmpty()) {
      lines.add(String.join(", ", tags));
    }
    addValues(var.kwargs(), "", lines);
    // a module var's members are its fields: its configuration, shown as kwargs are
    addValues(var.members(), var.kind() == AiJsonVar.Kind.MODULE ? "" : "member ", lines);
    return new Node(var.name() + " " + var.caller(), lines);
  }

  private static void addValues(Map<String, Object> values, String prefix, List<String> lines) {
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      if (!hasRef(entry.getValue())) {
        lines.add(prefix + entry.getKey() + " = " + AiJsonValues.show(entry.getValue(), null, MAX_VALUE_CHARS));
      }
    }
  }

  private static List<Edge> edges(AiJsonVar var) {
    List<Edge> edges = new ArrayList<>();
    if (var.receiver() != null) {
      edges.add(new Edge(var.receiver().var(), "receiver", true));
    }
    AiJsonValues.forEachReference(var.kwargs(), "", (ref, pointer) ->
        edges.add(new Edge(ref.var(), label(pointer.get()), false)));
    AiJsonValues.forEachReference(var.members(), "", (ref, pointer) ->
        edges.add(new Edge(ref.var(), "member " + label(pointer.get()), false)));
    return edges;
  }

  /** Returns {@code /layers/0/weights} as {@code layers[0].weights}. */
  private static String label(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String token : pointer.substring(1).split("/", -1)) {
      String name = token.replace("~1", "/").replace("~0", "~");
      if (name.matches("0|[1-9][0-9]*") && out.length() > 0) {
        out.append('[').append(name).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(name);
      }
    }
    return out.toString();
  }

  private static boolean hasRef(Object value) {
    boolean[] found = {false};
    AiJsonValues.forEachReference(value, "", (ref, pointer) -> found[0] = true);
    return found[0];
  }

  /**
   * Returns {@code text} with each qualified class name shortened to its simple name, as
   * pictures label nodes: {@code @Named("main") dev.acme.Layer} becomes {@code @Named("main")
   * Layer}.
   *
   * @param text a key, a class name or a label
   * @return the shortened text
   */
  public static String shorten(String text) {
    NullArguments.check(text, "AiJsonGraphs.shorten", "text", "Pass a type or key name.");
    return QUALIFIED.matcher(text).replaceAll("$1");
  }

  private static String dot(String text) {
    return visible(text).replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * Returns {@code text} for a quoted Mermaid label: {@code "}, {@code <}, {@code >} and {@code |}
   * as entity codes, and {@code $} too, since Mermaid draws what stands between {@code $$} and
   * {@code $$} as KaTeX math (two values {@code "$$price"} and {@code "$$cost"}, or a class {@code
   * Outer$$Inner}, would lose the text between them).
   */
  private static String mermaid(String text) {
    return visible(text).replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;")
        .replace(">", "#gt;").replace("|", "#124;").replace("$", "#36;");
  }

  /**
   * Returns {@code text} with each control character (a NUL, a newline in a key) and lone
   * surrogate written as {@code \u0000}: Graphviz and Mermaid fail on them raw, and a text tree
   * would break its line (or a terminal obey an escape sequence).
   */
  static String visible(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lone = Character.isHighSurrogate(c)
          ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
          : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
      if (c < 0x20 || c == 0x7f || lone) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
