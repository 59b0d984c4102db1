package dev.aijson.tools.params;

import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Gives every var of a document a readable name that no other var of it has: the rule
 * {@link AiJsonParams} documents (class, then qualifier, then place, then {@code #n}).
 */
final class VarNames {
  private VarNames() {}

  /**
   * Returns the name of every var, in document order.
   *
   * @param vars the document's vars
   * @param leaves the leaves of each var, in the same order
   */
  static List<String> of(List<AiJsonVar> vars, List<List<Leaves.Leaf>> leaves) {
    int size = vars.size();
    Map<String, Integer> index = new HashMap<>();
    String[] bases = new String[size];
    for (int i = 0; i < size; i++) {
      index.put(vars.get(i).name(), i);
      bases[i] = base(vars.get(i));
    }
    String[] places = new String[size];
    for (int i = 0; i < size; i++) {
      AiJsonVar var = vars.get(i);
      if (var.receiver() != null) {
        place(places, index.get(var.receiver().var()), bases[i] + ".receiver");
      }
      for (Leaves.Leaf leaf : leaves.get(i)) {
        if (leaf.value() instanceof AiJsonRef ref) {
          place(places, index.get(ref.var()), bases[i] + leaf.path());
        }
      }
    }

    String[] names = new String[size];
    for (List<Integer> sameBase : groups(size, i -> bases[i])) {
      if (sameBase.size() == 1) {
        names[sameBase.get(0)] = bases[sameBase.get(0)];
        continue;
      }
      Map<Integer, String> qualified = new HashMap<>();
      for (int i : sameBase) {
        String qualifier = qualifier(vars.get(i).key());
        qualified.put(i, qualifier == null ? bases[i] : bases[i] + qualifier);
      }
      for (List<Integer> sameQualifier : groups(sameBase, qualified::get)) {
        if (sameQualifier.size() == 1) {
          names[sameQualifier.get(0)] = qualified.get(sameQualifier.get(0));
          continue;
        }
        Map<Integer, String> placed = new HashMap<>();
        for (int i : sameQualifier) {
          placed.put(i, places[i] == null ? qualified.get(i) : qualified.get(i) + "(" + places[i] + ")");
        }
        // a place that several share tells nothing: those vars are numbered instead
        Map<String, Integer> counts = new HashMap<>();
        for (int i : sameQualifier) {
          counts.merge(placed.get(i), 1, Integer::sum);
        }
        int number = 0;
        for (int i : sameQualifier) {
          names[i] = counts.get(placed.get(i)) == 1 ? placed.get(i)
              : qualified.get(i) + "#" + ++number;
        }
      }
    }
    return List.of(names);
  }

  private static void place(String[] places, Integer target, String place) {
    // a document made with AiJsonDocument.checked may hold a reference to nothing
    if (target != null && places[target] == null) {
      places[target] = place;
    }
  }

  /** Returns the positions {@code 0..size-1} grouped by label, groups and members in order. */
  private static List<List<Integer>> groups(int size, IntFunction<String> label) {
    List<Integer> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      all.add(i);
    }
    return groups(all, label::apply);
  }

  private static List<List<Integer>> groups(
      List<Integer> positions, java.util.function.Function<Integer, String> label) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i : positions) {
      groups.computeIfAbsent(label.apply(i), k -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(groups.values());
  }

  /**
   * Returns the class's simple name, with {@code .method} for a provides or call var:
   * {@code SubwordTokenizer}, {@code SentimentModule.classifier}, {@code Trainer.fit}.
   */
  static String base(AiJsonVar var) {
    String caller = var.caller();
    int hash = caller.indexOf('#');
    String type = hash < 0 ? caller : caller.substring(0, hash);
    String simple = simpleName(type);
    return hash < 0 ? simple : simple + "." + caller.substring(hash + 1);
  }

  /**
   * Returns the simple name of a binary class name without its package: {@code Outer$Inner}
   * gives {@code Inner}, a local class {@code Outer$1Local} gives {@code Local}, an anonymous
   * class {@code Outer$1} keeps {@code Outer$1}.
   */
  private static String simpleName(String type) {
    String last = type.substring(type.lastIndexOf('$') + 1);
    int start = 0;
    while (start < last.length() && Character.isDigit(last.charAt(start))) {
      start++;
    }
    return start == last.length() ? type : last.substring(start);
  }

  /**
   * Returns the qualifier of a key with its annotation's simple name, or null if the key has
   * none: for the key {@code @com.google.inject.name.Named("words") acme.Tokenizer}, the
   * qualifier {@code @Named("words")}.
   */
  static String qualifier(String key) {
    if (key == null || !key.startsWith("@")) {
      return null;
    }
    int end = AiJsonTypes.keyQualifierEnd(key);
    String qualifier = key.substring(1, end < 0 ? key.length() : end);
    int paren = qualifier.indexOf('(');
    String annotation = paren < 0 ? qualifier : qualifier.substring(0, paren);
    String simple = annotation.substring(Math.max(annotation.lastIndexOf('.'),
        annotation.lastIndexOf('$')) + 1);
    return "@" + simple + (paren < 0 ? "" : qualifier.substring(paren));
  }
}
