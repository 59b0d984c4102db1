package dev.aijson.core.replay;

import dev.aijson.core.internal.Abbreviation;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.Decoded;
import dev.aijson.core.internal.Environment;
import dev.aijson.core.internal.ReplayOverride;
import dev.aijson.core.internal.ReplayPlan;
import dev.aijson.core.internal.ReplayStep;
import dev.aijson.core.internal.ValueDecoder;
import dev.aijson.core.internal.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rebuilds the objects an aijson document describes, by reflection and without Guice.
 *
 * <p>{@link #of(String)} validates the whole document before it returns: every class loads
 * (without being initialised), every constructor and method matches its {@code signature}, the
 * replay security policy allows every var, every value decodes to its declared (generic) type and
 * every reference fits. All problems are reported at once in one {@link AiJsonException}, and
 * nothing is constructed. Replayers are immutable; each wither returns a new, validated one.
 *
 * <p>Replay constructs, calls and injects only in packages the caller allowed ({@link
 * #allowing} or {@link #allowPackages}, sub-packages included) and types or methods annotated
 * {@link AiJson}: a document is input, and an {@code @Inject} constructor, a Guice module or an
 * {@code @Provides} method alone is not enough. A module class is instantiated only through a
 * non-private constructor: the one that takes its recorded fields (its {@code module} var), else
 * its no-argument constructor. Values are read by the declared parameter type only.
 *
 * <p>Each {@link #build} is a fresh session: the requested var and exactly the vars it
 * references are built, dependencies first, each once; {@code call} vars run only when something
 * being built references their result. The walk uses an explicit stack and visits each var's
 * references in increasing var order, so a document in recorded order is built in increasing
 * order, and a reference chain of any length cannot overflow the call stack. A var's object comes
 * from {@link #withInstance} if given, else (for a referenced var) from {@link ReplayHooks#reference},
 * else it is built; an {@code opaque} var is then asked of {@link ReplayHooks#opaque}. Each module
 * class of {@code provides} vars is instantiated once per build. A {@code factory} var is built as
 * a proxy of its interface: each call of a factory method builds, in a fresh session, the var the
 * recording made with the same assisted arguments, else the last var of that method with the
 * call's arguments (see {@link FactoryCall}); matching uses the values recorded, overrides are
 * applied to what is built.
 *
 * <pre>{@code
 * AiJsonReplayer replayer = AiJsonReplayer.allowing("com.acme.models")
 *     .of(Files.readString(Path.of("pipeline.json")))
 *     .override("var1.kwargs.nHidden", 512)
 *     .withInstance("var7", dataSource);
 * SentimentPipeline pipeline = (SentimentPipeline) replayer.build("var2");
 * }</pre>
 */
public final class AiJsonReplayer {
  private static final ReplayHooks NO_HOOKS = new ReplayHooks() {};

  private static final Logger LOGGER = Logger.getLogger(AiJsonReplayer.class.getName());

  private final ReplayPlan plan;
  private final Map<String, Object> instances;
  private final Map<String, Object> moduleInstances;
  private final AtomicBoolean warned = new AtomicBoolean();

  private AiJsonReplayer(
      ReplayPlan plan, Map<String, Object> instances, Map<String, Object> moduleInstances) {
    this.plan = plan;
    this.instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    this.moduleInstances = Collections.unmodifiableMap(new LinkedHashMap<>(moduleInstances));
  }

  /**
   * Returns a replay policy that allows {@code packages} and their sub-packages; its {@link
   * Policy#of(String)} validates a document with it, so that one call reports every problem,
   * the policy's refusals included.
   *
   * @param packages package names such as {@code com.acme.models} (sub-packages are included)
   * @return the policy
   * @throws IllegalArgumentException if a name is not a package name
   */
  public static Policy allowing(String... packages) {
    Objects.requireNonNull(packages, "allowing: packages is null. Pass package names such as \"com.acme.models\".");
    return new Policy(packages(List.of(), packages));
  }

  /**
   * The packages replay may use, known before a document is validated, so that its refusals are
   * reported with every other problem of the document.
   *
   * <pre>{@code
   * AiJsonReplayer.Policy policy = AiJsonReplayer.allowing("com.acme.models");
   * SentimentPipeline pipeline = (SentimentPipeline) policy.of(json).build("var2");
   * }</pre>
   */
  public static final class Policy {
    private final List<String> packages;

    private Policy(List<String> packages) {
      this.packages = List.copyOf(packages);
    }

    /**
     * Returns a replayer for the JSON text of a document, validated with this policy.
     *
     * @param json the document's JSON text
     * @return the validated replayer
     * @throws AiJsonException listing every problem of the document, refusals included
     */
    public AiJsonReplayer of(String json) {
      return of(AiJsonDocument.parse(json));
    }

    /**
     * Returns a replayer for {@code document}, validated with this policy, loading classes from
     * the context class loader.
     *
     * @param document the document to replay
     * @return the validated replayer
     * @throws AiJsonException listing every problem of the document, refusals included
     */
    public AiJsonReplayer of(AiJsonDocument document) {
      return AiJsonReplayer.of(document, defaultLoader(), packages.toArray(new String[0]));
    }

    /**
     * Returns the packages this policy allows, in the order they were named.
     *
     * @return the package names, without duplicates
     */
    public List<String> packages() {
      return packages;
    }
  }

  /**
   * Returns a replayer for {@code document}, using the context class loader and the default
   * security policy, which allows no package: only types and methods annotated {@link AiJson}.

   *
   * @param document the document to replay
   * @return the validated replayer
   * @throws AiJsonException listing every problem of the document
   */
  public static AiJsonReplayer of(AiJsonDocument document) {
    return of(document, defaultLoader());
  }

  /**
   * Reads and returns a replayer for the JSON text of a document, with the default limits.
   *
   * @param json the document's JSON text
   * @return the validated replayer
   * @throws AiJsonException listing every problem of the document
   */
  public static AiJsonReplayer of(String json) {
    return of(AiJsonDocument.parse(json));
  }

  /**
   * Returns a replayer for {@code document} that loads classes from {@code classLoader} and also
   * constructs and calls classes in {@code allowedPackages}. Use this form when the document
   * cannot be validated without them: {@link #of(AiJsonDocument)} would refuse it before {@link
   * #allowPackages} or {@link #withClassLoader} could be called.
   *
   * @param document the document to replay
   * @param classLoader the class loader of the recorded classes
   * @param allowedPackages packages (with their sub-packages) that replay may use freely
   * @return the validated replayer
   * @throws AiJsonException listing every problem of the document
   */
  public static AiJsonReplayer of(
      AiJsonDocument document, ClassLoader classLoader, String... allowedPackages) {
    Objects.requireNonNull(document, "AiJsonReplayer.of: document is null. Pass a parsed AiJsonDocument.");
    Objects.requireNonNull(classLoader, "AiJsonReplayer: classLoader is null. Pass the class loader of the recorded classes.");
    NullArguments.check(allowedPackages, "AiJsonReplayer.of", "allowedPackages", "Pass package"
        + " names such as \"com.acme.models\", or none.");
    List<String> packages = packages(List.of(), allowedPackages);
    return new AiJsonReplayer(ReplayPlan.of(document, classLoader, packages), Map.of(), Map.of());
  }

  /**
   * Returns this replayer also allowed to construct and call classes in {@code packages} and
   * their sub-packages, whatever their annotations.
   *
   * @param packages package names such as {@code com.acme.models}
   * @return the new, validated replayer
   */
  public AiJsonReplayer allowPackages(String... packages) {
    List<String> allowed = packages(plan.allowedPackages, packages);
    return new AiJsonReplayer(ReplayPlan.of(plan.document, plan.recorded, plan.loader, allowed), instances,
        moduleInstances);
  }

  /**
   * Returns this replayer with {@code instance} as the object of {@code var}, which is then not
   * built. This is how serving code supplies {@code opaque} vars; it also replaces any other
   * var. For a {@code provides} var, {@code instance} may instead be the module whose method is
   * called.
   *
   * @param var a var name such as {@code var7}
   * @param instance an instance of the var's class (for provides and call vars, of the method's
   *     return type)
   * @return the new replayer
   * @throws AiJsonException if the document has no such var or {@code instance} does not fit it
   */
  public AiJsonReplayer withInstance(String var, Object instance) {
    NullArguments.check(var, "AiJsonReplayer.withInstance", "var", "Pass a var name such as \"var2\".");
    Objects.requireNonNull(instance, () -> "withInstance(\"" + var + "\", null): the instance is null. Pass the object that stands for " + var + ".");
    ReplayStep step = plan.step(plan.position(var, "withInstance(\"" + Abbreviation.of(var) + "\", ...)"));
    Map<String, Object> products = new LinkedHashMap<>(instances);
    Map<String, Object> modules = new LinkedHashMap<>(moduleInstances);
    if (step.accepts(instance)) {
      products.put(var, instance);
      modules.remove(var);
    } else if (step.var.kind() == AiJsonVar.Kind.PROVIDES && step.type.isInstance(instance)) {
      modules.put(var, instance);
      products.remove(var);
    } else {
      throw new AiJsonException(step.var.pointer(), "withInstance(\"" + var + "\", ...): "
          + ValueDecoder.article(instance.getClass().getName()) + " does not fit " + step.label()
          + ", whose object is " + ValueDecoder.article(step.product.getName()) + ". Pass "
          + ValueDecoder.article(step.product.getName()) + ".");
    }
    return new AiJsonReplayer(plan, products, modules);
  }

  /**
   * Returns this replayer loading the document's classes from {@code classLoader}.
   *
   * @param classLoader the class loader of the recorded classes
   * @return the new, validated replayer
   */
  public AiJsonReplayer withClassLoader(ClassLoader classLoader) {
    Objects.requireNonNull(classLoader, "AiJsonReplayer: classLoader is null. Pass the class loader of the recorded classes.");
    ReplayPlan changed = ReplayPlan.of(plan.document, plan.recorded, classLoader, plan.allowedPackages);
    return new AiJsonReplayer(changed, instances, moduleInstances);
  }

  /**
   * Returns this replayer with one value of the document replaced. The path starts with a var,
   * then {@code kwargs} or {@code members}, an argument name, and optionally record components,
   * map keys and list indexes: {@code "var1.kwargs.nHidden"}, {@code
   * "var2.kwargs.config.layers.0"}, {@code "var4.members.threshold"}. The value is encoded as the
   * recorder encodes arguments (pass {@link AiJsonRef#to} to reference another var) and checked
   * against the declared parameter type at once.
   *
   * @param dottedPath where the value goes
   * @param value the new value: a JSON value (scalar, enum, record, collection, map or array)
   * @return the new, validated replayer
   * @throws AiJsonException if the path names nothing, naming what exists, or the value does not
   *     fit the declared type, with its JSON Pointer
   */
  public AiJsonReplayer override(String dottedPath, Object value) {
    NullArguments.check(dottedPath, "AiJsonReplayer.override", "dottedPath", "Pass a path such as"
        + " \"var1.kwargs.nHidden\".");
    AiJsonDocument changed = ReplayOverride.apply(plan.document, dottedPath, value);
    return new AiJsonReplayer(ReplayPlan.of(changed, plan.recorded, plan.loader, plan.allowedPackages),
        instances, moduleInstances);
  }

  /**
   * Returns the document this replayer builds, with every override applied.
   *
   * @return the document
   */
  public AiJsonDocument document() {
    return plan.document;
  }

  /**
   * Returns how the environment replay runs in differs from the document's {@code environment}
   * section: another Java version, or a class that now comes from another jar or jar version.
   * These are warnings, never errors: replay goes on. Empty if the document has no section.
   * The first {@link #build()} or {@link #build(String)} of a replayer also logs them, at
   * {@link Level#WARNING}, to the {@code java.util.logging} logger named after this class.
   *
   * @return one sentence per difference, naming what was recorded and what is used now
   */
  public List<String> environmentWarnings() {
    return environmentWarnings(Map.of());
  }

  /**
   * Returns the {@linkplain #environmentWarnings() environment warnings}, also comparing the
   * version of each library in {@code libraries} with the one the document records under the
   * same name.
   *
   * @param libraries a class of each library to compare, by the name the document uses, such as
   *     {@code Map.of("guice", Guice.class)}; null compares none
   * @return one sentence per difference
   */
  public List<String> environmentWarnings(Map<String, Class<?>> libraries) {
    return List.copyOf(Environment.warnings(plan.document.environment(), plan.classes(),
        libraries == null ? Map.of() : libraries));
  }

  private static void logEnvironmentWarnings(Logger logger, List<String> warnings) {
    if (!warnings.isEmpty() && logger.isLoggable(Level.WARNING)) {
      logger.warning("aijson replay: the environment differs from the recording:\n  "
          + String.join("\n  ", warnings));
    }
  }

  /**
   * Returns the packages this replayer may use freely, in the order they were allowed.
   *
   * @return the package names, unmodifiable
   */
  public List<String> allowedPackages() {
    return plan.allowedPackages;
  }

  /**
   * Builds the last var of the document, the object the recording finished last.
   *
   * @return its object
   * @throws AiJsonException if the document has no vars or the build fails
   */
  public Object build() {
    List<AiJsonVar> vars = plan.document.vars();
    if (vars.isEmpty()) {
      throw new AiJsonException("/vars", "The document has no vars, so there is nothing to build."
          + " Record something first.");
    }
    return build(vars.get(vars.size() - 1).name());
  }

  /**
   * Builds {@code var} and only what it references, in a fresh session.
   *
   * @param var a var name such as {@code var3}
   * @return its object
   * @throws AiJsonException if the document has no such var, an opaque var it needs was not
   *     supplied, or a constructor or method threw (the cause is kept)
   */
  public Object build(String var) {
    NullArguments.check(var, "AiJsonReplayer.build", "var", "Pass a var name such as \"var2\".");
    if (warned.compareAndSet(false, true)) {
      logEnvironmentWarnings(LOGGER, environmentWarnings());
    }
    return new ReplaySession(plan, instances, moduleInstances, NO_HOOKS)
        .build(plan.position(var, "build(\"" + Abbreviation.of(var) + "\")"));
  }

  /**
   * Builds {@code var} and only what it references, in a fresh session, with {@code hooks}
   * taking part.
   *
   * @param var a var name such as {@code var3}
   * @param hooks the callbacks for referenced vars, providers, opaque vars and built objects
   * @return its object
   * @throws AiJsonException as {@link #build(String)} does, or as the hooks throw
   */
  public Object build(String var, ReplayHooks hooks) {
    NullArguments.check(var, "AiJsonReplayer.build", "var", "Pass a var name such as \"var2\".");
    Objects.requireNonNull(hooks, "build: hooks is null. Pass hooks, or call build(var) without them.");
    int root = plan.position(var, "build(\"" + Abbreviation.of(var) + "\", hooks)");
    return new ReplaySession(plan, instances, moduleInstances, hooks).build(root);
  }

  /**
   * Builds the var at {@code position} as {@link #build(String, ReplayHooks)} builds it by name:
   * for an integration that works through the document's positions (as {@link
   * #referencePositions} gives them), which a large document's vars are found by without reading
   * their names.
   *
   * <pre>{@code
   * Object tokenizer = replayer.build(replayer.document().position("var3"), hooks);
   * }</pre>
   *
   * @param position the position of a var in the document, as {@link AiJsonDocument#position}
   *     gives it
   * @param hooks the callbacks for referenced vars, providers, opaque vars and built objects
   * @return its object
   * @throws IndexOutOfBoundsException if the document has no var at {@code position}
   * @throws AiJsonException as {@link #build(String)} does, or as the hooks throw
   */
  public Object build(int position, ReplayHooks hooks) {
    Objects.requireNonNull(hooks, "build: hooks is null. Pass hooks, or call build(var) without them.");
    Objects.checkIndex(position, plan.size());
    return new ReplaySession(plan, instances, moduleInstances, hooks).build(position);
  }

  /**
   * Returns the positions in {@link #document()} of the vars the var at {@code position}
   * references (its receiver, and every reference inside its kwargs and members), each once, in
   * increasing order: what a build of it builds, or asks its hooks for, before it. They were worked
   * out when the replayer was made, so a walk over the references of many vars looks nothing up
   * by name.
   *
   * <pre>{@code
   * int position = replayer.document().position("var3");
   * for (int referenced : replayer.referencePositions(position)) {
   *   AiJsonVar dependency = replayer.document().vars().get(referenced);
   * }
   * }</pre>
   *
   * @param position the position of a var in the document, as {@link AiJsonDocument#position}
   *     gives it
   * @return the positions, a new array the caller may change
   * @throws IndexOutOfBoundsException if the document has no var at {@code position}
   */
  public int[] referencePositions(int position) {
    int[] positions = new int[plan.refCount(position)];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = plan.ref(position, i);
    }
    return positions;
  }

  /**
   * Returns how many vars the var at {@code position} references: the length of {@link
   * #referencePositions}, for a walk over many vars that makes no array per var.
   *
   * <pre>{@code
   * for (int i = 0; i < replayer.referenceCount(position); i++) {
   *   int referenced = replayer.reference(position, i);
   * }
   * }</pre>
   *
   * @param position the position of a var in the document
   * @return the number of distinct vars it references
   * @throws IndexOutOfBoundsException if the document has no var at {@code position}
   */
  public int referenceCount(int position) {
    return plan.refCount(position);
  }

  /**
   * Returns element {@code index} of {@link #referencePositions}{@code (position)}, without
   * making the array.
   *
   * @param position the position of a var in the document
   * @param index at least 0 and less than {@link #referenceCount}{@code (position)}
   * @return the position of the referenced var
   * @throws IndexOutOfBoundsException if the document has no var at {@code position}, or the var
   *     has {@code index} references or fewer
   */
  public int reference(int position, int index) {
    return plan.ref(position, index);
  }

  /**
   * Returns why {@code var} cannot be built as the document and the class path stand, with what
   * {@link #withInstance} has supplied, or null if nothing shows that yet: a {@code provides} var
   * whose module class replay cannot make, or a {@code module} var that replay cannot make from
   * its recorded fields. An integration checks this for every var it binds
   * when it starts (as {@code ReplayModule} does when the injector is created), so that a
   * serving start does not fail later, at the first request, for a reason the document showed.
   *
   * @param var a var name such as {@code var3}
   * @return the problem, naming the var, the rule and the fix; or null
   * @throws AiJsonException if the document has no such var
   */
  public String unbuildable(String var) {
    NullArguments.check(var, "AiJsonReplayer.unbuildable", "var", "Pass a var name such as \"var2\".");
    return unbuildable(plan.position(var, "unbuildable(\"" + Abbreviation.of(var) + "\")"));
  }

  /**
   * Returns why the var at {@code position} cannot be built, as {@link #unbuildable(String)} does
   * by name.
   *
   * @param position the position of a var in the document, as {@link AiJsonDocument#position}
   *     gives it
   * @return the problem, naming the var, the rule and the fix; or null
   * @throws IndexOutOfBoundsException if the document has no var at {@code position}
   */
  public String unbuildable(int position) {
    ReplayStep step = plan.step(Objects.checkIndex(position, plan.size()));
    // most replays supply nothing: the var's name is then not read (at 100,000 vars, a cache
    // miss for each)
    if (!instances.isEmpty() && instances.containsKey(step.var.name())
        || !moduleInstances.isEmpty() && moduleInstances.containsKey(step.var.name())) {
      return null;
    }
    return step.moduleProblem(); // a provides var with a module var leaves it to that var
  }

  /**
   * Returns the parts of a {@code multibinding} var that the Guice layer binds one by one, through
   * Guice's own binders: for a {@code Multibinder} each element, for a {@code MapBinder} each
   * value with its key, for an {@code OptionalBinder} its value if it has one. Each part is the
   * {@link AiJsonRef} of the var that builds it, or the value itself when it is a constant.
   *
   * @param var the name of a multibinding var
   * @return the parts in recorded order, as entries of the map key (null for a set or an optional)
   *     and the element
   * @throws AiJsonException if {@code var} is not a multibinding var, or an element is a value that
   *     holds references (only vars and constants can be bound one by one)
   */
  public List<Map.Entry<Object, Object>> multibindingEntries(String var) {
    NullArguments.check(var, "AiJsonReplayer.multibindingEntries", "var", "Pass a var name such as"
        + " \"var2\".");
    ReplayStep step = plan.step(plan.position(var, "multibindingEntries(\"" + Abbreviation.of(var) + "\")"));
    if (step.var.kind() != AiJsonVar.Kind.MULTIBINDING) {
      throw new AiJsonException(step.var.pointer(), step.var.label() + " is a "
          + step.var.kind().jsonName() + " var, not a multibinding. Pass a multibinding var.");
    }
    List<Map.Entry<Object, Object>> entries = new ArrayList<>();
    if (step.var.caller().equals("OptionalBinder")) {
      Object value = part(step, step.arg(0), "value");
      if (value != null) {
        entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(null, value));
      }
      return Collections.unmodifiableList(entries);
    }
    boolean map = step.var.caller().equals("MapBinder");
    List<Decoded> values = ((Decoded.Elements) step.arg(map ? 1 : 0)).elements();
    List<Decoded> keys = map ? ((Decoded.Elements) step.arg(0)).elements() : null;
    for (int i = 0; i < values.size(); i++) {
      String at = (map ? "values/" : "elements/") + i;
      entries.add(new java.util.AbstractMap.SimpleImmutableEntry<>(
          map ? part(step, keys.get(i), "keys/" + i) : null, part(step, values.get(i), at)));
    }
    return Collections.unmodifiableList(entries);
  }

  private Object part(ReplayStep step, Decoded decoded, String at) {
    if (decoded instanceof Decoded.Ref ref) {
      return AiJsonRef.to(plan.step(ref.index()).var.name());
    }
    return decoded.make(new Decoded.Context() {
      @Override
      public Object object(int index) {
        throw new AiJsonException(step.var.pointer() + "/kwargs/" + at, step.var.label() + ": the"
            + " part at " + step.var.pointer() + "/kwargs/" + at + " is a value with references"
            + " inside; Guice's binders take one var or one constant per element. Make each"
            + " element a var or a constant.");
      }

      @Override
      public Object provider(String key, java.lang.reflect.Type type, Decoded.Where where) {
        return object(-1);
      }
    });
  }

  private static List<String> packages(List<String> allowed, String... more) {
    NullArguments.check(more, "allowPackages", "packages", "Pass package names such as"
        + " \"com.acme.models\".");
    List<String> packages = new ArrayList<>(allowed);
    for (String name : Arrays.asList(more)) {
      // the empty name is the default package
      if (name == null || !name.isEmpty() && !AiJsonTypes.isPackageName(name)) {
        throw new IllegalArgumentException("allowPackages: \"" + name + "\" is not a package name;"
            + " write it as com.acme.models (sub-packages are included, no wildcard).");
      }
      if (!packages.contains(name)) {
        packages.add(name);
      }
    }
    return packages;
  }

  private static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : AiJsonReplayer.class.getClassLoader();
  }
}
