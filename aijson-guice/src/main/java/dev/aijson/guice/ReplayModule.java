package dev.aijson.guice;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.binder.LinkedBindingBuilder;
import com.google.inject.binder.ScopedBindingBuilder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.Abbreviation;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.DocumentReader;
import dev.aijson.core.internal.NullArguments;
import dev.aijson.core.internal.ProblemList;
import dev.aijson.core.internal.ReplayPlan;
import dev.aijson.core.replay.AiJsonReplayer;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Guice module that rebuilds the object graph an aijson document describes, in serving code,
 * without the modules that wired it in training.
 *
 * <p>Every var with a key is bound to that key: singleton keys give one shared instance, unscoped
 * keys a fresh instance per request, each rebuilt from its var with the recorded arguments.
 * Within one request, two references to the same var are the same object. {@code call} vars are
 * invoked only when something being built references their result. A {@code factory} var's key is
 * bound to one implementation of its interface, whose methods build the objects the factory made
 * in the recording: the one recorded with the call's arguments, else the method's last one with
 * the call's arguments and the recorded injected ones.
 *
 * <pre>{@code
 * Injector serving = Guice.createInjector(
 *     ReplayModule.allowing("com.acme.models").from(Path.of("pipeline.json"))
 *         .override("var1.kwargs.nHidden", 512)
 *         .withInstance("var7", dataSource));
 * SentimentPipeline pipeline = serving.getInstance(SentimentPipeline.class);
 * }</pre>
 *
 * <p>{@link #from(String)} checks the whole document before it returns (syntax, format version,
 * references, classes, constructors and methods, value types, the security policy) and throws one
 * {@link AiJsonException} listing every problem; nothing is constructed then. A document is
 * input: replay constructs, calls and injects only in packages the serving code allowed ({@link
 * #allowing}, or {@link #allowPackages}) and types or methods annotated {@code @AiJson}; an
 * {@code @Inject} constructor, a Guice module or an {@code @Provides} method alone is not
 * enough, and a module is made only through a non-private constructor: the one that takes its
 * recorded fields (its {@code module} var), or its no-argument constructor. A needed
 * {@code opaque} var that is neither supplied by {@link #withInstance} nor bound by another
 * module is reported when the injector is created. Instances are immutable: every method that
 * changes something returns a new module.
 */
public final class ReplayModule implements Module {
  private static final Logger LOGGER = Logger.getLogger(ReplayModule.class.getName());
  private static final Map<String, Class<?>> LIBRARIES = Map.of("guice", com.google.inject.Guice.class);

  private final AiJsonDocument source;
  private final ClassLoader loader;
  private final List<String> packages;
  private final List<Change> changes;
  private final AiJsonReplayer replayer;
  private final AiJsonException refusal;
  private final VarKeys keys;

  private final boolean upFront;

  private ReplayModule(AiJsonDocument source, ClassLoader loader, List<String> packages,
      List<Change> changes, boolean upFront) {
    this.source = source;
    this.loader = loader;
    this.packages = List.copyOf(packages);
    this.changes = List.copyOf(changes);
    this.upFront = upFront;
    AiJsonReplayer checked = null;
    AiJsonException refused = null;
    try {
      checked = replayer(this.packages);
    } catch (PolicyRefusal e) {
      // allowing every package named in the document would lift every problem: only the
      // security policy refused, which is reported when the injector is created, so that
      // allowPackages can follow. The check that found the problems also told which they are.
      if (upFront) {
        throw e.refusal;
      }
      refused = e.refusal;
    }
    this.replayer = checked;
    this.refusal = refused;
    this.keys = parseKeys(checked != null ? checked.document() : source, loader);
    if (upFront) {
      List<Problem> unmakeable = unmakeableModules(checked, this.changes);
      if (!unmakeable.isEmpty()) {
        throw AiJsonException.of(unmakeable);
      }
    }
  }

  /**
   * Returns why replay cannot make the modules whose {@code @Provides} methods some var that is
   * not supplied calls: the module vars it cannot make from their fields, and modules without a
   * var that it cannot make with their no-argument constructor.
   */
  private static List<Problem> unmakeableModules(AiJsonReplayer replayer, List<Change> changes) {
    Set<String> supplied = new HashSet<>();
    for (Change change : changes) {
      if (change instanceof Instance instance) {
        supplied.add(instance.var());
      }
    }
    Set<String> needed = new HashSet<>();
    List<Problem> problems = new ArrayList<>();
    for (AiJsonVar var : replayer.document().vars()) {
      if (var.kind() != AiJsonVar.Kind.PROVIDES || supplied.contains(var.name())) {
        continue;
      }
      if (var.receiver() != null) {
        needed.add(var.receiver().var());
      }
      String problem = replayer.unbuildable(var.name());
      if (problem != null) {
        problems.add(new Problem(var.pointer(), problem));
      }
    }
    for (AiJsonVar var : replayer.document().vars()) {
      String problem = var.kind() == AiJsonVar.Kind.MODULE && needed.contains(var.name())
          ? replayer.unbuildable(var.name()) : null;
      if (problem != null) {
        problems.add(new Problem(var.pointer(), problem));
      }
    }
    return problems;
  }

  private AiJsonReplayer replayer(List<String> allowed) {
    AiJsonReplayer replayer;
    try {
      replayer = AiJsonReplayer.of(source, loader, allowed.toArray(new String[0]));
    } catch (AiJsonException e) {
      throw ReplayPlan.refusedOnlyByPolicy(e) ? new PolicyRefusal(inModuleTerms(e)) : inModuleTerms(e);
    }
    try {
      for (Change change : changes) {
        replayer = change.applyTo(replayer);
      }
      return replayer;
    } catch (AiJsonException e) {
      throw inModuleTerms(e);
    }
  }

  /** A check's problems, in this module's terms, when they are all refusals of the policy. */
  private static final class PolicyRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient AiJsonException refusal;

    PolicyRefusal(AiJsonException refusal) {
      super(null, null, false, false);
      this.refusal = refusal;
    }
  }

  /**
   * Returns the replayer of the document with every package it names allowed, for what a module
   * the policy refused can still tell (its document, its environment); checked only when asked.
   * Throws the refusal if that check finds more.
   */
  private AiJsonReplayer lenient() {
    AiJsonReplayer lenient = lenientOrNull();
    if (lenient == null) {
      throw refusal;
    }
    return lenient;
  }

  /** Returns {@link #lenient()}'s replayer, or null where that check finds more than the refusal. */
  private AiJsonReplayer lenientOrNull() {
    AiJsonReplayer lenient = lenientReplayer;
    if (lenient == null && !lenientFails) {
      try {
        lenient = replayer(ReplayPlan.packagesNamedIn(source));
        lenientReplayer = lenient;
      } catch (AiJsonException | PolicyRefusal e) {
        lenientFails = true;
      }
    }
    return lenient;
  }

  private volatile AiJsonReplayer lenientReplayer;
  private volatile boolean lenientFails;

  /**
   * Returns {@code e} with the fixes the replayer's problems name written as this module's calls:
   * a ReplayModule has no {@code withClassLoader}, it loads through the thread's context class
   * loader when {@code from} is called.
   */
  private static AiJsonException inModuleTerms(AiJsonException e) {
    return ProblemList.rewritten(e, message -> message
        .replace("AiJsonReplayer.allowing(", "ReplayModule.allowing(")
        .replace("pass its class loader with withClassLoader(...)",
            "call ReplayModule.from with a thread context class loader that sees it")
        .replace("pass a class loader that sees it with withClassLoader(...)",
            "call ReplayModule.from with a thread context class loader that sees it"));
  }

  /**
   * Returns a replay policy that allows {@code packages} and their sub-packages, whose {@link
   * Policy#from(String)} checks a document with it: one call then throws every problem, the
   * policy's refusals included, instead of reporting refusals when the injector is created.
   *
   * @param packages package names such as {@code com.acme.models} (sub-packages are included)
   * @return the policy
   * @throws IllegalArgumentException if a name is not a package name
   */
  public static Policy allowing(String... packages) {
    return new Policy(AiJsonReplayer.allowing(packages).packages());
  }

  /**
   * The packages replay may construct, call and inject in, known before a document is checked.
   * Types and methods annotated {@code @AiJson} are allowed in any package.
   *
   * <pre>{@code
   * Injector serving = Guice.createInjector(
   *     ReplayModule.allowing("com.acme.models").from(Path.of("pipeline.json")));
   * }</pre>
   */
  public static final class Policy {
    private final List<String> packages;
    private final List<Change> instances;

    private Policy(List<String> packages) {
      this(packages, List.of());
    }

    private Policy(List<String> packages, List<Change> instances) {
      this.packages = List.copyOf(packages);
      this.instances = List.copyOf(instances);
    }

    /**
     * Returns this policy with the object to use for var {@code var} of the document it will
     * check, as {@link ReplayModule#withInstance} does, so that {@link #from(String)} checks the
     * document with it: the way to supply a module that replay cannot make from its recorded
     * fields, or an opaque var, when every problem is to be thrown by {@code from}.
     *
     * <pre>{@code
     * ReplayModule.allowing("com.acme.models")
     *     .withInstance("var0", new ModelModule(config))
     *     .from(json);
     * }</pre>
     *
     * @param var the var's name, such as {@code var0}
     * @param instance the object to use
     * @return the new policy
     * @throws NullPointerException if {@code var} or {@code instance} is null
     */
    public Policy withInstance(String var, Object instance) {
      NullArguments.check(var, "ReplayModule.Policy.withInstance", "var",
          "Pass a var name such as \"var0\".");
      NullArguments.check(instance, "ReplayModule.Policy.withInstance", "instance",
          "Pass the object that stands for " + var + ".");
      List<Change> changed = new ArrayList<>(instances);
      changed.add(new Instance(var, instance));
      return new Policy(packages, changed);
    }

    /**
     * Returns a module that replays the document {@code json}, after checking all of it with
     * this policy.
     *
     * @param json the text of an aijson document
     * @return the module
     * @throws AiJsonException listing every problem of the document, refusals included
     */
    public ReplayModule from(String json) {
      return new ReplayModule(AiJsonDocument.parse(json), defaultLoader(), packages, instances, true);
    }

    /**
     * Returns a module that replays the document in {@code file}, after checking all of it with
     * this policy.
     *
     * @param file an aijson document, in UTF-8
     * @return the module
     * @throws AiJsonException if the file cannot be read, listing every problem of the document,
     *     refusals included
     */
    public ReplayModule from(Path file) {
      return from(read(file));
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

  /** One change a wither made, applied in order to a freshly checked replayer. */
  private interface Change {
    AiJsonReplayer applyTo(AiJsonReplayer replayer);
  }

  private record ValueOverride(String path, Object value) implements Change {
    @Override
    public AiJsonReplayer applyTo(AiJsonReplayer replayer) {
      return replayer.override(path, value);
    }
  }

  private record Instance(String var, Object instance) implements Change {
    @Override
    public AiJsonReplayer applyTo(AiJsonReplayer replayer) {
      return replayer.withInstance(var, instance);
    }
  }

  /**
   * Returns a module that replays the document {@code json}, after checking all of it.
   *
   * <p>Classes the security policy refuses are reported when the injector is created (as a
   * {@link com.google.inject.CreationException} wrapping an {@link AiJsonException}), so that
   * {@link #allowPackages} can still be called on the result; every other problem is thrown
   * here. {@link #allowing} names the packages first and throws refusals here too. Either way, nothing is loaded beyond its class file and nothing is constructed.
   *
   * @param json the text of an aijson document
   * @return the module
   * @throws AiJsonException listing every problem of the document
   */
  public static ReplayModule from(String json) {
    return new ReplayModule(AiJsonDocument.parse(json), defaultLoader(), List.of(), List.of(), false);
  }

  /**
   * Returns a module that replays the document in {@code file}, after checking all of it, as
   * {@link #from(String)} does.
   *
   * @param file an aijson document, in UTF-8
   * @return the module
   * @throws AiJsonException if the file cannot be read, listing every problem of the document
   */
  public static ReplayModule from(Path file) {
    return from(read(file));
  }

  private static String read(Path file) {
    NullArguments.check(file, "ReplayModule.from", "file", "Pass the path of a document.");
    String json;
    try {
      // at most the size limit is read: a huge file is refused without reading the rest
      json = DocumentReader.readText(file, AiJsonLimits.defaults().maxChars());
    } catch (DocumentReader.NotUtf8 e) {
      throw new AiJsonException("", "Cannot read the aijson document: " + e.getMessage() + ".", e);
    } catch (IOException | RuntimeException e) {
      throw new AiJsonException(
          "",
          "Cannot read the aijson document " + file + " (" + e + "). Check that the file exists,"
              + " is readable UTF-8 and is within AiJsonLimits.maxChars.",
          e);
    }
    return json;
  }

  /**
   * Returns this module with one value of the document replaced, checked at once against the
   * declared type of the parameter it feeds (for a module the security policy refused, such as
   * {@code from(json)} before {@link #allowPackages}, against the document with the packages it
   * names allowed: constructing nothing, as every check).
   *
   * @param dottedPath where the value is, such as {@code var1.kwargs.nHidden} or {@code
   *     var2.kwargs.config.layers.0}
   * @param value the new value: a JSON value (number, string, boolean, enum, record, list, map)
   * @return the changed module
   * @throws AiJsonException if the path names nothing or the value does not fit its type
   */
  public ReplayModule override(String dottedPath, Object value) {
    NullArguments.check(dottedPath, "ReplayModule.override", "dottedPath", "Pass a path such as"
        + " \"var1.kwargs.nHidden\".");
    return with(new ValueOverride(dottedPath, value));
  }

  /**
   * Returns this module with the object to use for var {@code var}, typically an {@code opaque}
   * var (a data source, a client) that cannot be rebuilt from the document.
   *
   * @param var the var's name, such as {@code var7}
   * @param instance the object to use; it must be an instance of the var's class
   * @return the changed module
   * @throws AiJsonException if the document has no such var or the instance does not fit it,
   *     checked at once as for {@link #override}
   */
  public ReplayModule withInstance(String var, Object instance) {
    NullArguments.check(var, "ReplayModule.withInstance", "var", "Pass a var name such as \"var7\".");
    NullArguments.check(instance, "ReplayModule.withInstance", "instance", "Pass the object that"
        + " stands for " + var + ".");
    return with(new Instance(var, instance));
  }

  /**
   * Returns this module allowed to construct and call classes in {@code packages} and their
   * subpackages even where the default security policy refuses them.
   *
   * @param packages package names such as {@code com.acme.models}
   * @return the changed module
   * @throws NullPointerException if {@code packages} is null
   * @throws IllegalArgumentException if a name is null or not a package name
   */
  public ReplayModule allowPackages(String... packages) {
    NullArguments.check(packages, "ReplayModule.allowPackages", "packages", "Pass package names"
        + " such as \"com.acme.models\".");
    List<String> allowed = new ArrayList<>(this.packages);
    // checked as allowing(...) checks them: a null or a wildcard is refused with the fix
    for (String name : AiJsonReplayer.allowing(packages).packages()) {
      if (!allowed.contains(name)) {
        allowed.add(name);
      }
    }
    return new ReplayModule(source, loader, allowed, changes, upFront);
  }

  private ReplayModule with(Change change) {
    // the security policy alone refused the document (see the constructor), and a refused module
    // checks nothing else: the change is checked now against the document with its own packages
    // allowed, as it is once they are, so that a wrong path or value is thrown here. A document
    // that check finds more wrong with keeps its problem, and the change, for allowPackages.
    AiJsonReplayer lenient = replayer == null ? lenientOrNull() : null;
    if (lenient != null) {
      try {
        change.applyTo(lenient);
      } catch (AiJsonException e) {
        throw inModuleTerms(e);
      }
    }
    List<Change> changed = new ArrayList<>(changes);
    changed.add(change);
    return new ReplayModule(source, loader, packages, changed, upFront);
  }

  /**
   * Returns the document this module replays, with its overrides applied. Of a module whose
   * document the security policy refused, see {@link #environmentWarnings()}.
   *
   * @return the document
   */
  public AiJsonDocument document() {
    return (replayer != null ? replayer : lenient()).document();
  }

  /**
   * Returns how the environment replay runs in differs from the document's {@code environment}
   * section: another Java or Guice version, or a model class that now comes from another jar or
   * jar version. These are warnings, never errors; each injector created with this module also
   * logs them once, at {@link Level#WARNING}, to the {@code java.util.logging} logger named
   * after this class. Empty if the document has no section or nothing differs.
   *
   * <p>Of a module whose document the security policy refused ({@link #from(String)} before
   * {@link #allowPackages}), the document is checked again with every package it names allowed,
   * once, when this or {@link #document()} is first called; if that check finds more than the
   * refusal, the refusal is thrown.
   *
   * @return one sentence per difference, naming what was recorded and what is used now
   */
  public List<String> environmentWarnings() {
    return (replayer != null ? replayer : lenient()).environmentWarnings(LIBRARIES);
  }

  @Override
  public void configure(Binder binder) {
    NullArguments.check(binder, "ReplayModule.configure", "binder", "Install the module with"
        + " Guice.createInjector or binder.install rather than calling configure.");
    Binder quiet = binder.skipSources(ReplayModule.class, ReplayProvider.class);
    if (refusal != null) {
      // thrown when the injector injects it, not added as an error with a cause, which Guice
      // would log at INFO with the whole stack trace before it throws the same refusal
      LOGGER.info(() -> "aijson replay: the security policy refuses this document; the injector is"
          + " not created: " + refusal.problems().get(0).message());
      quiet.requestInjection(new DeferredRefusal(refusal));
      return;
    }
    List<String> warnings = environmentWarnings();
    if (!warnings.isEmpty() && LOGGER.isLoggable(Level.WARNING)) {
      LOGGER.warning("aijson replay: the environment differs from the recording:\n  "
          + String.join("\n  ", warnings));
    }
    AiJsonDocument document = replayer.document();
    Map<String, Object> instances = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change instanceof Instance instance) {
        instances.put(instance.var(), instance.instance());
      }
    }
    // by key, the position of the var it is bound to
    Map<Key<?>, Integer> bound = new LinkedHashMap<>();
    List<AiJsonVar> vars = document.vars();
    for (int position = 0; position < vars.size(); position++) {
      Key<?> key = keys.at(position);
      if (key != null) {
        bound.put(key, position); // an unscoped key made several times is rebuilt from its last var
      }
    }
    // the value's own key of each optional replayed with a value, which its OptionalBinder binds
    // to that value as Guice's did in the recording
    java.util.Set<Key<?>> optionalValues = new java.util.HashSet<>();
    for (Map.Entry<Key<?>, Integer> entry : bound.entrySet()) {
      AiJsonVar var = vars.get(entry.getValue());
      if (var.kind() == AiJsonVar.Kind.MULTIBINDING && var.caller().equals("OptionalBinder")
          && entry.getKey().getTypeLiteral().getType() instanceof java.lang.reflect.ParameterizedType optional
          && !replayer.multibindingEntries(var.name()).isEmpty()) {
        Key<?> key = entry.getKey();
        Type value = optional.getActualTypeArguments()[0];
        optionalValues.add(Keys.withType(key, value));
      }
    }
    // the keys of the map binders' Map<K, Set<V>> the document has, whose replayed bindings also
    // give those binders' Map<K, V>
    java.util.Set<Key<?>> multimaps = new java.util.HashSet<>();
    for (Map.Entry<Key<?>, Integer> entry : bound.entrySet()) {
      AiJsonVar var = vars.get(entry.getValue());
      if (var.kind() == AiJsonVar.Kind.MULTIBINDING && var.caller().equals("MapBinder")
          && AiJsonTypes.isMultimapKey(var.key(), var.signature().get(0), var.signature().get(1))) {
        multimaps.add(entry.getKey());
      }
    }
    // the positions of Guava's Optional<T> vars that a private binding supplies, each with its
    // value's (see GuavaOptionalProvider)
    List<int[]> guavaOptionals = new ArrayList<>();
    ReplayGraph graph = new ReplayGraph(replayer, keys, bound, instances, loader);
    quiet.requestInjection(graph);
    bindFactoryCalls(quiet, graph);
    bindShared(quiet, graph);
    for (Map.Entry<Key<?>, Integer> entry : bound.entrySet()) {
      int position = entry.getValue();
      AiJsonVar var = vars.get(position);
      if (var.kind() == AiJsonVar.Kind.OPAQUE
          && (!instances.containsKey(var.name()) || Keys.suppliedByGuice(entry.getKey()))) {
        Key<?> guavaValue = guavaOptionalValue(entry.getKey());
        if (guavaValue != null && !instances.containsKey(var.name())
            && (bound.containsKey(guavaValue) || var.className().equals("com.google.common.base.Absent"))) {
          // Guava's Optional<T> held what the binder's T gave, recorded as the var bound to T, or
          // nothing: Guice's OptionalBinder of T supplies it from that binding, as it did in the
          // recording, or empty. A value the document does not have (an instance) stays refused
          OptionalBinder.newOptionalBinder(quiet.withSource(new VarSource(var)), guavaValue);
          Integer valuePosition = bound.get(guavaValue);
          if (optionalValues.contains(guavaValue) && valuePosition != null
              && vars.get(valuePosition).kind() != AiJsonVar.Kind.MULTIBINDING && !vars.get(valuePosition).singleton()) {
            // that binder, replayed from the java.util.Optional<T> var, would hand Guava's the
            // value of that var, not the one recorded under T's key that Guava's held
            guavaOptionals.add(new int[] {position, valuePosition});
          }
        }
        continue; // Guice or another module supplies it; ReplayGraph checks that one does
      }
      if (var.kind() == AiJsonVar.Kind.UNOBSERVED) {
        continue; // refused by from() wherever it is used; unused, there is nothing to bind
      }
      if (var.kind() != AiJsonVar.Kind.MULTIBINDING && optionalValues.contains(entry.getKey())) {
        continue; // the optional's binder binds it, to the same binding's object
      }
      // each binding's source names its var: Guice's messages about it point into the document,
      // and Guice does not walk the stack for every binding to find the caller of configure
      Binder sourced = quiet.withSource(new VarSource(var));
      if (var.kind() == AiJsonVar.Kind.MULTIBINDING) {
        bindCollection(sourced, entry.getKey(), var, graph, document, multimaps);
        continue;
      }
      replay(sourced.bind(entry.getKey()), graph, var, position);
      graph.boundByReplay(entry.getKey(), position);
    }
    bindGuavaOptionals(quiet, graph, guavaOptionals);
  }

  /**
   * Binds, in a private module, a key for each of Guava's {@code Optional<T>} vars of {@code
   * optionals} (with its value's position), whose provider holds the value recorded under {@code
   * T}'s key (see {@link GuavaOptionalProvider}).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void bindGuavaOptionals(Binder binder, ReplayGraph graph, List<int[]> optionals) {
    if (optionals.isEmpty()) {
      return;
    }
    List<AiJsonVar> vars = replayer.document().vars();
    binder.install(new PrivateModule() {
      @Override
      protected void configure() {
        Binder quiet = binder().skipSources(ReplayModule.class, GuavaOptionalProvider.class);
        for (int[] positions : optionals) {
          AiJsonVar var = vars.get(positions[0]);
          Key<?> key = keys.at(positions[0]);
          Class<?> type = key.getTypeLiteral().getRawType();
          Key<?> own = Keys.withType(Key.get(Object.class, Names.named("aijson supplied " + var.name())),
              key.getTypeLiteral().getType());
          quiet.withSource(new VarSource(var)).bind((Key) own).toProvider((com.google.inject.Provider)
              new GuavaOptionalProvider(graph, var, type, vars.get(positions[1]), positions[1]));
          graph.supplyThrough(positions[0], quiet.getProvider(own));
        }
      }
    });
  }

  /**
   * Returns, for the key of Guava's {@code Optional<T>} (which an {@code OptionalBinder} binds
   * beside {@code java.util.Optional<T>}), the key of {@code T} with the same qualifier; null for
   * any other key, and where {@code T} is a provider type or one a document may not bind.
   */
  private static Key<?> guavaOptionalValue(Key<?> key) {
    if (!key.getTypeLiteral().getRawType().getName().equals("com.google.common.base.Optional")
        || !(key.getTypeLiteral().getType() instanceof java.lang.reflect.ParameterizedType optional)) {
      return null;
    }
    Type value = optional.getActualTypeArguments()[0];
    if (!(value instanceof Class<?> || value instanceof java.lang.reflect.ParameterizedType)
        || Guiced.isProviderType(TypeLiteral.get(value).getRawType())) {
      return null;
    }
    Key<?> valueKey = Keys.withType(key, value);
    return Keys.unbindable(valueKey) == null ? valueKey : null;
  }

  /**
   * The source of the bindings a var's key gets, which Guice names in its messages about them
   * (such as a key bound twice): the var, its class and its place in the document.
   */
  private record VarSource(AiJsonVar var) {
    @Override
    public String toString() {
      return "ReplayModule, rebuilding " + var.label() + " recorded at " + var.pointer();
    }
  }

  /**
   * Binds a multibinding's elements through Guice's own binder, so that the set, the map (and
   * its provider and entry forms) or the optional inject what was recorded, in recorded order.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void bindCollection(Binder binder, Key<?> key, AiJsonVar var, ReplayGraph graph,
      AiJsonDocument document, java.util.Set<Key<?>> multimaps) {
    List<TypeLiteral<?>> arguments = new ArrayList<>();
    for (String type : var.signature()) {
      arguments.add(TypeLiteral.get(AiJsonTypes.parse(type, loader)));
    }
    List<Map.Entry<Object, Object>> entries = replayer.multibindingEntries(var.name());
    switch (var.caller()) {
      case "Multibinder" -> {
        Multibinder multibinder = key.getAnnotation() != null
            ? Multibinder.newSetBinder(binder, arguments.get(0), key.getAnnotation())
            : key.getAnnotationType() != null
                ? Multibinder.newSetBinder(binder, arguments.get(0), key.getAnnotationType())
                : Multibinder.newSetBinder(binder, arguments.get(0));
        for (Map.Entry<Object, Object> entry : entries) {
          element(multibinder.addBinding(), null, entry.getValue(), graph, document);
        }
      }
      case "MapBinder" -> {
        MapBinder mapBinder = key.getAnnotation() != null
            ? MapBinder.newMapBinder(binder, arguments.get(0), arguments.get(1), key.getAnnotation())
            : key.getAnnotationType() != null
                ? MapBinder.newMapBinder(binder, arguments.get(0), arguments.get(1), key.getAnnotationType())
                : MapBinder.newMapBinder(binder, arguments.get(0), arguments.get(1));
        if (AiJsonTypes.isMultimapKey(var.key(), var.signature().get(0), var.signature().get(1))) {
          // the binder's Map<K, Set<V>>: every binding of each key, which only such a binder binds
          mapBinder.permitDuplicates();
        } else if (multimaps.contains(Keys.withType(key, com.google.inject.util.Types.mapOf(
            arguments.get(0).getType(), com.google.inject.util.Types.setOf(arguments.get(1).getType()))))) {
          // the same binder's Map<K, V>, which the bindings replayed for its Map<K, Set<V>> give:
          // each key's last, as Guice's did
          return;
        }
        for (Map.Entry<Object, Object> entry : entries) {
          element(mapBinder.addBinding(entry.getKey()), null, entry.getValue(), graph, document);
        }
      }
      default -> {
        Key<?> valueKey = Keys.withType(key, arguments.get(0).getType());
        OptionalBinder optional = OptionalBinder.newOptionalBinder(binder, valueKey);
        for (Map.Entry<Object, Object> entry : entries) {
          // the default: a serving module's setBinding still overrides what was recorded
          element(optional.setDefault(), valueKey, entry.getValue(), graph, document);
        }
      }
    }
  }

  /**
   * Binds, in a private module, one key per class that the bound factories make, through which
   * each call of a factory's method goes, so that an {@link AiJsonModule} in the injector sees it
   * as a provision and records it.
   */
  private void bindFactoryCalls(Binder binder, ReplayGraph graph) {
    Set<String> factories = graph.boundFactories();
    Set<String> classes = new LinkedHashSet<>();
    for (AiJsonVar var : replayer.document().vars()) {
      if (var.factory() != null && factories.contains(var.factory().key())) {
        classes.add(var.className());
      }
    }
    if (classes.isEmpty()) {
      return;
    }
    FactoryCallProvider calls = new FactoryCallProvider(graph);
    binder.install(new PrivateModule() {
      @Override
      protected void configure() {
        Binder quiet = binder().skipSources(ReplayModule.class, FactoryCallProvider.class);
        for (String name : classes) {
          Class<?> type;
          try {
            type = Class.forName(name, false, loader);
          } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("checked when the document was read: " + name, e);
          }
          // keyed by the class, which an AiJsonModule's onlyPackages matches as the class built
          Key<?> key = Key.get(type, Names.named("aijson factory call"));
          bindCalls(quiet, key, calls);
          graph.productProvider(name, quiet.getProvider(key));
        }
      }
    });
  }

  /**
   * Binds, in a private module, a key for each singleton var no key of its own shares (one
   * element of two multibindings, say), through which the graph makes the var's one object for
   * every binding and build that needs it, as they got one object in the recording.
   */
  private void bindShared(Binder binder, ReplayGraph graph) {
    List<AiJsonVar> vars = replayer.document().vars();
    List<Integer> shared = new ArrayList<>();
    for (int position = 0; position < vars.size(); position++) {
      if (graph.sharedHere(position)) {
        shared.add(position);
      }
    }
    if (shared.isEmpty()) {
      return;
    }
    binder.install(new PrivateModule() {
      @Override
      protected void configure() {
        Binder quiet = binder().skipSources(ReplayModule.class, ReplayProvider.class);
        for (int position : shared) {
          AiJsonVar var = vars.get(position);
          Class<?> type;
          try {
            type = Class.forName(var.className(), false, loader);
          } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("checked when the document was read: " + var.className(), e);
          }
          // keyed by the class, which an AiJsonModule's onlyPackages matches as the class built
          Key<?> key = Key.get(type, Names.named("aijson shared " + var.name()));
          replay(quiet.withSource(new VarSource(var)).bind(key), graph, var, position, true);
          graph.shareThrough(position, quiet.getProvider(key));
        }
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> void bindCalls(Binder binder, Key<T> key, FactoryCallProvider calls) {
    binder.bind(key).toProvider((com.google.inject.Provider<T>) (com.google.inject.Provider<?>) calls);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void element(LinkedBindingBuilder builder, Key<?> binds, Object element, ReplayGraph graph,
      AiJsonDocument document) {
    if (!(element instanceof AiJsonRef ref)) {
      builder.toInstance(element);
      return;
    }
    int position = document.position(ref.var());
    Key<?> shared = graph.sharedKey(position);
    // an optional binder's value recorded under the value's own key (T bound as a singleton, the
    // binder of T using it) is that var's one object, which the binder now binds T to
    if (shared != null && !shared.equals(binds)) {
      // a singleton bound to a key: the element is the key's one object, as it was recorded
      builder.to(shared);
      return;
    }
    replay(builder, graph, document.var(ref.var()), position);
  }

  /** Binds what {@code builder} binds to a rebuild of {@code var}, at {@code position}, in its scope. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void replay(LinkedBindingBuilder builder, ReplayGraph graph, AiJsonVar var,
      int position) {
    replay(builder, graph, var, position, false);
  }

  /**
   * Binds as {@link #replay(LinkedBindingBuilder, ReplayGraph, AiJsonVar, int)} does; {@code
   * sharer} for the private binding that makes the one object of a var the graph shares.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void replay(LinkedBindingBuilder builder, ReplayGraph graph, AiJsonVar var,
      int position, boolean sharer) {
    ScopedBindingBuilder scoped = builder.toProvider(
        (com.google.inject.Provider) new ReplayProvider(graph, var, position, sharer));
    if (var.singleton() && !sharer) { // the graph keeps the sharer's one object (ReplayGraph.Shared)
      scoped.in(Singleton.class);
    }
  }

  private static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ReplayModule.class.getClassLoader();
  }


  /**
   * Returns why the object {@code var} builds cannot be provided for {@code key}: Guice would
   * hand an object of another type to whoever asks for the key. Null if it fits or the type of
   * the object is not known before it is built (a method returning a type variable).
   */
  private static String misfit(Key<?> key, AiJsonVar var, ClassLoader loader,
      Map<Maker, Optional<Class<?>>> products) {
    if (var.kind() == AiJsonVar.Kind.MULTIBINDING) {
      return multibindingMisfit(key, var);
    }
    // the vars of one constructor or method build one class, whatever key each is bound to
    Class<?> product = products.computeIfAbsent(
        new Maker(var.className(), var.methodName(), var.signature()),
        maker -> Optional.ofNullable(product(var, loader))).orElse(null);
    Class<?> wanted = wrap(key.getTypeLiteral().getRawType());
    if (product == null || wanted.isAssignableFrom(wrap(product))) {
      return null;
    }
    return "it builds " + product.getName() + ", which is not " + wanted.getName();
  }

  /** Returns why a multibinding var cannot bind {@code key}: its binder binds another type. */
  private static String multibindingMisfit(Key<?> key, AiJsonVar var) {
    Class<?> wanted = switch (var.caller()) {
      case "Multibinder" -> java.util.Set.class;
      case "MapBinder" -> Map.class;
      default -> java.util.Optional.class;
    };
    String expected = wanted.getName() + "<" + String.join(", ", var.signature()) + ">";
    String actual = AiJsonTypes.name(key.getTypeLiteral().getType());
    if (var.caller().equals("MapBinder") && var.signature().size() == 2
        && actual.equals("java.util.Map<" + var.signature().get(0) + ", java.util.Set<" + var.signature().get(1) + ">>")) {
      return null; // the binder's Map<K, Set<V>>, which it binds where it permits duplicates
    }
    return actual.equals(expected) ? null
        : "a " + var.caller() + " of " + var.signature() + " binds " + expected + ", not " + actual;
  }

  private static Class<?> wrap(Class<?> type) {
    return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
  }

  /** Returns the class of what {@code var} builds, or null if it is not known before building. */
  private static Class<?> product(AiJsonVar var, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(var.className(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    if (var.methodName() == null) {
      return type;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals(var.methodName()) && !method.isBridge()
            && Arrays.stream(method.getGenericParameterTypes()).map(AiJsonTypes::name).toList()
                .equals(var.signature())) {
          return method.getGenericReturnType() instanceof TypeVariable<?> ? null : method.getReturnType();
        }
      }
    }
    return null;
  }

  /** A constructor or method as a document names it: what decides the class a var builds. */
  private record Maker(String className, String methodName, List<String> signature) {}

  /**
   * What decides whether a var's key fits it: the key and what builds the object. Looked up once
   * per var, so its hash is worked out once, from the parts' own hashes (a record's generated
   * {@code hashCode} was 3% of {@code from} at 1,000 vars). Most vars find the use of an earlier
   * var: they are looked up with one probe, set to each var in turn, and only a use not seen
   * before is {@linkplain #copy copied} to be kept.
   */
  private static final class KeyUse {
    private String key;
    private AiJsonVar.Kind kind;
    private String module;
    private String caller;
    private List<String> signature;
    private int makerHash;
    private int hash;

    /** Sets this use to {@code var}'s, which has a key; returns it. */
    KeyUse of(AiJsonVar var) {
      this.key = var.key();
      this.kind = var.kind();
      this.module = var.module();
      this.caller = var.caller();
      this.signature = var.signature();
      this.makerHash = ((kind.hashCode() * 31 + Objects.hashCode(module)) * 31
          + Objects.hashCode(caller)) * 31 + Objects.hashCode(signature);
      this.hash = key.hashCode() * 31 + makerHash;
      return this;
    }

    /** Returns a use of its own equal to this one, to keep while this one is set to other vars. */
    KeyUse copy() {
      KeyUse copy = new KeyUse();
      copy.key = key;
      copy.kind = kind;
      copy.module = module;
      copy.caller = caller;
      copy.signature = signature;
      copy.makerHash = makerHash;
      copy.hash = hash;
      return copy;
    }

    /** Whether {@code other} is built by the same kind, module, caller and signature. */
    boolean sameMaker(KeyUse other) {
      return other.makerHash == makerHash && other.kind == kind && Objects.equals(other.module, module)
          && Objects.equals(other.caller, caller) && Objects.equals(other.signature, signature);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof KeyUse use && use.hash == hash && use.key.equals(key) && sameMaker(use);
    }
  }

  /**
   * What decides whether a parsed key fits a var apart from the key's qualifier: the key's type
   * and what builds the object (the use's parts other than its key text).
   */
  private static final class Fit {
    private final TypeLiteral<?> type;
    private final KeyUse use;
    private final int hash;

    Fit(TypeLiteral<?> type, KeyUse use) {
      this.type = type;
      this.use = use;
      this.hash = type.hashCode() * 31 + use.makerHash;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Fit fit && fit.hash == hash && fit.type.equals(type) && use.sameMaker(fit.use);
    }
  }

  private static VarKeys parseKeys(AiJsonDocument document, ClassLoader loader) {
    List<AiJsonVar> vars = document.vars();
    Key<?>[] keys = new Key<?>[vars.size()];
    List<Problem> problems = new ArrayList<>();
    Keys.Types types = new Keys.Types();
    // many vars bind one key with one constructor or method: it is parsed and checked once
    Map<KeyUse, Key<?>> fitting = new HashMap<>();
    KeyUse probe = new KeyUse();
    Map<Maker, Optional<Class<?>>> products = new HashMap<>();
    Map<Fit, String> fits = new HashMap<>();
    for (int position = 0; position < keys.length; position++) {
      AiJsonVar var = vars.get(position);
      if (var.key() == null) {
        continue;
      }
      try {
        Key<?> known = fitting.get(probe.of(var));
        if (known != null) {
          keys[position] = known;
          continue;
        }
        KeyUse use = probe.copy();
        Key<?> key = Keys.parse(var.key(), loader, types);
        // keys that differ only by their qualifier (@Named("block0"), @Named("block1") and on)
        // fit or misfit one maker alike: that is checked once per type and maker
        Fit fit = new Fit(key.getTypeLiteral(), use);
        String unfit = fits.get(fit);
        if (unfit == null && !fits.containsKey(fit)) {
          // an opaque var of what Guice supplies itself is taken from the replaying injector and
          // never bound (see configure); its class must still be the key's
          unfit = var.kind() == AiJsonVar.Kind.OPAQUE && Keys.suppliedByGuice(key) ? null : Keys.unbindable(key);
          if (unfit == null) {
            unfit = misfit(key, var, loader, products);
          }
          fits.put(fit, unfit);
        }
        if (unfit == null) {
          fitting.put(use, key);
        }
        if (unfit != null) {
          problems.add(
              new Problem(
                  var.pointer() + "/key",
                  var.name() + " (" + var.className() + "): key \"" + Abbreviation.of(var.key()) + "\" cannot be"
                      + " bound to it: " + unfit + ". Fix the key at " + var.pointer() + "/key."));
          continue;
        }
        keys[position] = key;
      } catch (RuntimeException | LinkageError e) {
        problems.add(
            new Problem(
                var.pointer() + "/key",
                var.name() + " (" + var.className() + "): key \"" + Abbreviation.of(var.key()) + "\" cannot be"
                    + " rebuilt: " + e.getMessage() + ". Fix the key at " + var.pointer()
                    + "/key."));
      }
    }
    if (!problems.isEmpty()) {
      throw AiJsonException.of(problems);
    }
    return new VarKeys(document, keys);
  }
}
