package dev.aijson.tools.graphs;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a document as a tree: roots are the vars nothing references, in document order; under
 * each var come its receiver, arguments and members. A var already shown is named, not repeated,
 * and the tree stops at a depth bound, so a long chain stays readable.
 */
final class TextTree {
  static final int MAX_DEPTH = 24;
  private static final int MAX_VALUE_CHARS = 70;

  private final AiJsonDocument document;
  private final StringBuilder out = new StringBuilder();
  private final Set<String> shown = new HashSet<>();

  private TextTree(AiJsonDocument document) {
    this.document = document;
  }

  static String render(String name, AiJsonDocument document) {
    TextTree tree = new TextTree(document);
    tree.header(name);
    Set<String> referenced = new HashSet<>();
    for (AiJsonVar var : document.vars()) {
      for (AiJsonRef ref : var.references()) {
        referenced.add(ref.var());
      }
    }
    for (AiJsonVar var : document.vars()) {
      if (!referenced.contains(var.name())) {
        tree.out.append(tree.title(var)).append('\n');
        tree.children(var, "", 1);
      }
    }
    return tree.out.toString();
  }

  private void header(String name) {
    List<AiJsonVar> vars = document.vars();
    out.append(name).append(": ").append(vars.size()).append(vars.size() == 1 ? " var" : " vars");
    Map<String, Object> environment = document.environment();
    if (environment.get("java") instanceof String java) {
      out.append(", recorded on Java ").append(java);
      if (environment.get("guice") instanceof String guice) {
        out.append(" with Guice ").append(guice);
      }
    }
    if (document.isCut()) {
      // the byte budget, where it stopped the recording, not the var cap it never reached
      out.append("; cut at ").append(document.byteBudget() > 0
              ? "its byte budget of " + document.byteBudget() + " bytes"
              : document.cap() + " vars")
          .append(", ").append(document.droppedVars()).append(" more not recorded");
    }
    out.append('\n');
  }

  private String title(AiJsonVar var) {
    shown.add(var.name());
    StringBuilder title = new StringBuilder(var.name()).append(' ').append(var.caller());
    List<String> tags = AiJsonGraphs.tags(var);
    if (!tags.isEmpty()) {
      title.append("  [").append(String.join(", ", tags)).append(']');
    }
    // a newline in a key's @Named value would break the tree's line
    return AiJsonGraphs.visible(title.toString());
  }

  /** One line under a var: a label, then either a value or a referenced var. */
  private record Child(String label, Object value) {}

  private void children(AiJsonVar var, String prefix, int depth) {
    List<Child> children = new ArrayList<>();
    if (var.receiver() != null) {
      children.add(new Child("receiver", var.receiver()));
    }
    var.kwargs().forEach((name, value) -> children.add(new Child(name, value)));
    // a module var's members are its fields, its configuration: shown as kwargs are
    String member = var.kind() == AiJsonVar.Kind.MODULE ? "" : " (member)";
    var.members().forEach((name, value) -> children.add(new Child(name + member, value)));
    write(children, prefix, depth);
  }

  private void write(List<Child> children, String prefix, int depth) {
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      Child original = children.get(i);
      Child child = new Child(AiJsonGraphs.visible(original.label()), original.value());
      String branch = prefix + (last ? "└─ " : "├─ ");
      String next = prefix + (last ? "   " : "│  ");
      Object value = child.value();
      if (value instanceof AiJsonRef ref) {
        AiJsonVar target = document.var(ref.var());
        if (shown.contains(target.name())) {
          out.append(branch).append(child.label()).append(": ").append(target.name()).append(' ')
              .append(AiJsonGraphs.visible(target.caller())).append("  (shown above)\n");
        } else if (depth >= MAX_DEPTH) {
          out.append(branch).append(child.label()).append(": ").append(target.name())
              .append(' ').append(AiJsonGraphs.visible(target.caller()))
              .append("  (deeper vars not shown)\n");
        } else {
          out.append(branch).append(child.label()).append(": ").append(title(target)).append('\n');
          children(target, next, depth + 1);
        }
      } else if (hasRef(value) && value instanceof List<?> list) {
        out.append(branch).append(child.label()).append('\n');
        List<Child> items = new ArrayList<>();
        for (int j = 0; j < list.size(); j++) {
          items.add(new Child("[" + j + "]", list.get(j)));
        }
        write(items, next, depth);
      } else if (hasRef(value) && value instanceof Map<?, ?> map) {
        out.append(branch).append(child.label()).append('\n');
        List<Child> items = new ArrayList<>();
        map.forEach((key, item) -> items.add(new Child(String.valueOf(key), item)));
        write(items, next, depth);
      } else {
        String shown = AiJsonValues.show(value, null, MAX_VALUE_CHARS);
        if (value instanceof Map<?, ?> map && shown.endsWith("...")) {
          // an object too long for one line (a configuration record or bean): one line a member
          out.append(branch).append(child.label()).append('\n');
          List<Child> items = new ArrayList<>();
          map.forEach((key, item) -> items.add(new Child(String.valueOf(key), item)));
          write(items, next, depth);
        } else {
          out.append(branch).append(child.label()).append(" = ").append(shown).append('\n');
        }
      }
    }
  }

  private static boolean hasRef(Object value) {
    if (value instanceof AiJsonRef) {
      return true;
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(TextTree::hasRef);
    }
    return value instanceof Map<?, ?> map && map.values().stream().anyMatch(TextTree::hasRef);
  }
}
