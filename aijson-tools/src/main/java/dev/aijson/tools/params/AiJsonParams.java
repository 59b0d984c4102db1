package dev.aijson.tools.params;

import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.tools.diff.AiJsonDiff;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of a document as experiment trackers take them (MLflow {@code log_params}, W&amp;B
 * {@code config}, TensorBoard HParams): one flat, ordered map from a readable name to a value,
 * such as {@code SubwordTokenizer.vocabSize = 1000}.
 *
 * <p><b>Names.</b> A parameter's name is the name of its var, then the path of the argument
 * inside it: a kwarg or member by its name ({@code .vocabSize}), a list element by its index
 * ({@code .labels[0]}), a map entry by its key ({@code .weights.bad}, or {@code .weights["a b"]}
 * for a key that is not made of letters, digits, {@code _}, {@code $} and {@code -}). Lists and
 * maps are flattened down to their scalars; an empty one is a parameter of its own. A member
 * named like a kwarg of the same var is put under {@code .members}. A var's name is:
 *
 * <ol>
 *   <li>the simple name of its class, with {@code .method} for a {@code provides} or {@code call}
 *       var: {@code SubwordTokenizer}, {@code SentimentModule.classifier}, {@code Trainer.fit},
 *       {@code Multibinder};
 *   <li>if other vars have that name too: the name followed by its key's qualifier, with the
 *       annotation's simple name, such as {@code SubwordTokenizer@Named("words")}, for each var
 *       whose name becomes unique that way (a var without a qualifier keeps the plain name);
 *   <li>if that still leaves several: followed by its place in the graph, the first argument in
 *       document order that references it, written as that var's name by rule 1 and the
 *       argument's path, such as {@code SubwordTokenizer(Pipeline.decoder)} or {@code
 *       Normalizer(Multibinder.elements[1])}, for each var whose place no other of them shares (a
 *       var nothing references has no place: the only one of them without a place keeps the
 *       name of rule 2);
 *   <li>the vars still left, several at one place or several without a place: the name of rule 2
 *       followed by {@code #1}, {@code #2}, ... in document order, such as {@code Trainer.fit#2}.
 * </ol>
 *
 * <p>Names hold no var numbers, so they do not change when a var is added or removed elsewhere in
 * the document, and the same wiring always gives the same names. A var takes a suffix only while
 * another var shares its class's simple name. In the unlikely case that two parameters still come
 * out with the same name (a map kwarg {@code fit} of {@code Trainer} and a call {@code Trainer.fit}
 * with the same argument), the later one gets {@code #2}.
 *
 * <p><b>Values.</b> {@link #values()} holds each value as the document holds it: {@link Long},
 * {@link BigInteger} or {@link BigDecimal} for numbers (numbers stay numbers), {@link Boolean},
 * {@link String}, {@code null}, or an empty {@link List} or {@link Map}. A reference is the
 * {@link String} name of the var it points to ({@code SentimentPipeline.tokenizer =
 * SubwordTokenizer}), so that a tracker shows which component was used. A call's receiver is
 * not a parameter (the call's name says its class), and a var without arguments, such as an
 * {@code opaque} var, gives none. Nor is an argument whose value the recording did not observe
 * (a reference to an {@code unobserved} var): a tracker would show its class's name as the
 * value; it becomes a parameter once the value is set in the document. {@link #strings()} gives every value as text: a string as
 * itself, anything else as its JSON ({@code 1000}, {@code 0.5}, {@code true}, {@code null},
 * {@code []}).
 *
 * <p>The order is the document's: vars in document order, and in each var its kwargs, then its
 * members, each depth first. Instances are immutable.
 *
 * <pre>{@code
 * AiJsonParams params = AiJsonParams.of(AiJsonDocument.parse(Files.readString(Path.of("pipeline.json"))));
 * params.values().get("SubwordTokenizer.vocabSize");     // 1000L
 * params.values().get("SentimentPipeline.tokenizer");    // "SubwordTokenizer"
 * params.values().get("Trainer.fit.learningRate");       // 0.5 (a BigDecimal)
 * params.strings().forEach(mlflow::logParam);            // every value as text
 * System.out.print(params.toTsv());                      // SubwordTokenizer.vocabSize<TAB>1000 ...
 *
 * System.out.print(AiJsonParams.diff(training, tuned).report());
 * //  SubwordTokenizer.vocabSize: 1000 -> 2000
 * }</pre>
 */
public final class AiJsonParams {
  private final Map<String, Object> values;
  private final Map<String, String> strings;
  private final Map<String, String> pointers;
  private final Map<String, String> varNames;

  private AiJsonParams(
      Map<String, Object> values, Map<String, String> pointers, Map<String, String> varNames) {
    this.values = Collections.unmodifiableMap(values);
    Map<String, String> strings = new LinkedHashMap<>();
    values.forEach((name, value) -> strings.put(name, ParamText.plain(value)));
    this.strings = Collections.unmodifiableMap(strings);
    this.pointers = Collections.unmodifiableMap(pointers);
    this.varNames = Collections.unmodifiableMap(varNames);
  }

  /**
   * Returns the parameters of {@code document}.
   *
   * @param document the document, such as the one a training run recorded
   * @return its parameters, named by the rule above
   * @throws NullPointerException if {@code document} is null
   */
  public static AiJsonParams of(AiJsonDocument document) {
    if (document == null) {
      throw new NullPointerException("AiJsonParams.of needs a document, but it is null. Pass a"
          + " parsed AiJsonDocument.");
    }
    List<AiJsonVar> vars = document.vars();
    List<List<Leaves.Leaf>> leaves = new ArrayList<>(vars.size());
    for (AiJsonVar var : vars) {
      leaves.add(Leaves.of(var));
    }
    List<String> names = VarNames.of(vars, leaves);
    Map<String, String> varNames = new LinkedHashMap<>();
    for (int i = 0; i < vars.size(); i++) {
      varNames.put(vars.get(i).name(), names.get(i));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> pointers = new HashMap<>();
    for (int i = 0; i < vars.size(); i++) {
      for (Leaves.Leaf leaf : leaves.get(i)) {
        if (leaf.value() instanceof AiJsonRef ref && document.find(ref.var())
            .filter(target -> target.kind() == AiJsonVar.Kind.UNOBSERVED).isPresent()) {
          // a value the recording did not see: its class's name would read as the value
          continue;
        }
        String name = names.get(i) + leaf.path();
        for (int n = 2; values.containsKey(name); n++) {
          name = names.get(i) + leaf.path() + "#" + n;
        }
        Object value = leaf.value();
        if (value instanceof AiJsonRef ref) {
          value = varNames.getOrDefault(ref.var(), ref.var());
        }
        values.put(name, value);
        pointers.put(name, leaf.pointer());
      }
    }
    return new AiJsonParams(values, pointers, varNames);
  }

  /**
   * Returns every parameter by name, in document order: numbers as {@link Long}, {@link
   * BigInteger} or {@link BigDecimal}, {@link Boolean}, {@link String} (a reference as the name
   * of its var), {@code null}, or an empty {@link List} or {@link Map}. The map is unmodifiable.
   *
   * @return the values by parameter name
   */
  public Map<String, Object> values() {
    return values;
  }

  /**
   * Returns every parameter by name, in document order, as text: a string as itself, any other
   * value as its JSON, such as {@code 1000}, {@code 0.5}, {@code true}, {@code null} or {@code []}.
   * This is the form of trackers whose parameters are strings, such as MLflow's.
   *
   * @return the values as text by parameter name, unmodifiable
   */
  public Map<String, String> strings() {
    return strings;
  }

  /**
   * Returns the name this document's var has in parameter names, such as {@code
   * SubwordTokenizer} for {@code var3}.
   *
   * @param var a var name of the document, such as {@code var3}
   * @return its name by the rule above
   * @throws IllegalArgumentException if the document has no such var
   */
  public String nameOf(String var) {
    NullArguments.check(var, "AiJsonParams.nameOf", "var", "Pass a var name such as \"var2\".");
    String name = varNames.get(var);
    if (name == null) {
      throw new IllegalArgumentException("AiJsonParams.nameOf(\"" + var + "\"): the document has"
          + " no var " + var + "; its vars are " + shortList(varNames.keySet()) + ". Pass one of"
          + " those.");
    }
    return name;
  }

  /**
   * Returns where a parameter's value is in the document, as a JSON Pointer such as {@code
   * /vars/var3/kwargs/vocabSize}: the place to change it (with {@code aijson set} or {@link
   * AiJsonDocument#override}).
   *
   * @param name a parameter name, such as {@code SubwordTokenizer.vocabSize}; null, like a name
   *     that is not a parameter, gives empty
   * @return its pointer, or empty if there is no such parameter
   */
  public Optional<String> pointer(String name) {
    return Optional.ofNullable(pointers.get(name));
  }

  /**
   * Returns the parameters as tab-separated lines, {@code name<TAB>value}, each ending with
   * {@code \n}, values as in {@link #strings()}. A backslash, tab, newline or carriage return
   * inside a name or value is written {@code \\}, {@code \t}, {@code \n} or {@code \r}, and a lone
   * surrogate (a string such as JSON's {@code "a\}{@code ud800b"}, which UTF-8 cannot encode) as
   * {@code \}{@code ud800}, its code in four lowercase hex digits, so that the lines can be written
   * as UTF-8.
   *
   * @return the lines, empty if there are no parameters
   */
  public String toTsv() {
    StringBuilder out = new StringBuilder();
    strings.forEach((name, value) ->
        out.append(ParamText.tsv(name)).append('\t').append(ParamText.tsv(value)).append('\n'));
    return out.toString();
  }

  /**
   * Returns the parameters as one flat JSON object, one member per line in document order:
   * numbers, booleans and {@code null} as JSON values, strings (and references, as names) as
   * JSON strings, without the {@code $} escaping of documents.
   *
   * @return the JSON text, ending with a newline; {@code {}} if there are no parameters
   */
  public String toJson() {
    if (values.isEmpty()) {
      return "{}\n";
    }
    StringBuilder out = new StringBuilder("{\n");
    int left = values.size();
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      out.append("  ").append(ParamText.jsonString(entry.getKey())).append(": ")
          .append(ParamText.json(entry.getValue())).append(--left > 0 ? ",\n" : "\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * Returns the parameters as {@code name=value} lines in document order, values as in {@link
   * #strings()}, escaped as {@link java.util.Properties#store(java.io.OutputStream, String)}
   * escapes them (ASCII only, so {@code Properties.load} reads them back), without its date
   * comment.
   *
   * @return the lines, empty if there are no parameters
   */
  public String toProperties() {
    StringBuilder out = new StringBuilder();
    strings.forEach((name, value) -> out.append(ParamText.properties(name, true)).append('=')
        .append(ParamText.properties(value, false)).append('\n'));
    return out.toString();
  }

  /** Returns the {@linkplain #toTsv() TSV lines}. */
  @Override
  public String toString() {
    return toTsv();
  }

  /**
   * Returns the differences between the parameters of two documents, matched by name: a
   * parameter only {@code after} has is {@link AiJsonDiff.Kind#ADDED}, one only {@code before}
   * has is {@link AiJsonDiff.Kind#REMOVED}, one with another value is {@link
   * AiJsonDiff.Kind#CHANGED}. Numbers compare by value ({@code 1.0} equals {@code 1}), references
   * by the names of their vars. This is the diff a tracker shows between two runs; {@link
   * AiJsonDiff} also sees what is not a parameter (keys, scopes, signatures).
   *
   * @param before the first document, such as the one training wrote
   * @param after the second document
   * @return the differences
   * @throws NullPointerException if either document is null
   */
  public static Diff diff(AiJsonDocument before, AiJsonDocument after) {
    if (before == null || after == null) {
      throw new NullPointerException("AiJsonParams.diff needs two documents, but the "
          + (before == null ? "first (before)" : "second (after)") + " is null. Pass a parsed AiJsonDocument.");
    }
    return new Diff(of(before), of(after));
  }

  /**
   * One parameter that differs.
   *
   * @param kind whether it was added, removed or changed
   * @param name the parameter's name
   * @param before its value in the first document, or null if it was added
   * @param after its value in the second document, or null if it was removed
   */
  public record Change(AiJsonDiff.Kind kind, String name, Object before, Object after) {
    /**
     * Checks that the kind and the name are present.
     *
     * @param kind whether it was added, removed or changed
     * @param name the parameter's name
     * @param before its value in the first document, or null if it was added
     * @param after its value in the second document, or null if it was removed
     * @throws NullPointerException if {@code kind} or {@code name} is null
     */
    public Change {
      NullArguments.check(kind, "AiJsonParams.Change", "kind", "Pass the kind of change.");
      NullArguments.check(name, "AiJsonParams.Change", "name", "Pass the parameter's name.");
    }
  }

  /** The parameter differences between two documents, from {@link AiJsonParams#diff}. */
  public static final class Diff {
    private final int beforeSize;
    private final List<Change> changes;

    private Diff(AiJsonParams before, AiJsonParams after) {
      this.beforeSize = before.values.size();
      this.changes = List.copyOf(compare(before.values, after.values));
    }

    /**
     * Returns the changes in the second document's order, each parameter only the first has
     * placed after the parameter it followed there.
     *
     * @return the changes, unmodifiable
     */
    public List<Change> changes() {
      return changes;
    }

    /**
     * Returns whether both documents have the same parameters with the same values.
     *
     * @return true if no parameter was added, removed or changed
     */
    public boolean isEmpty() {
      return changes.isEmpty();
    }

    /**
     * Returns a readable report: one line per change, {@code name: before -> after}, {@code
     * name: added value} or {@code name: removed value}, values as JSON.
     *
     * @return the report: a summary line, then one line per difference; ends with a newline
     */
    public String report() {
      if (changes.isEmpty()) {
        return "No parameter differences: both documents have the same " + beforeSize
            + (beforeSize == 1 ? " parameter" : " parameters") + " with the same values.\n";
      }
      StringBuilder out = new StringBuilder();
      out.append(changes.size()).append(changes.size() == 1 ? " parameter difference"
          : " parameter differences").append(" (first document -> second; parameters matched by"
          + " name):\n");
      for (Change change : changes) {
        out.append("  ").append(change.name()).append(": ");
        switch (change.kind()) {
          case ADDED -> out.append("added ").append(ParamText.json(change.after()));
          case REMOVED -> out.append("removed ").append(ParamText.json(change.before()));
          case CHANGED -> out.append(ParamText.json(change.before())).append(" -> ")
              .append(ParamText.json(change.after()));
        }
        out.append('\n');
      }
      return out.toString();
    }

    /** Returns the {@linkplain #report() report}. */
    @Override
    public String toString() {
      return report();
    }

    private static List<Change> compare(Map<String, Object> before, Map<String, Object> after) {
      List<String> beforeNames = new ArrayList<>(before.keySet());
      Map<String, Integer> beforePositions = new HashMap<>();
      for (int i = 0; i < beforeNames.size(); i++) {
        beforePositions.put(beforeNames.get(i), i);
      }
      List<Change> changes = new ArrayList<>();
      int next = 0;
      for (Map.Entry<String, Object> entry : after.entrySet()) {
        String name = entry.getKey();
        Integer position = beforePositions.get(name);
        if (position == null) {
          changes.add(new Change(AiJsonDiff.Kind.ADDED, name, null, entry.getValue()));
          continue;
        }
        next = removedUpTo(beforeNames, next, position, after, before, changes);
        next = Math.max(next, position + 1);
        Object old = before.get(name);
        if (!same(old, entry.getValue())) {
          changes.add(new Change(AiJsonDiff.Kind.CHANGED, name, old, entry.getValue()));
        }
      }
      removedUpTo(beforeNames, next, beforeNames.size(), after, before, changes);
      return changes;
    }

    /** Adds the parameters of {@code before} from {@code from} to {@code to} that are gone. */
    private static int removedUpTo(List<String> beforeNames, int from, int to,
        Map<String, Object> after, Map<String, Object> before, List<Change> changes) {
      for (int i = from; i < to; i++) {
        String name = beforeNames.get(i);
        if (!after.containsKey(name)) {
          changes.add(new Change(AiJsonDiff.Kind.REMOVED, name, before.get(name), null));
        }
      }
      return Math.max(from, to);
    }

    private static boolean same(Object a, Object b) {
      if (isNumber(a) && isNumber(b)) {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
      }
      return Objects.equals(a, b);
    }

    private static boolean isNumber(Object value) {
      return value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal;
    }
  }

  private static String shortList(java.util.Collection<String> names) {
    List<String> shown = new ArrayList<>();
    for (String name : names) {
      if (shown.size() == 10) {
        shown.add("...");
        break;
      }
      shown.add(name);
    }
    return shown.isEmpty() ? "none" : String.join(", ", shown);
  }
}
