package dev.aijson.tools.params;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flattens the kwargs and members of one var into leaves: a scalar, a reference, or an empty
 * list or object, each with its path below the var ({@code .vocabSize}, {@code .labels[0]},
 * {@code .weights["a b"]}) and its JSON Pointer in the document.
 */
final class Leaves {
  private Leaves() {}

  /**
   * One value of a var's arguments.
   *
   * @param path the path below the var, starting with {@code .} or {@code [}
   * @param value a document scalar, an {@link dev.aijson.core.AiJsonRef}, or an empty list or map
   * @param pointer the JSON Pointer of the value, such as {@code /vars/var3/kwargs/vocabSize}
   */
  record Leaf(String path, Object value, String pointer) {}

  /** Returns the leaves of {@code var}: its kwargs, then its members, in document order. */
  static List<Leaf> of(AiJsonVar var) {
    List<Leaf> leaves = new ArrayList<>();
    String kwargs = var.pointer() + "/kwargs";
    for (Map.Entry<String, Object> kwarg : var.kwargs().entrySet()) {
      walk(kwarg.getValue(), topName(kwarg.getKey()), kwargs + AiJsonException.pointer(kwarg.getKey()),
          leaves);
    }
    String members = var.pointer() + "/members";
    for (Map.Entry<String, Object> member : var.members().entrySet()) {
      // a field injected besides a constructor argument of the same name keeps both apart
      String path = (var.kwargs().containsKey(member.getKey()) ? ".members" : "")
          + topName(member.getKey());
      walk(member.getValue(), path, members + AiJsonException.pointer(member.getKey()), leaves);
    }
    return leaves;
  }

  private static void walk(Object value, String path, String pointer, List<Leaf> leaves) {
    if (value instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", pointer + "/" + i, leaves);
      }
    } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = (String) entry.getKey();
        walk(entry.getValue(), path + (isPlain(key) ? "." + key : quoted(key)),
            pointer + AiJsonException.pointer(key), leaves);
      }
    } else {
      leaves.add(new Leaf(path, value, pointer));
    }
  }

  /**
   * Returns the path of a kwarg or member name: {@code .name}, or for a name that is not
   * made of plain segments {@code ["name"]}. A member shadowed in a superclass is named
   * {@code Simple.name} in the document, so dots between plain segments stay.
   */
  private static String topName(String name) {
    for (String segment : name.split("\\.", -1)) {
      if (!isPlain(segment)) {
        return quoted(name);
      }
    }
    return "." + name;
  }

  /** Returns whether a name can follow a dot without being read as more than one step. */
  private static boolean isPlain(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_' && c != '$' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static String quoted(String name) {
    return "[" + ParamText.jsonString(name) + "]";
  }
}
