package dev.aijson.guice;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.Positions;
import dev.aijson.core.internal.Values;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.replay.AiJsonReplayer;
import dev.aijson.core.replay.FactoryCall;
import dev.aijson.core.replay.ReplayHooks;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one {@link ReplayModule} binds, shared by its providers: the replayer, the key of every
 * var, which vars are bound to a key, and the injector, which resolves references to singleton
 * vars (so they stay shared) and to opaque vars supplied by other modules.
 */
final class ReplayGraph {
  private final AiJsonReplayer replayer;
  private final VarKeys keys;
  // what the start-up check needs of the var each key is bound to, not the map itself, which has
  // an entry per bound key and would live as long as the injector: the positions of the bound
  // vars a build makes, and the keys of the bound factories
  private final int[] boundBuilt;
  private final Set<String> boundFactories = new HashSet<>();
  private final Map<String, Object> instances;
  private final ClassLoader loader;
  // the last trace of each thread, told apart by provider; a thread holds its slot weakly, so
  // that it keeps neither the graph nor the injector once they are dropped (a static slot held
  // its thread's last trace, and through it its graph and injector, until the next build)
  private final PerThread<LastTrace> lastTrace = new PerThread<>(LastTrace::new);
  // the trace of the innermost build in progress on each thread, if a recording may take it
  private final PerThread<LastTrace> openTrace = new PerThread<>(LastTrace::new);
  // the factory call a product provider is about to answer, handed over by factoryCall
  private final ThreadLocal<FactoryCall> pendingCall = new ThreadLocal<>();
  private final Map<String, Provider<?>> products = new ConcurrentHashMap<>();
  // one module object per module var, as in the recording, whichever provision builds it first
  private final Map<String, Object> modules = new ConcurrentHashMap<>();
  private volatile Injector injector;
  // whether an AiJsonModule records the injector, and so takes the traces; null until known
  private volatile Boolean recorded;
  // the vars whose shared dependencies are built or being built, by position
  private final BitSet warmed = new BitSet();
  // per position: the key a reference gets its var's object from the injector by, the Shared
  // holder of a singleton var that no key of its own shares (an element of two multibindings,
  // say), or BUILT if a build makes it
  private final Object[] injectorKeys;
  // by opaque var of Guice's Logger, the name of the class that received it (see loggerNames)
  private final Map<String, String> loggers;
  // by position, the providers of opaque vars that a private binding supplies (see supplyThrough)
  private Map<Integer, Provider<?>> supplied = Map.of();
  private static final Object BUILT = new Object();
  // the state of the walks of warmSharedDependencies, guarded by warmed: the number of the walk
  // that last reached each position, the walk's stack and the shared vars it found
  private int[] seen;
  private int walk;
  private final Positions pending = new Positions();
  private int[] walkBuffer = new int[16];
  // the shared vars (singletons the injector makes), by position: asked of every var a walk reaches
  private final BitSet sharedVars;

  /**
   * The one object of a singleton var that no key of its own shares: each multibinding that
   * holds it as an element has a binding of its own, and each build that references it a session
   * of its own, and all of them must get the one object the recorded injector gave. It is made
   * through a private key the {@link ReplayModule} binds, so that a recording sees its build as a
   * provision of its own, and made when first needed: that key is not singleton-scoped, which in
   * {@code Stage.PRODUCTION} would make it before the elements that came before it.
   */
  private static final class Shared {
    // set while the module is configured, before the injector exists
    private Provider<?> provider;
    private volatile Object object;

    Object get() {
      Object made = object;
      if (made != null) {
        return made;
      }
      // one build at a time, as in Guice's singleton scope; a var references only the vars
      // before it, so builds that wait on each other take these locks in one order
      synchronized (this) {
        made = object;
        if (made == null) {
          made = provider.get();
          object = made;
        }
        return made;
      }
    }
  }

  /** The trace of the last build on a thread, and the provider that made it, if it is still to be taken. */
  private static final class LastTrace {
    Traced provider;
    Trace trace;
  }

