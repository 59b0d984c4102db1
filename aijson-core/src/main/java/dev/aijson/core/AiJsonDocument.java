package dev.aijson.core;

import dev.aijson.core.internal.Abbreviation;
import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.internal.DocumentReader;
import dev.aijson.core.internal.DocumentWriter;
import dev.aijson.core.internal.Documents;
import dev.aijson.core.internal.ProblemList;
import dev.aijson.core.internal.ReplayOverride;
import dev.aijson.core.internal.Values;
import dev.aijson.core.replay.AiJsonReplayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An aijson document (format 1): the vars that describe how an object graph was wired, in the
 * order their objects were finished, so that every reference points backwards.
 *
 * <p>Documents are immutable. {@link #toJson()} is deterministic: equal documents give
 * byte-identical JSON. {@link #parse(String)} checks syntax, limits, the format version, the shape
 * of every var and that every reference names an earlier var, and reports every problem at once.
 *
 * <pre>{@code
 * AiJsonDocument doc = AiJsonDocument.parse(Files.readString(Path.of("pipeline.json")));
 * for (AiJsonVar var : doc.vars()) {
 *   System.out.println(var.name() + " " + var.className() + " " + var.kwargs());
 * }
 * }</pre>
 */
public final class AiJsonDocument {
  static {
    // aijson's reader and recorder make documents whose vars they have checked themselves
    Documents.register(AiJsonDocument::new);
  }

  /** The format version this library writes and reads. */
  public static final int FORMAT = 1;

  private final List<AiJsonVar> vars;
  // null when var i is named var<i>, as in every recording: the name then gives the position
  private final Map<String, Integer> byName;
  private final int cap;
  // the byte budget when it, not the var cap, stopped the recording; else 0
  private final long byteBudget;
  private final long droppedVars;
  private final Map<String, Object> environment;

  private AiJsonDocument(List<AiJsonVar> vars, int cap, long byteBudget, long droppedVars,
      Map<String, Object> environment) {
    this(vars, cap, byteBudget, droppedVars, environment, false);
  }

  /**
   * Makes a document; {@code numbered} says that the caller knows var i to be named {@code
   * var<i>}, so that the names are not read again (at 100,000 vars, a pass over names spread over
   * the heap was 7% of reading a document), and false has them checked.
   */
  private AiJsonDocument(List<AiJsonVar> vars, int cap, long byteBudget, long droppedVars,
      Map<String, Object> environment, boolean numbered) {
    this.vars = List.copyOf(vars);
    if (!numbered) {
      numbered = true;
      for (int i = 0; i < this.vars.size() && numbered; i++) {
        numbered = number(this.vars.get(i).name()) == i;
      }
    }
    Map<String, Integer> index = null;
    if (!numbered) {
      index = new HashMap<>();
      for (int i = 0; i < this.vars.size(); i++) {
        index.put(this.vars.get(i).name(), i);
      }
    }
    this.byName = index;
    // a cap with nothing dropped is not written, so it is not kept either
    this.cap = droppedVars > 0 ? cap : 0;
    this.byteBudget = droppedVars > 0 ? byteBudget : 0;
    this.droppedVars = droppedVars;
    this.environment = Values.copyObject(environment);
  }

  /**
   * Returns a document of the given vars.
   *
   * @param vars the vars, each referencing only vars before it
   * @return the document
   * @throws AiJsonException if a var name repeats or a reference dangles or points forwards
   */
  public static AiJsonDocument of(List<AiJsonVar> vars) {
    return of(vars, 0, 0);
  }

  /**
   * Returns a document of the given vars that says it was cut at {@code cap} vars, after which
   * {@code droppedVars} more were not recorded.
   *
   * @param vars the recorded vars, each referencing only vars before it
   * @param cap the var cap that was reached, or 0 if the recording was not cut
   * @param droppedVars how many vars were not recorded
   * @return the document
   * @throws NullPointerException if {@code vars} or one of them is null
   * @throws IllegalArgumentException if {@code cap} or {@code droppedVars} is negative, which the
   *     {@code cut} section cannot hold
   * @throws AiJsonException if a var name repeats or a reference dangles or points forwards
   */
  public static AiJsonDocument of(List<AiJsonVar> vars, int cap, long droppedVars) {
    NullArguments.check(vars, "AiJsonDocument.of", "vars", "Pass the vars, or an empty list.");
    for (int i = 0; i < vars.size(); i++) {
      NullArguments.check(vars.get(i), "AiJsonDocument.of", "vars[" + i + "]",
          "Pass a list of vars without null elements.");
    }
    if (cap < 0 || droppedVars < 0) {
      throw new IllegalArgumentException("AiJsonDocument.of: cap is " + cap + " and droppedVars is "
          + droppedVars + ", but both must be 0 or more: a document with a negative \"cap\" or"
          + " \"dropped\" in its cut section could not be read back. Pass 0 and 0 for a document"
          + " that was not cut.");
    }
    ProblemList problems = new ProblemList();
    Documents.referenceProblems(vars, problems);
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    return new AiJsonDocument(vars, cap, 0, droppedVars, Map.of());
  }

  /**
   * Reads the document in {@code file} with the {@linkplain AiJsonLimits#defaults() default
   * limits}, reading no more of the file than the limits allow.
   *
   * @param file a UTF-8 file
   * @return the document
   * @throws AiJsonException if the file cannot be read or is larger than the limit, naming the
   *     file, or listing every problem of the document
   */
  public static AiJsonDocument read(java.nio.file.Path file) {
    return read(file, AiJsonLimits.defaults());
  }

  /**
   * Reads the document in {@code file} within {@code limits}, reading no more of the file than
   * they allow: a file past {@link AiJsonLimits#maxChars()} is refused unread.
   *
   * @param file a UTF-8 file
   * @param limits the bounds on size, depth, vars and strings
   * @return the document
   * @throws AiJsonException if the file cannot be read or is larger than the limit, naming the
   *     file, or listing every problem of the document
   */
  public static AiJsonDocument read(java.nio.file.Path file, AiJsonLimits limits) {
    java.util.Objects.requireNonNull(file, "AiJsonDocument.read: file is null. Pass the path of a document.");
    NullArguments.check(limits, "AiJsonDocument.read", "limits", "Pass AiJsonLimits.defaults() or your own.");
    String json;
    try {
      json = DocumentReader.readText(file, limits.maxChars());
    } catch (DocumentReader.NotUtf8 e) {
      throw new AiJsonException("", "Cannot read the aijson document: " + e.getMessage() + ".", e);
    } catch (java.io.IOException | RuntimeException e) {
      throw new AiJsonException("", "Cannot read the aijson document " + file + " (" + e + ")."
          + " Check that the file exists, is readable UTF-8 and is within AiJsonLimits.maxChars.", e);
    }
    return parse(json, limits);
  }

  /**
   * Reads a document with the {@linkplain AiJsonLimits#defaults() default limits}.
   *
   * @param json the JSON text
   * @return the document
   * @throws AiJsonException listing every problem found, with the JSON Pointer of the first
   */
  public static AiJsonDocument parse(String json) {
    return parse(json, AiJsonLimits.defaults());
  }

  /**
   * Reads a document within the given limits.
   *
   * @param json the JSON text
   * @param limits bounds on size, nesting, var count and string length
   * @return the document
   * @throws AiJsonException listing every problem found, with the JSON Pointer of the first
   */
  public static AiJsonDocument parse(String json, AiJsonLimits limits) {
    return DocumentReader.read(json, limits);
  }

  /**
   * Returns the vars in document order: dependencies first.
   *
   * @return the vars, unmodifiable, each after every var it references
   */
  public List<AiJsonVar> vars() {
    return vars;
  }

  /**
   * Returns the var with the given name.
   *
   * @param name a var name such as {@code var3}; null, like any name the document lacks, finds
   *     none
   * @return the var, or empty if the document has none of that name
   */
  public Optional<AiJsonVar> find(String name) {
    int position = position(name);
    return position < 0 ? Optional.empty() : Optional.of(vars.get(position));
  }

  /**
   * Returns the var with the given name.
   *
   * @param name a var name such as {@code var3}
   * @return the var
   * @throws AiJsonException if the document has no var of that name
   * @throws NullPointerException if {@code name} is null
   */
  public AiJsonVar var(String name) {
    NullArguments.check(name, "AiJsonDocument.var", "name", "Pass a var name such as \"var3\".");
    return var(name, "var(\"" + Abbreviation.of(name) + "\")");
  }

  /** Returns the var named {@code name}, or throws naming {@code call}, the vars and the fix. */
  private AiJsonVar var(String name, String call) {
    int position = position(name);
    if (position < 0) {
      throw Documents.noSuchVar(this, call, name);
    }
    return vars.get(position);
  }

  /**
   * Returns the position of the var named {@code name} in {@link #vars()}, or -1.
   *
   * @param name a var name such as {@code var3}; null, like any name the document lacks, gives -1
   * @return the index of that var in {@link #vars()}, or -1 if the document has none of that name
   */
  public int position(String name) {
    if (byName != null) {
      Integer position = byName.get(name);
      return position == null ? -1 : position;
    }
    if (name == null || !AiJsonRef.isVarName(name)) {
      return -1;
    }
    int number = number(name);
    return number < vars.size() ? number : -1;
  }

  /** Returns the number of a well-formed var name: 3 for {@code var3}. */
  private static int number(String name) {
    return Documents.digits(name, 3);
  }

  /**
   * Returns whether the recording stopped at its var cap or its byte budget, so that vars are
   * missing.
   *
   * @return true if vars were dropped after the cap or the byte budget was reached
   */
  public boolean isCut() {
    return droppedVars > 0;
  }

  /**
   * Returns the var cap the recording reached, or 0 if it was not cut.
   *
   * @return the cap, or 0
   */
  public int cap() {
    return cap;
  }

  /**
   * Returns the byte budget the recording reached, if that budget rather than the var cap
   * stopped it (the {@code bytes} member of {@code cut}), or 0 otherwise.
   *
   * @return the byte budget in estimated bytes, or 0 if the recording was not cut or was cut at
   *     its var cap
   */
  public long byteBudget() {
    return byteBudget;
  }

  /**
   * Returns how many vars were not recorded because the cap or the byte budget was reached.
   *
   * @return the number of dropped vars, 0 if the recording was not cut
   */
  public long droppedVars() {
    return droppedVars;
  }

  /**
   * Returns the optional environment section (versions of Java and jars); empty if absent.
   *
   * @return the section's JSON values by name, unmodifiable
   */
  public Map<String, Object> environment() {
    return environment;
  }

  /**
   * Returns this document with {@code var} replacing the var of the same name.
   *
   * @param var the replacement, whose references must still point backwards
   * @return the changed copy
   */
  public AiJsonDocument withVar(AiJsonVar var) {
    NullArguments.check(var, "AiJsonDocument.withVar", "var", "Pass the var that replaces the one of its name.");
    List<AiJsonVar> changed = new ArrayList<>(vars);
    int index = changed.indexOf(var(var.name(), "withVar(" + var.name() + ")"));
    changed.set(index, var);
    ProblemList problems = new ProblemList();
    Documents.referenceProblems(changed, problems);
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    return new AiJsonDocument(changed, cap, byteBudget, droppedVars, environment);
  }

  /**
   * Returns this document with {@code environment} as its environment section.
   *
   * @param environment the section: JSON values by name, such as {@code "java": "17.0.15"}
   * @return the changed copy
   * @throws AiJsonException if the section holds something that is not a JSON value
   */
  public AiJsonDocument withEnvironment(Map<String, ?> environment) {
    NullArguments.check(environment, "AiJsonDocument.withEnvironment", "environment", "Pass the"
        + " section, or call withoutEnvironment().");
    try {
      return new AiJsonDocument(vars, cap, byteBudget, droppedVars, Values.copyObject(environment),
          byName == null);
    } catch (IllegalArgumentException e) {
      throw new AiJsonException("/environment", "The environment section cannot be written: "
          + e.getMessage() + ". Pass JSON values only.", e);
    }
  }

  /**
   * Returns this document without its environment section.
   *
   * @return the changed copy
   */
  public AiJsonDocument withoutEnvironment() {
    return new AiJsonDocument(vars, cap, byteBudget, droppedVars, Map.of(), byName == null);
  }

  /**
   * Returns this document with one value replaced, as {@link AiJsonReplayer#override} does but
   * without loading any class, so the value is not checked against the declared type: replay
   * checks it when it reads the document. The path starts with a var, then {@code kwargs} or
   * {@code members}, an argument name, and optionally record components, map keys and list
   * indexes: {@code "var1.kwargs.nHidden"}, {@code "var2.kwargs.config.layers.0"}.
   *
   * @param dottedPath where the value goes
   * @param value a JSON value (scalar, enum, record, collection, map or array), a document value,
   *     or {@link AiJsonRef#to} to reference another var
   * @return the changed copy
   * @throws AiJsonException if the path names nothing, naming what exists, or the value is not
   *     a JSON value, or a reference does not point backwards
   * @throws NullPointerException if {@code dottedPath} is null
   */
  public AiJsonDocument override(String dottedPath, Object value) {
    if (dottedPath == null) {
      throw new NullPointerException("AiJsonDocument.override: dottedPath is null. Pass a path"
          + " such as \"var1.kwargs.nHidden\".");
    }
    return ReplayOverride.apply(this, dottedPath, value);
  }

  /**
   * Returns the deterministic JSON form: stable order, two-space indent, final newline.
   *
   * @return the JSON text, byte for byte the same for equal documents
   */
  public String toJson() {
    return DocumentWriter.write(this);
  }

  /**
   * Returns whether {@code other} has the same vars, with their members in the same order (replay
   * matches the n-th kwarg to the n-th parameter), and the same cut; the environment is ignored.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof AiJsonDocument that
        && vars.equals(that.vars)
        && cap == that.cap
        && byteBudget == that.byteBudget
        && droppedVars == that.droppedVars
        && sameOrder(that);
  }

  /** Returns whether the vars of {@code that}, equal to this document's, list their members in the same order. */
  private boolean sameOrder(AiJsonDocument that) {
    for (int i = 0; i < vars.size(); i++) {
      AiJsonVar a = vars.get(i);
      AiJsonVar b = that.vars.get(i);
      if (!sameOrder(a.kwargs(), b.kwargs()) || !sameOrder(a.members(), b.members())
          || !sameOrder(a.receiver(), b.receiver())) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether two equal values list every object's members in the same order, at any depth. */
  private static boolean sameOrder(Object a, Object b) {
    // an explicit stack: a value may nest as deep as the reader allows
    java.util.ArrayDeque<Object[]> pending = new java.util.ArrayDeque<>();
    pending.push(new Object[] {a, b});
    while (!pending.isEmpty()) {
      Object[] pair = pending.pop();
      if (pair[0] instanceof Map<?, ?> ma && pair[1] instanceof Map<?, ?> mb) {
        java.util.Iterator<? extends Map.Entry<?, ?>> ib = mb.entrySet().iterator();
        for (Map.Entry<?, ?> entry : ma.entrySet()) {
          Map.Entry<?, ?> other = ib.next();
          if (!entry.getKey().equals(other.getKey())) {
            return false;
          }
          pending.push(new Object[] {entry.getValue(), other.getValue()});
        }
      } else if (pair[0] instanceof List<?> la && pair[1] instanceof List<?> lb) {
        for (int i = 0; i < la.size(); i++) {
          pending.push(new Object[] {la.get(i), lb.get(i)});
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return vars.hashCode() * 31 + Long.hashCode(droppedVars);
  }

  /** Returns the JSON form. */
  @Override
  public String toString() {
    return toJson();
  }
}
