package dev.aijson.tools.diff;

import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.DocumentWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The differences between two aijson documents: which vars were added, which were removed, and
 * what changed in the vars both have, each with its JSON Pointer.
 *
 * <p>Vars are matched by structure, not by number, so that inserting one component does not make
 * every later var "changed". Two vars match when they have the same kind, class (with method)
 * and key; where several vars share those, the one at the same place in the graph is preferred:
 * the chain of argument names from an unreferenced var down to it, such as {@code
 * Trainer#fit > pipeline > tokenizer}, and after that document order. Vars left over then match by
 * place in the graph alone, and then by key alone, which reports a component whose class changed
 * as changed rather than as removed and added. References are compared through the matching: a
 * {@code "$var3"} before equals a {@code "$var4"} after if those two vars match.
 *
 * <p>The {@code environment} section and the {@code cut} section are ignored. Diffs are
 * immutable.
 *
 * <pre>{@code
 * AiJsonDiff diff = AiJsonDiff.between(
 *     AiJsonDocument.parse(Files.readString(Path.of("training.json"))),
 *     AiJsonDocument.parse(Files.readString(Path.of("serving.json"))));
 * if (!diff.isEmpty()) {
 *   System.out.println(diff.report());
 * }
 * }</pre>
 */
public final class AiJsonDiff {
  private static final int MAX_SHOWN_CHARS = 80;
  private static final int MAX_SHOWN_STEPS = 6;

  /** Whether something exists only after, only before, or in both with different values. */
  public enum Kind {
    /** Only the second ("after") document has it. */
    ADDED,
    /** Only the first ("before") document has it. */
    REMOVED,
    /** Both have it, with different values. */
    CHANGED
  }

  /**
   * One difference.
   *
   * <p>For a whole var added or removed, the path is the var's ({@code /vars/var4}) and the value
   * is the {@link AiJsonVar}; otherwise values are document values ({@link AiJsonRef} for
   * references) and paths name a field of a var ({@code /vars/var2/kwargs/vocabSize}).
   *
   * @param kind what kind of difference
   * @param beforePath the JSON Pointer in the first document, or null if it has nothing there
   * @param afterPath the JSON Pointer in the second document, or null if it has nothing there
   * @param before the value before, or null if it was {@link Kind#ADDED}
   * @param after the value after, or null if it was {@link Kind#REMOVED}
   */
  public record Change(Kind kind, String beforePath, String afterPath, Object before, Object after) {
    /**
     * Checks that the kind is present and that at least one path is.
     *
     * @param kind what kind of difference
     * @param beforePath the JSON Pointer in the first document, or null if it has nothing there
     * @param afterPath the JSON Pointer in the second document, or null if it has nothing there
     * @param before the value before, or null if it was {@link Kind#ADDED}
     * @param after the value after, or null if it was {@link Kind#REMOVED}
     * @throws NullPointerException if {@code kind} is null
     * @throws IllegalArgumentException if both paths are null
     */
    public Change {
      NullArguments.check(kind, "AiJsonDiff.Change", "kind", "Pass the kind of change.");
      if (beforePath == null && afterPath == null) {
        throw new IllegalArgumentException("a change needs a path before or after");
      }
    }

    /**
     * Returns the path in the second document, or in the first for something removed.
     *
     * @return the JSON Pointer of the difference
     */
    public String path() {
      return afterPath != null ? afterPath : beforePath;
    }
  }

  /**
   * A var both documents have, with what differs between them.
   *
   * @param before the var in the first document
   * @param after the var it matched in the second
   * @param changes the differences, in field order: kind, module, caller, key, scope, signature,
   *     receiver, kwargs, members
   */
  public record VarChange(AiJsonVar before, AiJsonVar after, List<Change> changes) {
    /**
     * Checks that both vars are present and copies the changes.
     *
     * @param before the var in the first document
     * @param after the var it matched in the second
     * @param changes the differences, in field order
     * @throws NullPointerException if {@code before} or {@code after} is null
     */
    public VarChange {
      NullArguments.check(before, "AiJsonDiff.VarChange", "before", "Pass the var of the first document.");
      NullArguments.check(after, "AiJsonDiff.VarChange", "after", "Pass the var of the second document.");
      changes = List.copyOf(NullArguments.check(changes, "AiJsonDiff.VarChange", "changes",
          "Pass the changes, or an empty list."));
    }
  }

  private final AiJsonDocument before;
  private final AiJsonDocument after;
  private final Map<String, String> matches;
  private final List<AiJsonVar> added;
  private final List<AiJsonVar> removed;
  private final List<VarChange> changed;
  private final Map<String, String> places;

  private AiJsonDiff(
      AiJsonDocument before, AiJsonDocument after, Map<String, String> matches,
      List<AiJsonVar> added, List<AiJsonVar> removed, List<VarChange> changed,
      Map<String, String> places) {
    this.before = before;
    this.after = after;
    this.matches = Collections.unmodifiableMap(matches);
    this.added = List.copyOf(added);
    this.removed = List.copyOf(removed);
    this.changed = List.copyOf(changed);
    this.places = Collections.unmodifiableMap(places);
  }

  /**
   * Returns the differences from {@code before} to {@code after}.
   *
   * @param before the first document, such as the one training wrote
   * @param after the second document, such as the one serving recorded
   * @return the diff
   * @throws NullPointerException if either document is null
   */
  public static AiJsonDiff between(AiJsonDocument before, AiJsonDocument after) {
    if (before == null || after == null) {
      throw new NullPointerException("AiJsonDiff.between needs two documents, but the "
          + (before == null ? "first (before)" : "second (after)") + " is null. Pass a parsed AiJsonDocument.");
    }
    return new Matcher(before, after).diff();
  }

  /**
   * Returns whether the documents describe the same wiring, var numbers and environment aside.
   *
   * @return true if no var was added, removed or changed
   */
  public boolean isEmpty() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
  }

  /**
   * Returns the vars only the second document has, in its order.
   *
   * @return the added vars, unmodifiable
   */
  public List<AiJsonVar> added() {
    return added;
  }

  /**
   * Returns the vars only the first document has, in its order.
   *
   * @return the removed vars, unmodifiable
   */
  public List<AiJsonVar> removed() {
    return removed;
  }

  /**
   * Returns the vars both documents have that differ, in the second document's order.
   *
   * @return the changed vars, unmodifiable
   */
  public List<VarChange> changed() {
    return changed;
  }

  /**
   * Returns every difference as one list: removed vars, then added vars, then the changes inside
   * changed vars.
   *
   * @return every difference, unmodifiable
   */
  public List<Change> changes() {
    List<Change> all = new ArrayList<>();
    for (AiJsonVar var : removed) {
      all.add(new Change(Kind.REMOVED, var.pointer(), null, var, null));
    }
    for (AiJsonVar var : added) {
      all.add(new Change(Kind.ADDED, null, var.pointer(), null, var));
    }
    for (VarChange change : changed) {
      all.addAll(change.changes());
    }
    return Collections.unmodifiableList(all);
  }

  /**
   * Returns the var of the second document that a var of the first matched.
   *
   * @param beforeVar a var name of the first document, such as {@code var3}; null, like a name
   *     the first document lacks, gives empty
   * @return its counterpart, or empty if it was removed or does not exist
   */
  public Optional<String> counterpart(String beforeVar) {
    return Optional.ofNullable(matches.get(beforeVar));
  }

  /**
   * Returns a readable report: one line per added or removed var, naming where it sits in the
   * graph, and per changed var its changes, each with its JSON Pointer and both values.
   *
   * @return the report: a summary line, then one line per difference; ends with a newline
   */
  public String report() {
    if (isEmpty()) {
      return "No differences: both documents describe the same wiring (" + before.vars().size()
          + " vars; var numbers and the environment are not compared).\n";
    }
    int count = added.size() + removed.size();
    for (VarChange change : changed) {
      count += change.changes().size();
    }
    StringBuilder out = new StringBuilder();
    out.append(count).append(count == 1 ? " difference" : " differences")
        .append(" (first document -> second; vars matched by kind, class, key and place in the"
            + " graph, not by number):\n");
    for (AiJsonVar var : removed) {
      out.append("  removed ").append(var.label()).append(" at ").append(var.pointer())
          .append(place("before", var)).append('\n');
    }
    for (AiJsonVar var : added) {
      out.append("  added ").append(var.label()).append(" at ").append(var.pointer())
          .append(place("after", var)).append('\n');
    }
    for (VarChange change : changed) {
      out.append("  changed ").append(change.before().name());
      if (!change.before().name().equals(change.after().name())) {
        out.append(" -> ").append(change.after().name());
      }
      out.append(" (").append(change.after().className())
          .append(change.after().methodName() == null ? "" : "#" + change.after().methodName())
          .append("):\n");
      for (Change c : change.changes()) {
        out.append("    ").append(c.path()).append(": ");
        switch (c.kind()) {
          case ADDED -> out.append("added ").append(show(c.after(), after));
          case REMOVED -> out.append("removed ").append(show(c.before(), before));
          case CHANGED -> out.append(show(c.before(), before)).append(" -> ")
              .append(show(c.after(), after));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** Returns the {@linkplain #report() report}. */
  @Override
  public String toString() {
    return report();
  }

  private String place(String side, AiJsonVar var) {
    String place = places.get(side + ":" + var.name());
    return place == null ? "" : ", as " + place;
  }

  /** Returns a value on one line: compact JSON, references with their class, cut when long. */
  private static String show(Object value, AiJsonDocument document) {
    return value instanceof AiJsonVar var ? var.label()
        : AiJsonValues.show(value, document, MAX_SHOWN_CHARS);
  }


  /** The matching and comparison of two documents. */
  private static final class Matcher {
    private final AiJsonDocument before;
    private final AiJsonDocument after;
    /** Places in the graph, shared by both documents so that equal places get equal numbers. */
    private final Map<Step, Integer> placeIds = new HashMap<>();
    private final List<Step> placeSteps = new ArrayList<>();
    /** The root above each place, once worked out; -1 until then. */
    private final List<Integer> roots = new ArrayList<>();
    private final Map<Integer, String> rootNames = new HashMap<>();
    private final Map<String, String> matches = new LinkedHashMap<>();
    private final Map<String, String> reverse = new HashMap<>();

    Matcher(AiJsonDocument before, AiJsonDocument after) {
      this.before = before;
      this.after = after;
    }

    /** One step of a place: from the place {@code parent} (-1 for none) through {@code label}. */
    private record Step(int parent, String label) {}

    AiJsonDiff diff() {
      int[] beforePlaces = places(before);
      int[] afterPlaces = places(after);
      List<AiJsonVar> a = before.vars();
      List<AiJsonVar> b = after.vars();

      // 1: same kind, class and key; the same place first, then in document order
      Map<String, List<Integer>> groupsA = groups(a, all(a), Matcher::identity);
      Map<String, List<Integer>> groupsB = groups(b, all(b), Matcher::identity);
      for (Map.Entry<String, List<Integer>> group : groupsA.entrySet()) {
        List<Integer> candidates = groupsB.get(group.getKey());
        if (candidates != null) {
          pairByPlace(group.getValue(), candidates, beforePlaces, afterPlaces);
          pairInOrder(group.getValue(), candidates);
        }
      }
      // 2: what is left, by place alone; 3: then by key alone
      pairByPlace(unmatched(a, matches), unmatched(b, reverse), beforePlaces, afterPlaces);
      Map<String, List<Integer>> keysA = groups(a, unmatched(a, matches), AiJsonVar::key);
      Map<String, List<Integer>> keysB = groups(b, unmatched(b, reverse), AiJsonVar::key);
      for (Map.Entry<String, List<Integer>> group : keysA.entrySet()) {
        List<Integer> candidates = keysB.get(group.getKey());
        if (group.getKey() != null && candidates != null) {
          pairInOrder(group.getValue(), candidates);
        }
      }

      List<AiJsonVar> removed = new ArrayList<>();
      Map<String, String> places = new HashMap<>();
      for (int i : unmatched(a, matches)) {
        removed.add(a.get(i));
        places.put("before:" + a.get(i).name(), describePlace(beforePlaces[i]));
      }
      List<AiJsonVar> added = new ArrayList<>();
      List<VarChange> changed = new ArrayList<>();
      for (int j = 0; j < b.size(); j++) {
        AiJsonVar var = b.get(j);
        String match = reverse.get(var.name());
        if (match == null) {
          added.add(var);
          places.put("after:" + var.name(), describePlace(afterPlaces[j]));
          continue;
        }
        AiJsonVar old = before.var(match);
        List<Change> changes = compare(old, var);
        if (!changes.isEmpty()) {
          changed.add(new VarChange(old, var, changes));
        }
      }
      places.values().removeIf(Objects::isNull);
      return new AiJsonDiff(before, after, matches, added, removed, changed, places);
    }

    private static String identity(AiJsonVar var) {
      return var.kind() + " " + var.module() + " " + var.caller() + " " + var.key()
          + (var.factory() == null ? "" : " " + var.factory().key() + "#" + var.factory().method());
    }

    /** Groups the given var positions by a label, keeping document order. */
    private static Map<String, List<Integer>> groups(
        List<AiJsonVar> vars, List<Integer> positions,
        java.util.function.Function<AiJsonVar, String> label) {
      Map<String, List<Integer>> groups = new LinkedHashMap<>();
      for (int i : positions) {
        groups.computeIfAbsent(label.apply(vars.get(i)), k -> new ArrayList<>()).add(i);
      }
      return groups;
    }

    private static List<Integer> all(List<AiJsonVar> vars) {
      List<Integer> positions = new ArrayList<>(vars.size());
      for (int i = 0; i < vars.size(); i++) {
        positions.add(i);
      }
      return positions;
    }

    private List<Integer> unmatched(List<AiJsonVar> vars, Map<String, String> matched) {
      List<Integer> left = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        if (!matched.containsKey(vars.get(i).name())) {
          left.add(i);
        }
      }
      return left;
    }

    private void pair(int i, int j) {
      String a = before.vars().get(i).name();
      String b = after.vars().get(j).name();
      matches.put(a, b);
      reverse.put(b, a);
    }

    private boolean isFree(int i, int j) {
      return !matches.containsKey(before.vars().get(i).name())
          && !reverse.containsKey(after.vars().get(j).name());
    }

    private void pairByPlace(List<Integer> a, List<Integer> b, int[] placesA, int[] placesB) {
      Map<Integer, ArrayDeque<Integer>> byPlace = new HashMap<>();
      for (int j : b) {
        if (!reverse.containsKey(after.vars().get(j).name())) {
          byPlace.computeIfAbsent(placesB[j], k -> new ArrayDeque<>()).add(j);
        }
      }
      for (int i : a) {
        ArrayDeque<Integer> candidates = byPlace.get(placesA[i]);
        if (candidates == null || matches.containsKey(before.vars().get(i).name())) {
          continue;
        }
        while (!candidates.isEmpty()) {
          int j = candidates.poll();
          if (isFree(i, j)) {
            pair(i, j);
            break;
          }
        }
      }
    }

    private void pairInOrder(List<Integer> a, List<Integer> b) {
      int j = 0;
      for (int i : a) {
        if (matches.containsKey(before.vars().get(i).name())) {
          continue;
        }
        while (j < b.size() && reverse.containsKey(after.vars().get(b.get(j)).name())) {
          j++;
        }
        if (j == b.size()) {
          return;
        }
        pair(i, b.get(j++));
      }
    }

    /**
     * Returns the place of every var: an unreferenced var's place is its key (or class); a
     * referenced var's is the place of the first var referencing it, followed by where in that
     * var the reference sits. References point backwards, so walking the document backwards
     * finds every referencing var's place first.
     */
    private int[] places(AiJsonDocument document) {
      List<AiJsonVar> vars = document.vars();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < vars.size(); i++) {
        index.put(vars.get(i).name(), i);
      }
      int[] firstUser = new int[vars.size()];
      String[] firstLabel = new String[vars.size()];
      java.util.Arrays.fill(firstUser, -1);
      for (int i = 0; i < vars.size(); i++) {
        AiJsonVar var = vars.get(i);
        int user = i;
        AiJsonValues.ReferenceVisitor visitor = (ref, pointer) -> {
          int target = index.get(ref.var());
          if (firstUser[target] < 0) {
            firstUser[target] = user;
            firstLabel[target] = pointer.get();
          }
        };
        if (var.receiver() != null) {
          visitor.visit(var.receiver(), () -> "receiver");
        }
        AiJsonValues.forEachReference(var.kwargs(), "", visitor);
        AiJsonValues.forEachReference(var.members(), "members", visitor);
      }
      int[] places = new int[vars.size()];
      for (int i = vars.size() - 1; i >= 0; i--) {
        AiJsonVar var = vars.get(i);
        Step step = firstUser[i] < 0
            ? new Step(-1, var.key() != null ? var.key() : var.className()
                + (var.methodName() == null ? "" : "#" + var.methodName()))
            : new Step(places[firstUser[i]], firstLabel[i]);
        places[i] = placeIds.computeIfAbsent(step, s -> {
          placeSteps.add(s);
          return placeSteps.size() - 1;
        });
        if (step.parent() < 0) {
          rootNames.putIfAbsent(places[i], var.caller());
        }
      }
      return places;
    }

    /**
     * Returns a place as {@code Trainer#fit > pipeline > tokenizer}, shortened when deep: the
     * steps nearest the var and its root, found without walking a long chain of ancestors again
     * for every var (a 100,000-var chain took a minute).
     */
    private String describePlace(int place) {
      List<String> labels = new ArrayList<>();
      int p = place;
      for (int depth = 0; p >= 0 && placeSteps.get(p).parent() >= 0 && depth <= MAX_SHOWN_STEPS; depth++) {
        Step step = placeSteps.get(p);
        labels.add(0, depth < MAX_SHOWN_STEPS
            ? (step.label().startsWith("/") ? step.label().substring(1) : step.label()) : "...");
        p = step.parent();
      }
      if (p >= 0) {
        labels.add(0, rootNames.get(rootOf(p)));
      }
      return labels.size() < 2 ? null : String.join(" > ", labels);
    }

    /** Returns the root place above {@code place}, remembering it for every place on the way. */
    private int rootOf(int place) {
      while (roots.size() < placeSteps.size()) {
        roots.add(-1);
      }
      List<Integer> path = new ArrayList<>();
      int p = place;
      while (roots.get(p) < 0 && placeSteps.get(p).parent() >= 0) {
        path.add(p);
        p = placeSteps.get(p).parent();
      }
      int root = roots.get(p) >= 0 ? roots.get(p) : p;
      roots.set(p, root);
      for (int each : path) {
        roots.set(each, root);
      }
      return root;
    }

    private List<Change> compare(AiJsonVar a, AiJsonVar b) {
      List<Change> changes = new ArrayList<>();
      String pa = a.pointer();
      String pb = b.pointer();
      field(changes, pa, pb, "kind", a.kind().jsonName(), b.kind().jsonName());
      field(changes, pa, pb, "module", a.module(), b.module());
      field(changes, pa, pb, "caller", a.caller(), b.caller());
      field(changes, pa, pb, "key", a.key(), b.key());
      field(changes, pa, pb, "scope", a.singleton() ? "singleton" : null,
          b.singleton() ? "singleton" : null);
      field(changes, pa, pb, "signature", a.signature(), b.signature());
      if (a.receiver() != null || b.receiver() != null) {
        value(changes, a.receiver(), b.receiver(), pa + "/receiver", pb + "/receiver");
      }
      value(changes, a.kwargs(), b.kwargs(), pa + "/kwargs", pb + "/kwargs");
      value(changes, a.members(), b.members(), pa + "/members", pb + "/members");
      Object fa = a.factory() == null ? null : DocumentWriter.factoryValue(a.factory());
      Object fb = b.factory() == null ? null : DocumentWriter.factoryValue(b.factory());
      if (fa == null || fb == null) {
        field(changes, pa, pb, "factory", fa, fb);
      } else {
        value(changes, fa, fb, pa + "/factory", pb + "/factory");
      }
      return changes;
    }

    private static void field(
        List<Change> changes, String pa, String pb, String name, Object a, Object b) {
      if (Objects.equals(a, b)) {
        return;
      }
      Kind kind = a == null ? Kind.ADDED : b == null ? Kind.REMOVED : Kind.CHANGED;
      changes.add(new Change(kind, a == null ? null : pa + "/" + name,
          b == null ? null : pb + "/" + name, a, b));
    }

    private void value(List<Change> changes, Object a, Object b, String pa, String pb) {
      if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
        for (Map.Entry<?, ?> entry : ma.entrySet()) {
          String key = (String) entry.getKey();
          String next = AiJsonException.pointer(key);
          if (mb.containsKey(key)) {
            value(changes, entry.getValue(), mb.get(key), pa + next, pb + next);
          } else {
            changes.add(new Change(Kind.REMOVED, pa + next, null, entry.getValue(), null));
          }
        }
        for (Map.Entry<?, ?> entry : mb.entrySet()) {
          if (!ma.containsKey(entry.getKey())) {
            String next = AiJsonException.pointer(entry.getKey());
            changes.add(new Change(Kind.ADDED, null, pb + next, null, entry.getValue()));
          }
        }
        // the same members in another order: replay matches the n-th kwarg to the n-th parameter,
        // and a map value keeps its order, so the order is part of the wiring
        List<Object> orderA = new ArrayList<>(ma.keySet());
        List<Object> orderB = new ArrayList<>(mb.keySet());
        if (!orderA.equals(orderB) && ma.keySet().equals(mb.keySet())) {
          changes.add(new Change(Kind.CHANGED, pa, pb, orderA, orderB));
        }
      } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
        for (int i = 0; i < la.size(); i++) {
          value(changes, la.get(i), lb.get(i), pa + "/" + i, pb + "/" + i);
        }
      } else if (!same(a, b)) {
        changes.add(new Change(Kind.CHANGED, pa, pb, a, b));
      }
    }

    /** Returns whether two non-container values are the same, references through the matching. */
    private boolean same(Object a, Object b) {
      if (a instanceof AiJsonRef ra && b instanceof AiJsonRef rb) {
        return rb.var().equals(matches.get(ra.var()));
      }
      if (isNumber(a) && isNumber(b)) {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
      }
      return Objects.equals(a, b);
    }

    private static boolean isNumber(Object value) {
      return value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal;
    }
  }
}