  /**
   * A provider of a {@link ReplayModule}'s bindings whose builds an {@link AiJsonModule} in the
   * same injector records as the vars of the replayed document.
   */
  interface Traced {
    ReplayGraph graph();

    /** Returns and forgets the trace of this thread's last build if this provider made it, or null. */
    default Trace takeTrace() {
      return graph().takeTrace(this);
    }
  }

  /**
   * Returns what an {@link AiJsonModule} takes the trace of a build from, if {@code provider} is
   * one of a replay module's providers; else null.
   */
  static Traced traced(Object provider) {
    return provider instanceof ReplayProvider replay ? replay.build
        : provider instanceof Traced traced ? traced : null;
  }

  /**
   * Returns the graph of {@code replayer}'s document, whose vars {@code bound} binds: by key, the
   * position of the var bound to it.
   */
  ReplayGraph(AiJsonReplayer replayer, VarKeys keys, Map<Key<?>, Integer> bound,
      Map<String, Object> instances, ClassLoader loader) {
    this.replayer = replayer;
    this.loader = loader;
    this.keys = keys;
    this.instances = instances;
    AiJsonDocument document = replayer.document();
    List<AiJsonVar> vars = document.vars();
    int[] built = new int[bound.size()];
    int count = 0;
    for (int position : bound.values()) {
      AiJsonVar var = vars.get(position);
      if (var.kind() == AiJsonVar.Kind.FACTORY) {
        boundFactories.add(var.key());
      }
      if (var.kind() != AiJsonVar.Kind.OPAQUE && var.kind() != AiJsonVar.Kind.UNOBSERVED) {
        built[count++] = position;
      }
    }
    this.boundBuilt = java.util.Arrays.copyOf(built, count);
    this.sharedVars = new BitSet(vars.size());
    this.injectorKeys = new Object[vars.size()];
    this.loggers = loggerNames(vars);
    for (int i = 0; i < vars.size(); i++) {
      AiJsonVar var = vars.get(i);
      Key<?> key = loggers.containsKey(var.name()) ? null : fromInjector(var, i, bound);
      // a Shared var is not built ahead: built where the recording made it, as an element or a
      // reference, it is recorded in the order the recorded document holds it
      injectorKeys[i] = key != null ? key : sharedHere(var) ? new Shared() : BUILT;
      if (key != null && var.singleton()) {
        sharedVars.set(i); // a singleton the injector makes, whose dependencies a walk builds first
      }
    }
  }

  /**
   * Whether {@code var} is a singleton that no key shares and the graph must keep one object of:
   * a build makes it, and neither the injector nor {@code withInstance} supplies it.
   */
  private boolean sharedHere(AiJsonVar var) {
    return var.singleton() && var.kind() != AiJsonVar.Kind.OPAQUE
        && var.kind() != AiJsonVar.Kind.UNOBSERVED && var.kind() != AiJsonVar.Kind.MODULE
        && (instances.isEmpty() || !instances.containsKey(var.name()));
  }

  /**
   * Returns, for each opaque var of Guice's {@code java.util.logging.Logger}, the name of the
   * class of the first var that references it: Guice injects a logger named after the class it
   * is injected into, and the injector, asked for the key alone, would give an anonymous one.
   */
  private Map<String, String> loggerNames(List<AiJsonVar> vars) {
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < vars.size(); i++) {
      Key<?> key = keys.at(i);
      if (vars.get(i).kind() == AiJsonVar.Kind.OPAQUE && key != null && Keys.isLogger(key)) {
        names.put(vars.get(i).name(), "");
      }
    }
    if (names.isEmpty()) {
      return Map.of();
    }
    for (int user = 0; user < vars.size(); user++) {
      for (int k = 0, refs = replayer.referenceCount(user); k < refs; k++) {
        String logger = vars.get(replayer.reference(user, k)).name();
        if ("".equals(names.get(logger))) {
          names.put(logger, vars.get(user).className());
        }
      }
    }
    return names;
  }

  /**
   * Keeps the trace of a build for the recording of this injector, if it has one: without one
   * nothing takes it, and the thread would hold the built objects until its next replayed build.
   * A recorded injector's trace that its recording leaves (a binding its matcher excludes) is held
   * that long, or until the graph is dropped: one per thread at most.
   */
  void keepTrace(Traced provider, Trace trace) {
    // a trace made before the injector was known is kept only if it turned out to be recorded
    if (trace.kept && isRecorded()) {
      LastTrace last = lastTrace.get();
      last.provider = provider;
      last.trace = trace;
    }
  }

  /** Returns a new trace for a build, which notes what the build used only if a recording may take it. */
  Trace newTrace() {
    return new Trace(isRecorded());
  }

  /** Whether the injector has an {@link AiJsonModule}; true while the injector is not known yet. */
  private boolean isRecorded() {
    Boolean known = recorded;
    if (known != null) {
      return known;
    }
    Injector current = injector;
    if (current == null) {
      return true;
    }
    known = current.getExistingBinding(Key.get(AiJsonLog.class)) != null;
    recorded = known;
    return known;
  }

  /**
   * Keeps, for the factory calls that build objects of {@code className}, the provider of the
   * {@link ReplayModule}'s private binding that builds them, so that each build is a provision a
   * recording sees.
   */
  void productProvider(String className, Provider<?> provider) {
    products.put(className, provider);
  }

  /** Returns and forgets this thread's last trace if {@code provider} made it, or null. */
  Trace takeTrace(Traced provider) {
    LastTrace last = lastTrace.get();
    if (last.provider != provider) {
      return null;
    }
    Trace taken = last.trace;
    last.provider = null;
    last.trace = null;
    return taken;
  }

  /**
   * Checks, when the injector is created, that every var something needs can be built: each
   * opaque var is supplied, and each {@code @Provides} var's module can be made or was supplied.
   */
  @Inject
  void checkNeededVars(Injector injector) {
    this.injector = injector;
    AiJsonDocument document = replayer.document();
    List<Problem> problems = overriddenKeys(injector);
    if (document.vars().stream().noneMatch(var -> var.kind() == AiJsonVar.Kind.OPAQUE
        || var.kind() == AiJsonVar.Kind.PROVIDES)) {
      if (!problems.isEmpty()) {
        throw AiJsonException.of(problems);
      }
      return; // nothing can be missing
    }
    List<AiJsonVar> vars = document.vars();
    BitSet needed = neededVars(document);
    for (int position = needed.nextSetBit(0); position >= 0; position = needed.nextSetBit(position + 1)) {
      AiJsonVar var = vars.get(position);
      // only a provides var or a module var can be unbuildable; asking of the others read each
      // var's name to find its place and its step, a third of this check at 100,000 vars
      boolean moduleMade = var.kind() == AiJsonVar.Kind.PROVIDES || var.kind() == AiJsonVar.Kind.MODULE;
      String unbuildable = moduleMade ? replayer.unbuildable(position) : null;
      if (unbuildable != null) {
        problems.add(new Problem(var.pointer(), unbuildable));
      }
      if (var.kind() != AiJsonVar.Kind.OPAQUE || instances.containsKey(var.name()) || isSupplied(var)) {
        continue;
      }
      String optionalOf = optionalOfProvider(var);
      if (optionalOf != null) {
        problems.add(new Problem(var.pointer(), var.name() + " (" + var.className() + ") is the " + var.key()
            + " that Guice's OptionalBinder of " + optionalOf + " supplied: it holds a binding, not an object"
            + " the recording made, and no module binds it. Bind OptionalBinder.newOptionalBinder(binder, "
            + optionalOf + ") in a module of your own, or supply it with ReplayModule.withInstance(\""
            + var.name() + "\", instance)."));
        continue;
      }
      if (isMultibinderForm(var)) {
        problems.add(new Problem(var.pointer(), var.name() + " (" + var.className() + ") is the "
            + var.key() + " that Guice binds beside a Multibinder's or MapBinder's collection: it holds"
            + " bindings, not objects the recording made, and no module binds it (replay binds it"
            + " only where the document records the collection itself). Bind that Multibinder or"
            + " MapBinder in a module of your own, or supply it with ReplayModule.withInstance(\""
            + var.name() + "\", instance)."));
        continue;
      }
      problems.add(
          new Problem(
              var.pointer(),
              var.name() + " (" + var.className() + ") is opaque: it was an instance made outside"
                  + " the recording, so the document cannot rebuild it, and "
                  + (var.key() == null ? "it has no key" : "no module binds " + var.key())
                  + ". Supply it with ReplayModule.withInstance(\"" + var.name() + "\", instance)"
                  + (var.key() == null ? "." : " or bind its key in a module of your own.")));
    }
    if (!problems.isEmpty()) {
      throw AiJsonException.of(problems);
    }
  }

  // the forms Guice binds beside a multibinder's collection: Map<K, Provider<V>>,
  // Collection<Provider<T>>, Map<K, Set<V>>, Map<K, Collection<Provider<V>>> and the like
  private static final java.util.regex.Pattern MULTIBINDER_FORM = java.util.regex.Pattern.compile(
      "(java\\.util\\.(Map|Collection|Set)<.*(com\\.google\\.inject|javax\\.inject|jakarta\\.inject)\\.Provider<.*)"
          + "|(java\\.util\\.Map<.*, java\\.util\\.(Set|Collection)<.*)");

  /** Returns whether an opaque var's key is a form Guice binds beside a multibinder's collection. */
  private static boolean isMultibinderForm(AiJsonVar var) {
    return var.key() != null && MULTIBINDER_FORM.matcher(var.key()).matches();
  }

  /**
   * Returns, for an opaque var of an {@code OptionalBinder}'s {@code Optional<Provider<T>>}, the
   * key of {@code T} as the binder names it; else null.
   */
  private String optionalOfProvider(AiJsonVar var) {
    Key<?> key = keys.of(var.name());
    if (key == null || key.getTypeLiteral().getRawType() != java.util.Optional.class
        || !(key.getTypeLiteral().getType() instanceof java.lang.reflect.ParameterizedType optional)
        || !(optional.getActualTypeArguments()[0] instanceof java.lang.reflect.ParameterizedType provider)
        || !Guiced.isProviderType((Class<?>) provider.getRawType())) {
      return null;
    }
    String value = com.google.inject.TypeLiteral.get(provider.getActualTypeArguments()[0]).getRawType().getSimpleName()
        + ".class";
    return key.getAnnotation() != null ? "Key.get(" + value + ", " + key.getAnnotation() + ")"
        : key.getAnnotationType() != null ? "Key.get(" + value + ", " + key.getAnnotationType().getSimpleName() + ".class)"
        : value;
  }

  /**
   * Notes that the {@link ReplayModule} bound {@code key} to a provider of this graph that
   * rebuilds the var at {@code position}, for {@link #overriddenKeys}, which forgets them.
   */
  void boundByReplay(Key<?> key, int position) {
    ownKeys.put(key, position);
  }

  /**
   * Returns a problem for each key this graph bound that another module took over
   * ({@code Modules.override(replay).with(yours)}) while other vars of the document reference the
   * var it was bound to: replay builds those from the document's var (or, for a singleton, hands
   * them whatever the key now gives, of another class than the one recorded), so the serving graph
   * would mix the document's objects with the serving code's, or fail at its first request.
   */
  private List<Problem> overriddenKeys(Injector injector) {
    Map<Key<?>, Integer> own = ownKeys;
    ownKeys = new HashMap<>(); // the check is made once; the map would live as long as the injector
    List<Integer> overridden = new ArrayList<>();
    for (Map.Entry<Key<?>, Integer> entry : own.entrySet()) {
      com.google.inject.Binding<?> binding = injector.getExistingBinding(entry.getKey());
      if (binding != null && !isOwn(binding)) {
        overridden.add(entry.getValue());
      }
    }
    if (overridden.isEmpty()) {
      return new ArrayList<>();
    }
    List<AiJsonVar> vars = replayer.document().vars();
    Map<Integer, List<String>> users = new HashMap<>();
    for (int position : overridden) {
      users.put(position, new ArrayList<>());
    }
    for (int user = 0; user < vars.size(); user++) {
      for (int k = 0, refs = replayer.referenceCount(user); k < refs; k++) {
        List<String> names = users.get(replayer.reference(user, k));
        if (names != null) {
          names.add(vars.get(user).name());
        }
      }
    }
    java.util.Collections.sort(overridden);
    List<Problem> problems = new ArrayList<>();
    for (int position : overridden) {
      List<String> names = users.get(position);
      if (names.isEmpty()) {
        continue; // nothing in the document uses it: the serving module's binding serves the key
      }
      AiJsonVar var = vars.get(position);
      String named = names.size() == 1 ? names.get(0) + " is"
          : names.size() <= 3 ? String.join(", ", names.subList(0, names.size() - 1)) + " and "
              + names.get(names.size() - 1) + " are"
          : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more are";
      problems.add(new Problem(var.pointer(), var.label() + ": another module overrides its key "
          + var.key() + " (Modules.override), but " + named + " built from " + var.name()
          + " as the document recorded it, so the serving graph would mix the document's objects"
          + " with that module's. Leave the key to the replay: instead of overriding it, supply"
          + " the object with ReplayModule.withInstance(\"" + var.name() + "\", instance), where instance is "
          + (var.kind() == AiJsonVar.Kind.CONSTRUCTOR ? article(var.className())
              : "the object the method returns") + " (replay gives a var an object of its recorded"
          + " class), or change its recorded values with ReplayModule.override."));
    }
    return problems;
  }

  private static String article(String className) {
    return ("AEIOUaeiou".indexOf(className.charAt(0)) >= 0 ? "an " : "a ") + className;
  }

  /** Whether {@code binding} is one of this graph's providers, as the {@link ReplayModule} bound it. */
  private boolean isOwn(com.google.inject.Binding<?> binding) {
    return binding instanceof com.google.inject.spi.ProviderInstanceBinding<?> provided
        && Guiced.userSuppliedProvider(provided) instanceof ReplayProvider replay
        && replay.build.graph() == this;
  }

  // by key, the position of the var the ReplayModule bound it to; emptied once it is checked
  private Map<Key<?>, Integer> ownKeys = new HashMap<>();

  private boolean isSupplied(AiJsonVar var) {
    Key<?> key = keys.of(var.name());
    return key != null && injector.getExistingBinding(key) != null;
  }

  /** Returns the positions of the vars a request for some bound key may build. */
  private BitSet neededVars(AiJsonDocument document) {
    List<AiJsonVar> vars = document.vars();
    BitSet needed = new BitSet(vars.size());
    Positions pending = new Positions();
    for (int position : boundBuilt) {
      pending.push(position);
    }
    if (!boundFactories.isEmpty()) {
      for (int i = 0; i < vars.size(); i++) {
        AiJsonVar var = vars.get(i);
        if (var.factory() != null && boundFactories.contains(var.factory().key())) {
          pending.push(i); // a call of a bound factory builds it
        }
      }
    }
    while (!pending.isEmpty()) {
      int i = pending.pop();
      if (needed.get(i)) {
        continue;
      }
      needed.set(i);
      AiJsonVar var = vars.get(i);
      if (!instances.isEmpty() && instances.containsKey(var.name())) {
        continue; // supplied: what it was built from is not needed
      }
      if (var.factory() == null) {
        // the plan's positions of what the var references: its receiver, kwargs and members
        for (int k = 0, refs = replayer.referenceCount(i); k < refs; k++) {
          pending.push(replayer.reference(i, k));
        }
      } else {
        for (AiJsonRef ref : injectedReferences(var)) {
          pending.push(document.position(ref.var()));
        }
      }
    }
    return needed;
  }

  /**
   * Returns the references of {@code var} that a build may follow: all of them, but for an object
   * a factory made, not those of its assisted kwargs, which a call that matches no recorded
   * arguments replaces, and which only an argument that is a JSON value can match.
   */
  private static List<AiJsonRef> injectedReferences(AiJsonVar var) {
    List<AiJsonRef> refs = new ArrayList<>();
    var.kwargs().forEach((name, value) -> {
      if (!var.factory().assisted().contains(name)) {
        Values.allRefs(value, refs::add);
      }
    });
    Values.allRefs(var.members(), refs::add);
    return refs;
  }

  /** Returns the keys of the factory vars bound to a key. */
  Set<String> boundFactories() {
    return boundFactories;
  }

  AiJsonReplayer replayer() {
    return replayer;
  }

  /**
   * Builds {@code var} in a fresh session; references to singleton or opaque vars bound to a
   * key go through the injector, and {@code trace} receives every object used.
   */
  Object build(AiJsonVar var, int position, Trace trace) {
    ReplayHooks hooks = hooks(var, trace);
    Trace outer = open(trace);
    try {
      warmSharedDependencies(position, injector);
      return replayer.build(position, hooks);
    } finally {
      close(trace, outer);
    }
  }

  /**
   * Returns the trace of the innermost build in progress on this thread, if a recording may take
   * it, else null: a provision that build starts through the injector (a collection, a shared
   * singleton) is recorded as it finishes, so a recording first records what the build made
   * before it, in the order the build made them (see {@link Trace#unrecorded}).
   */
  Trace openTrace() {
    return openTrace.get().trace;
  }

  /** Notes {@code trace} as this thread's innermost build; returns the one it replaces. */
  private Trace open(Trace trace) {
    if (!trace.kept) {
      return null;
    }
    LastTrace open = openTrace.get();
    Trace outer = open.trace;
    open.trace = trace;
    return outer;
  }

  /** Notes that the build of {@code trace} is over: {@code outer} is this thread's innermost again. */
  private void close(Trace trace, Trace outer) {
    if (trace.kept) {
      openTrace.get().trace = outer;
    }
  }

  /** Returns the key of the singleton the injector makes for the var at {@code position}, or null. */
  Key<?> sharedKey(int position) {
    return sharedVars.get(position) ? keys.at(position) : null;
  }

  /**
   * Whether the var at {@code position} is a singleton that no key of its own shares, whose one
   * object {@link #shared} gives once the {@link ReplayModule} passed {@link #shareThrough} its
   * private binding.
   */
  boolean sharedHere(int position) {
    return injectorKeys[position] instanceof Shared;
  }

  /**
   * Keeps the provider of the private binding that supplies the opaque var at {@code position}
   * (see {@link GuavaOptionalProvider}), which a reference to it then asks instead of the
   * injector's binding of its key.
   */
  void supplyThrough(int position, Provider<?> provider) {
    if (supplied.isEmpty()) {
      supplied = new HashMap<>();
    }
    supplied.put(position, provider);
  }

  /** Keeps the provider of the private singleton binding that makes the var at {@code position}. */
  void shareThrough(int position, Provider<?> provider) {
    ((Shared) injectorKeys[position]).provider = provider;
  }

  /** Returns the one object of the var at {@code position}, which {@link #sharedHere}. */
  Object shared(int position) {
    return ((Shared) injectorKeys[position]).get();
  }

  /**
   * Builds the object a call of a replayed factory returns, as the {@link ReplayModule}'s
   * private binding for {@code call}'s product does: with the hooks of a fresh trace.
   */
  Object build(FactoryCall call, Trace trace) {
    trace.given(call);
    Trace outer = open(trace);
    try {
      return call.build(hooks(call.product(), trace));
    } finally {
      close(trace, outer);
    }
  }

  /** Answers a call of a replayed factory through the private binding of its product's class. */
  private Object factoryCall(FactoryCall call) {
    Provider<?> provider = products.get(call.product().className());
    if (provider == null) {
      return call.build(hooks(call.product(), new Trace(false))); // not bound: built, but not as a provision
    }
    // the provider takes the call as it starts, so a factory call its object makes sets its own
    pendingCall.set(call);
    try {
      return provider.get();
    } finally {
      pendingCall.remove();
    }
  }

  /** Returns and forgets the factory call this thread's product provider is to answer. */
  FactoryCall takeCall() {
    FactoryCall call = pendingCall.get();
    pendingCall.remove();
    return call;
  }

  private ReplayHooks hooks(AiJsonVar var, Trace trace) {
    Injector current = injector;
    if (current == null) {
      throw new AiJsonException(var.pointer(),
          var.name() + " (" + var.className() + ") was requested before the injector was created."
              + " Request replayed objects from the injector once Guice.createInjector returned.");
    }
    return new ReplayHooks() {
      @Override
      public Object reference(AiJsonVar target) {
        return reference(target, replayer.document().position(target.name()));
      }

      @Override
      public Object reference(AiJsonVar target, int position) {
        if (target.kind() == AiJsonVar.Kind.MODULE) {
          Object module = modules.get(target.name());
          if (module != null) {
            trace.resolved(target, module);
            return module;
          }
          return ReplayHooks.BUILD;
        }
        Provider<?> through = supplied.isEmpty() ? null : supplied.get(position);
        if (through != null) {
          Object object = through.get();
          trace.resolved(target, object);
          return object;
        }
        Object known = position < 0 ? BUILT : injectorKeys[position];
        if (known == BUILT) {
          return ReplayHooks.BUILD;
        }
        Object object = known instanceof Shared shared
            ? shared.get() : current.getInstance((Key<?>) known);
        trace.resolved(target, object);
        return object;
      }

      @Override
      public Object opaque(AiJsonVar target) {
        String logger = loggers.isEmpty() ? null : loggers.get(target.name());
        if (logger != null) {
          Object object = java.util.logging.Logger.getLogger(logger);
          trace.resolved(target, object);
          return object;
        }
        Key<?> key = keys.of(target.name());
        if (key != null && current.getExistingBinding(key) != null) {
          Object object = current.getInstance(key);
          trace.resolved(target, object);
          return object;
        }
        return ReplayHooks.BUILD;
      }

      @Override
      public Object provider(String key, Type providerType) {
        try {
          return current.getProvider(Keys.parse(key, loader));
        } catch (RuntimeException | LinkageError e) {
          // an empty path: the session adds the pointer of the value
          throw new AiJsonException("", "the key cannot be provided: " + e.getMessage()
              + ". Fix the key, or bind it in a module of your own.", e);
        }
      }

      @Override
      public void built(AiJsonVar built, Object object) {
        if (built.kind() == AiJsonVar.Kind.MODULE && modules.putIfAbsent(built.name(), object) != null) {
          // another thread built the module first; this build used its own, once
          trace.resolved(built, object);
          return;
        }
        trace.built(built, object);
      }

      @Override
      public Object factoryCall(FactoryCall call) {
        return ReplayGraph.this.factoryCall(call);
      }
    };
  }

  /**
   * Builds, first and in document order, the shared vars (singletons bound to a key) that {@code
   * var} reaches and that are not built yet. Each then finds the shared vars it references built
   * already, so a chain of singletons of any length is built without going one {@code
   * getInstance} deeper per link (600 links overflowed the stack).
   */
  private void warmSharedDependencies(int root, Injector current) {
    int[] toWarm;
    int count = 0;
    // one walk at a time, in arrays kept for the next: a walk reads only the plan, and the first
    // provision of each root walks once per injector (boxed positions in a set, a stack and a list
    // of its own were most of a walk)
    synchronized (warmed) {
      if (warmed.get(root)) {
        return;
      }
      if (seen == null) {
        seen = new int[injectorKeys.length];
      }
      if (++walk == 0) {
        java.util.Arrays.fill(seen, 0);
        walk = 1;
      }
      toWarm = walkBuffer;
      pending.clear();
      pending.push(root);
      while (!pending.isEmpty()) {
        int i = pending.pop();
        // the positions this walk reached: as many as the vars the root needs
        if (seen[i] == walk) {
          continue;
        }
        seen[i] = walk;
        if (i != root && sharedVars.get(i)) {
          if (warmed.get(i)) {
            continue; // built, or being built, with what it references
          }
          if (count == toWarm.length) {
            toWarm = java.util.Arrays.copyOf(toWarm, count * 2);
          }
          toWarm[count++] = i;
        }
        for (int k = 0, refs = replayer.referenceCount(i); k < refs; k++) {
          pending.push(replayer.reference(i, k));
        }
      }
      warmed.set(root);
      for (int k = 0; k < count; k++) {
        warmed.set(toWarm[k]);
      }
      // the next walk starts a buffer of its own: this one is read below, outside the lock
      walkBuffer = count == 0 ? toWarm : new int[toWarm.length];
    }
    java.util.Arrays.sort(toWarm, 0, count);
    for (int k = 0; k < count; k++) {
      current.getInstance(keys.at(toWarm[k]));
    }
  }

  /**
   * Returns the key {@code var}, at {@code position}, has its object from the injector by, shared,
   * or null if a build makes it.
   */
  private Key<?> fromInjector(AiJsonVar var, int position, Map<Key<?>, Integer> bound) {
    Key<?> key = keys.at(position);
    // a multibinding's collection is Guice's to build, from the elements it binds; a factory is
    // one object per injector, as Guice's own is
    boolean shared = var.singleton() || var.kind() == AiJsonVar.Kind.OPAQUE
        || var.kind() == AiJsonVar.Kind.MULTIBINDING || var.kind() == AiJsonVar.Kind.FACTORY;
    boolean supplied = !instances.isEmpty() && instances.containsKey(var.name());
    return key != null && shared && position == bound.getOrDefault(key, -1) && !supplied ? key : null;
  }

  /**
   * The objects one build used, for recording a replay: built vars in order, and all by name.
   * Made for every provision of a replayed key, and kept only if the injector records: its list
   * and map are made at the first object, and only while a recording may take them.
   */
  static final class Trace {
    private final boolean kept;
    private List<Map.Entry<AiJsonVar, Object>> built;
    // how many of built a recording took (see unrecorded)
    private int recorded;
    private Map<String, Object> objects;
    private FactoryCall call;

    /**
     * Returns a trace of a build, which notes what it used only if {@code kept} (an {@link
     * AiJsonModule} records the injector, or it is not known yet whether one does).
     */
    Trace(boolean kept) {
      this.kept = kept;
    }

    /** Notes that this build answers {@code call}, whose arguments its product is given. */
    void given(FactoryCall call) {
      this.call = call;
    }

    /**
     * Returns the kwargs of {@code var} this build gave anew: a factory call's arguments, with
     * the declared types of the factory method's parameters; empty for any other var.
     */
    List<Arg> given(AiJsonVar var) {
      if (call == null || call.recorded() || !call.product().name().equals(var.name())) {
        return List.of();
      }
      Type[] types = call.method().getGenericParameterTypes();
      List<Arg> given = new ArrayList<>();
      int j = 0;
      for (Map.Entry<String, Object> argument : call.assisted().entrySet()) {
        given.add(new Arg(argument.getKey(), types[j++], argument.getValue()));
      }
      return given;
    }

    void built(AiJsonVar var, Object object) {
      if (!kept) {
        return;
      }
      if (built == null) {
        built = new ArrayList<>();
      }
      built.add(Map.entry(var, object));
      resolved(var, object);
    }

    void resolved(AiJsonVar var, Object object) {
      if (!kept) {
        return;
      }
      if (objects == null) {
        objects = new LinkedHashMap<>();
      }
      objects.put(var.name(), object);
    }

    List<Map.Entry<AiJsonVar, Object>> built() {
      return built == null ? List.of() : built;
    }

    /**
     * Returns the built vars not returned by this method before, in order, and notes them as
     * returned: a recording records them as they come, before the provisions the build starts
     * next, and the rest when the build is over.
     */
    List<Map.Entry<AiJsonVar, Object>> unrecorded() {
      if (built == null || recorded == built.size()) {
        return List.of();
      }
      List<Map.Entry<AiJsonVar, Object>> rest = List.copyOf(built.subList(recorded, built.size()));
      recorded = built.size();
      return rest;
    }

    Object object(AiJsonRef ref) {
      return objects == null ? null : objects.get(ref.var());
    }
  }
}
