package dev.aijson.guice;

import com.google.inject.Binding;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.ConstructorBinding;
import com.google.inject.spi.ConvertedConstantBinding;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.ExposedBinding;
import com.google.inject.spi.InjectionPoint;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.LinkedKeyBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ProviderKeyBinding;
import com.google.inject.spi.ProvidesMethodBinding;
import com.google.inject.spi.ProvisionListener;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.WeakIdentityMap;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.recording.Bound;
import dev.aijson.core.recording.Elements;
import dev.aijson.core.recording.Entry;
import dev.aijson.core.recording.Member;
import dev.aijson.core.recording.ModuleState;
import dev.aijson.core.recording.ProviderOf;
import dev.aijson.core.recording.Unobserved;
import dev.aijson.core.recording.VarTemplate;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Records one injector's provisions and {@code @AiJson} calls into an {@link AiJsonRecorder}.
 *
 * <p>A provision listener sees which binding made an object, but not the arguments it got. Each
 * provision therefore opens a frame on a per-thread stack; a nested provision that finishes hands
 * its object to the first open parameter of the enclosing frame whose binding it is. Parameters
 * no provision filled (cached singletons, instances, constants, providers, what another scope had
 * stored) are read back from the injector through the SPI when the enclosing object is finished. The assisted parameters of an
 * object an assisted-inject factory makes are read from the factory's internal child injector at
 * each provision, while the factory method runs: they are that call's arguments.
 */
final class Recording implements ProvisionListener, MethodInterceptor {
  private static final String ENHANCED = "$$EnhancerByGuice$$";

  private static final Logger LOGGER = Logger.getLogger(Recording.class.getName());

  private final AiJsonRecorder recorder;
  private final java.util.Set<Key<?>> unrecorded = ConcurrentHashMap.newKeySet();
  private final java.util.Set<Method> unrecordedCalls = ConcurrentHashMap.newKeySet();
  // held weakly by each thread, so that a pooled thread keeps nothing of a dropped injector
  private final PerThread<Stack> frames = new PerThread<>(Stack::new);
  // per binding (by identity: Guice hands the same binding to every provision of it), and per
  // constructor, since many bindings may share one (toConstructor, linked keys)
  private final BindingTable<BindingInfo> bindings = new BindingTable<>();
  // the same for the bindings of child injectors, each held weakly (see info)
  private final WeakIdentityMap<BindingInfo> childBindings = new WeakIdentityMap<>();
  // by injector too: one class bound in a parent and in a child or private injector reads its
  // constants and instances back from the injector that owns each binding (keyed by the
  // injection point for the recording's injector, by it and the injector for any other)
  private final Map<Object, Plan> constructorPlans = new ConcurrentHashMap<>();
  private final Map<Key<?>, String> keyNames = new ConcurrentHashMap<>();
  private volatile Injector injector;
  // the injectors of the injector's private modules (see isOwn), found once
  private volatile java.util.Set<Injector> privateInjectors;
  // what the injector's explicit bindings link to, for the key of a top-level provision
  private volatile Map<Key<?>, Sources> explicitLinks;
  // the internal keys of the injector's optional binders' values, to the values' own keys
  private volatile Map<Key<?>, Key<?>> optionalValueKeys;
  // only where guice-assistedinject is on the class path
  private final AssistedFactories factories = Guiced.ASSISTED_INJECT ? new AssistedFactories() : null;
  // the bindings whose provisions are recorded (the listener is bound to them alone)
  private final com.google.inject.matcher.Matcher<? super Binding<?>> recorded;
  // in Stage.PRODUCTION, until Guice has made its eager just-in-time singletons: their order
  // (written by the thread that creates the injector, which makes them; a stale value read by
  // another thread only costs that provision a look-up)
  private EagerOrder eagerOrder;

  Recording(AiJsonRecorder recorder, com.google.inject.matcher.Matcher<? super Binding<?>> recorded) {
    this.recorder = recorder;
    this.recorded = recorded;
  }

  @Inject
  void setInjector(Injector injector) {
    // most provisions are of explicit bindings: room for them all at once, rather than growing
    // the table again and again while the first provisions record
    bindings.expect(injector.getBindings().size());
    eagerOrder = EagerOrder.of(injector, recorded);
    this.injector = injector;
  }

  @Override
  public <T> void onProvision(ProvisionInvocation<T> invocation) {
    EagerOrder order = eagerOrder;
    if (order == null) {
      recordProvision(invocation);
      return;
    }
    // Stage.PRODUCTION while the injector is being created: see EagerOrder
    List<Key<?>> after = frames.get().atBottom() ? order.before(invocation.getBinding()) : null;
    recordProvision(invocation);
    if (order.made(invocation.getBinding().getKey())) {
      eagerOrder = null;
    }
    if (after != null) {
      order.after(after);
    }
  }

  private <T> void recordProvision(ProvisionInvocation<T> invocation) {
    Binding<T> binding = invocation.getBinding();
    Stack stack = frames.get();
    if (stack.readingScoped) {
      throw new ScopedReadWouldProvision(); // see readScoped: the scope no longer holds the object
    }
    Frame outer = stack.peek();
    if (outer.binding != null && injector != null) {
      recordReplayedSoFar(outer, binding);
    }
    Frame frame = stack.push(binding);
    if (injector != null) {
      receive(frame, stack);
    }
    T product;
    try {
      product = invocation.provision();
    } catch (Throwable e) {
      // nothing is recorded of a provision that threw, and the frame is reused by the next
      // provision at this depth: it must not keep this binding's plan or the objects it claimed
      frame.clear();
      throw e;
    } finally {
      stack.pop();
    }
    if (injector == null) {
      frame.clear();
      return; // provisions before the injector exists are instance injections, logged where used
    }
    Frame parent = stack.peek();
    try {
      int claimed = parent.binding == null ? -1 : parent.claim(this, binding.getKey(), product);
      Slot claimedBy = claimed < 0 ? null : parent.info(this).plan.slots.get(claimed);
      // a replay module's provider is the receiver of its binding's call plan: told from the
      // plan, made once per binding, not by testing every binding against Guice's interfaces
      Plan plan = frame.info(this).plan;
      ReplayGraph.Traced replay = plan.kind == AiJsonVar.Kind.CALL ? ReplayGraph.traced(plan.receiver()) : null;
      Object var = null;
      // the recorder reads the application's values (see Stack#barrier)
      Frame barrier = stack.barrier();
      try {
        if (replay != null) {
          recordReplay(replay);
        } else {
          var = record(frame, claimedBy, product, parent);
        }
      } finally {
        stack.lift(barrier);
      }
      if (replay == null) {
        if (var != null && claimed >= 0 && (plan.kind == null || parent.info(this).plan.template != null)) {
          parent.values[claimed] = var; // the recorder's handle on the product's var, or what was handed on
        }
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // recording never changes what the application does: the object is made, the var is not
      failed(binding, e);
    } finally {
      frame.clear();
      parent.finished(binding.getKey(), product);
    }
  }

  /**
   * Takes, before a constructor or {@code @Provides} method runs, the values it is passed that it
   * may change (a bound list it adds to, a bound configuration bean whose setter it calls, an
   * assisted argument): the document states what it received, not what it left.
   */
  private void receive(Frame frame, Stack stack) {
    Frame barrier = null;
    try {
      Plan plan = frame.info(this).plan;
      boolean module = plan.kind == AiJsonVar.Kind.PROVIDES && plan.receiver() instanceof ModuleState;
      if (!module && plan.received.length == 0 || recorder.isFull()) {
        return; // nothing to take, or the var will be dropped at the cap
      }
      // the recorder reads the application's values (see Stack#barrier)
      barrier = stack.barrier();
      if (module) {
        // its fields, which the method may change
        frame.receiver = recorder.asReceived((ModuleState) plan.receiver(), null);
      }
      if (plan.received.length == 0) {
        return;
      }
      Object[] values = frame.openValues(plan.slots.size());
      for (int i : plan.received) {
        Slot slot = plan.slots.get(i);
        Object given = unclaimed(slot);
        Object now = recorder.asReceived(given, slot.type);
        if (now != given) {
          values[i] = now;
        }
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // recording never changes what the application does: the values are read afterwards
      frame.values = null;
      frame.receiver = null;
    } finally {
      if (barrier != null) {
        stack.lift(barrier);
      }
    }
  }

  /** Logs, once per binding, that a provision could not be recorded, and why. */
  private void failed(Binding<?> binding, Throwable e) {
    if (unrecorded.add(binding.getKey()) && LOGGER.isLoggable(Level.WARNING)) {
      LOGGER.warning("aijson: a provision of " + binding.getKey() + " could not be recorded, so"
          + " the document leaves it out: " + e + ". Please report it with the binding.");
    }
  }

  /**
   * Records, where {@code outer} is the provision of a {@link ReplayModule}'s key and its build
   * is about to have {@code binding} provisioned (a collection, a shared singleton, an opaque
   * object from the injector), the vars that build made so far: that provision is recorded as it
   * finishes, and the vars the build made before it come before it in the document, as in the
   * recording that was replayed.
   */
  private void recordReplayedSoFar(Frame outer, Binding<?> binding) {
    try {
      Plan plan = outer.info(this).plan;
      ReplayGraph.Traced replay = plan.kind == AiJsonVar.Kind.CALL ? ReplayGraph.traced(plan.receiver()) : null;
      ReplayGraph.Trace open = replay == null ? null : replay.graph().openTrace();
      if (open != null) {
        recordBuilt(replay, open);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failed(binding, e);
    }
  }

  /** Records the vars a {@link ReplayModule} rebuilt as they were in the replayed document. */
  private void recordReplay(ReplayGraph.Traced replay) {
    ReplayGraph.Trace trace = replay.takeTrace();
    if (trace != null) {
      recordBuilt(replay, trace);
    }
  }

  /** Records the vars of {@code trace} not recorded yet, as they were in the replayed document. */
  private void recordBuilt(ReplayGraph.Traced replay, ReplayGraph.Trace trace) {
    AiJsonDocument source = replay.graph().replayer().document();
    for (Map.Entry<AiJsonVar, Object> built : trace.unrecorded()) {
      AiJsonVar var = built.getKey();
      if ((var.kind() == AiJsonVar.Kind.FACTORY || var.kind() == AiJsonVar.Kind.OPAQUE)
          && recorder.tracks(built.getValue())) {
        continue; // one factory or supplied object, recorded where it was first injected
      }
      recorder.recordAs(var, source, trace::object, built.getValue(), trace.given(var));
    }
  }


  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    // the arguments as the call receives them: a call may change them (shuffle its examples)
    Object[] given = invocation.getArguments().clone();
    Method method = invocation.getMethod();
    Object receiver = invocation.getThis();
    Class<?> type = userClass(receiver.getClass());
    List<Type> types = null;
    Object[] values = given.clone();
    Stack stack = frames.get();
    // the recorder reads the application's values (see Stack#barrier)
    Frame barrier = stack.barrier();
    try {
      types = TypeLiteral.get(type).getParameterTypes(method).stream().map(TypeLiteral::getType).toList();
      values = recorder.isFull() ? values : received(given, types); // dropped at the cap: nothing to take
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // recorded as the arguments are after the call, or not at all (below)
    } finally {
      stack.lift(barrier);
    }
    Object result = invocation.proceed();
    barrier = stack.barrier();
    try {
      Object[] passed = invocation.getArguments();
      for (int i = 0; i < values.length; i++) {
        if (passed[i] != given[i]) {
          values[i] = passed[i]; // an interceptor after this one passed the method another argument
        }
      }
      if (types == null) {
        types = TypeLiteral.get(type).getParameterTypes(method).stream().map(TypeLiteral::getType).toList();
      }
      List<Arg> args = new ArrayList<>(values.length);
      java.lang.reflect.Parameter[] parameters = method.getParameters();
      for (int i = 0; i < values.length; i++) {
        args.add(new Arg(parameterName(parameters[i], null, i), types.get(i), providerArgument(types.get(i), values[i])));
      }
      recorder.record(
          new Entry(AiJsonVar.Kind.CALL, type, method.getName(), null, false, receiver, args, List.of(), result));
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      failedCall(invocation.getMethod(), e);
    } finally {
      stack.lift(barrier);
    }
    return result;
  }

  /**
   * Returns what a call's argument of a provider type (Guice's, javax's or jakarta's) is recorded
   * as: where it is the injector's own provider of a key, {@code {"provider": key}}, as for a
   * {@code Provider<T>} a constructor receives, which replay answers with the serving injector's
   * provider of that key; else the argument itself (a provider the application made, written as an
   * {@code opaque} var). A Guice provider carries no key one may read, but Guice hands out one
   * provider per binding (what it injects for {@code Provider<T>} and what {@code getProvider}
   * returns), so the key is read from it ({@link Guiced#providedKey}), or else is the one among the
   * bindings of {@code T} whose provider it is.
   */
  private Object providerArgument(Type declared, Object value) {
    if (value == null || !(declared instanceof ParameterizedType type)
        || !(type.getRawType() instanceof Class<?> raw) || !Guiced.isProviderType(raw)) {
      return value;
    }
    Type provided = type.getActualTypeArguments()[0];
    if (!(provided instanceof Class<?> || provided instanceof ParameterizedType) || injector == null
        || recorder.tracks(value)) {
      return value;
    }
    try {
      TypeLiteral<?> literal = TypeLiteral.get(provided);
      Key<?> read = Guiced.providedKey(value, this::isOwn);
      if (read != null) {
        // a provider of another type (passed through a raw type) stays opaque: replay would refuse it
        return isInternalQualifier(read) || !read.getTypeLiteral().equals(literal) ? value
            : new ProviderOf(keyName(read));
      }
      List<Injector> candidates = new ArrayList<>();
      for (Injector outer = injector; outer != null; outer = outer.getParent()) {
        candidates.add(outer);
      }
      candidates.addAll(privateInjectors());
      for (Injector candidate : candidates) {
        Binding<?> plain = candidate.getExistingBinding(Key.get(literal));
        if (plain != null && plain.getProvider() == value) {
          return new ProviderOf(keyName(plain.getKey()));
        }
        for (Binding<?> binding : candidate.findBindingsByType(literal)) {
          // Guice's internal keys (a multibinder's elements) carry counters, never written
          if (!isInternalQualifier(binding.getKey()) && binding.getProvider() == value) {
            return new ProviderOf(keyName(binding.getKey()));
          }
        }
      }
    } catch (RuntimeException e) {
      // a type Guice cannot make a key of: the argument stays what it is
    }
    return value;
  }

  private static boolean isInternalQualifier(Key<?> key) {
    String name = key.getAnnotationType() == null ? "" : key.getAnnotationType().getName();
    return name.startsWith("com.google.inject.internal.") || name.startsWith("com.google.inject.multibindings.");
  }

  /**
   * Returns a call's arguments as it receives them, encoded before it runs where it may change
   * them (see {@link AiJsonRecorder#asReceived}), so that the call's own changes (a list it
   * sorts, a setter of a configuration bean it calls) are not recorded as what it received; the
   * call gets the originals.
   */
  private Object[] received(Object[] arguments, List<Type> types) {
    Object[] values = arguments.clone();
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = recorder.asReceived(values[i], types.get(i));
      } catch (RuntimeException | StackOverflowError e) {
        // an element's getter, hashCode or comparator threw: recorded as it is after the call
      }
    }
    return values;
  }

  /** Logs, once per method, that a call could not be recorded, and why; the call's result stands. */
  private void failedCall(Method method, Throwable e) {
    if (unrecordedCalls.add(method) && LOGGER.isLoggable(Level.WARNING)) {
      LOGGER.warning("aijson: a call of " + method + " could not be recorded, so the document"
          + " leaves it out: " + e + ". Please report it with the method.");
    }
  }

  private String keyName(Key<?> key) {
    return keyNames.computeIfAbsent(key, Keys::name);
  }

  private static Object unwrap(Object value) {
    return value instanceof Bound bound ? bound.instance() : value instanceof Unobserved ? null : value;
  }

  private static boolean isHidden(Class<?> type) {
    return type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || type.getName().contains("$$Lambda");
  }

  private static Class<?> userClass(Class<?> type) {
    while (type.getName().contains(ENHANCED) && type.getSuperclass() != null) {
      type = type.getSuperclass();
    }
    return type;
  }

  /**
   * Records the product of {@code frame}, under the key of the parameter it was claimed by, or,
   * for a top-level provision, the key it was asked for.
   */
  private Object record(Frame frame, Slot claimedBy, Object product, Frame parent) {
    BindingInfo info = frame.info(this);
    Plan plan = info.plan;
    if (plan.kind == null) {
      return handedOn(frame, plan); // Guice's own provider of an optional binder's value
    }
    if (plan.kind == AiJsonVar.Kind.FACTORY && recorder.tracks(product)) {
      return null; // a factory hands out one object, recorded where it was first injected
    }
    // what a factory made has no key of its own: Guice binds it under an internal one
    TopLevel top = plan.product || claimedBy != null ? null : info.topLevel(this, frame.binding, parent.binding);
    String key = plan.product ? null : top != null ? top.keyName() : claimedBy.keyName;
    boolean singleton = !plan.product && (top != null ? top.singleton()
        : claimedBy.requestedSingleton == null ? info.singleton : claimedBy.requestedSingleton);
    // taken from the frame before anything below can provision (and so reuse the frame)
    Object[] values = frame.takeValues();
    Object receivedModule = frame.receiver;
    if (values == null) {
      // no parameter was filled by a provision: every value is read back, with no array to mark
      values = frame.newValues(plan.slots.size());
      for (int i = 0; i < values.length; i++) {
        values[i] = unclaimed(plan.slots.get(i));
      }
    } else {
      for (int i = 0; i < values.length; i++) {
        if (values[i] == Frame.OPEN) {
          values[i] = unclaimed(plan.slots.get(i));
        }
      }
    }
    if (plan.template != null) {
      Object var = recorder.record(plan.template, key, singleton, values, product);
      frame.reuse(values); // the recorder keeps the values, not the array
      return var;
    }
    if (plan.kind == AiJsonVar.Kind.CALL) {
      // a provider binding: the product is what the provider's get() returned. Guice gets a
      // provider class's instance just before it opens the product's provision, so it is the
      // enclosing frame's last finished provision, unless it was a singleton already built.
      Object provider = plan.receiver();
      if (provider == null) {
        Object last = parent.lastFinished(plan.slots.get(0).target);
        provider = last != null ? last : unwrap(values[0]);
      }
      if (provider != null && !isHidden(provider.getClass())) {
        recorder.record(new Entry(AiJsonVar.Kind.CALL, userClass(provider.getClass()), "get", key, singleton,
            provider, List.of(), List.of(), product));
        return null;
      }
    }
    if (plan.kind == AiJsonVar.Kind.MULTIBINDING) {
      recorder.record(new Entry(AiJsonVar.Kind.MULTIBINDING, plan.type, null, key, singleton, null,
          collectionArgs(plan.collection, values), List.of(), product));
      return null;
    }
    if (plan.kind == AiJsonVar.Kind.FACTORY) {
      recorder.record(new Entry(AiJsonVar.Kind.FACTORY, plan.type, null, key, singleton, null,
          List.of(), List.of(), product));
      return null;
    }
    if (plan.kind == AiJsonVar.Kind.OPAQUE || plan.kind == AiJsonVar.Kind.CALL) {
      // a JDK proxy's class is numbered by what the JVM proxied before: named by its key's type
      Class<?> type = product == null || java.lang.reflect.Proxy.isProxyClass(product.getClass())
          ? plan.type : product.getClass();
      recorder.record(new Entry(AiJsonVar.Kind.OPAQUE, userClass(type), null, key, singleton, null, List.of(), List.of(), product));
      return null;
    }
    List<Arg> args = new ArrayList<>(plan.parameters);
    for (int i = 0; i < plan.parameters; i++) {
      Slot slot = plan.slots.get(i);
      args.add(new Arg(slot.name, slot.type, values[i]));
    }
    List<Member> members = new ArrayList<>();
    int i = plan.parameters;
    for (MemberPlan member : plan.members) {
      List<Arg> memberArgs = new ArrayList<>(member.size);
      for (int j = 0; j < member.size; j++, i++) {
        Slot slot = plan.slots.get(i);
        memberArgs.add(new Arg(slot.name, slot.type, values[i]));
      }
      members.add(new Member(member.name, member.field, memberArgs));
    }
    // a provides var's receiver is its module's state, if the module has any
    Object receiver = plan.kind != AiJsonVar.Kind.PROVIDES ? null
        : receivedModule != null ? receivedModule : plan.receiver();
    recorder.record(new Entry(plan.kind, plan.type, plan.method, key, singleton, receiver, args, members,
        product, plan.factory));
    return null;
  }

  /**
   * Returns what the binding of a plan without a kind handed on, for the parameter that got it:
   * its one slot's value, as a provision filled it or as it reads back (a bound instance under
   * the key the slot names, as if that key were bound to it).
   */
  private Object handedOn(Frame frame, Plan plan) {
    Object[] values = frame.takeValues();
    return values == null || values[0] == Frame.OPEN ? unclaimed(plan.slots.get(0)) : values[0];
  }

  /** Returns the kwargs of a multibinding's var: its elements; or its keys and values; or its value. */
  private static List<Arg> collectionArgs(Multibindings.Collection collection, Object[] values) {
    List<Type> types = collection.types();
    if (collection.binder() == com.google.inject.multibindings.OptionalBinder.class) {
      return List.of(new Arg("value", types.get(0), values.length == 0 ? null : values[0]));
    }
    Elements elements = new Elements(java.util.Arrays.asList(values));
    if (collection.binder() == com.google.inject.multibindings.MapBinder.class) {
      return List.of(new Arg("keys", types.get(0), new Elements(collection.mapKeys())),
          new Arg("values", types.get(1), elements));
    }
    return List.of(new Arg("elements", types.get(0), elements));
  }

  /** Reads back a parameter that no provision filled. */
  private Object unclaimed(Slot slot) {
    if (slot.argument != null) {
      return AssistedFactories.argument(slot.argument); // this call's, while the factory method runs
    }
    if (!slot.readsSingleton) {
      return slot.readBack instanceof Scoped scoped ? readScoped(slot, scoped) : slot.readBack;
    }
    if (slot.owner == null) {
      // a child injector's: the value read is kept weakly, the same Bound until it is collected
      Object cached = slot.singleton[0];
      Object known = cached == null ? null : ((WeakReference<?>) cached).get();
      return known != null ? known : readChildSingleton(slot);
    }
    Object singleton = slot.singleton[0];
    return singleton != null ? singleton : readSingleton(slot);
  }

  // The two reads below run once per slot and injector (and child, until collected). They are
  // methods of their own, called rarely, so that the JIT compiler does not inline Guice's
  // getInstance, and the provisioning behind it, into every provision's path: that made
  // unclaimed's compiled code 116 KB and its compilation, with onProvision's, most of what the
  // compiler thread did while a recorded graph of 100,000 vars was measured.

  /** Reads the singleton a slot of the injector's own reads, and keeps it: one injector, one instance. */
  private static Object readSingleton(Slot slot) {
    // kept as the same Bound each time, which the recorder encodes once
    Object instance = slot.owner.getInstance(slot.dependency.getKey());
    Object read = new Bound(instance, slot.keyName);
    if (!isCycleProxy(instance)) {
      slot.singleton[0] = read;
    }
    return read;
  }

  /** Reads the singleton a slot of a child injector's reads, and keeps it weakly. */
  private static Object readChildSingleton(Slot slot) {
    Injector owner = slot.childOwner.get(); // alive: one of its bindings is being provisioned
    if (owner == null) {
      return new Unobserved(slot.keyName, slot.dependency.getKey().getTypeLiteral().getRawType());
    }
    Object instance = owner.getInstance(slot.dependency.getKey());
    Bound read = new Bound(instance, slot.keyName);
    if (!isCycleProxy(instance)) {
      slot.singleton[0] = new WeakReference<>(read);
    }
    return read;
  }

  /**
   * Whether an object is the proxy Guice hands out for a singleton still being made, to break a
   * circular dependency. A slot that read one is read again next time, when the singleton itself
   * is there: the proxy stands only for the provisions made inside the cycle, and every one after
   * it received the singleton (kept, it would tie them all to the proxy's opaque var).
   */
  private static boolean isCycleProxy(Object instance) {
    return instance != null && java.lang.reflect.Proxy.isProxyClass(instance.getClass())
        && java.lang.reflect.Proxy.getInvocationHandler(instance).getClass().getName()
            .equals("com.google.inject.internal.DelegatingInvocationHandler");
  }

  /**
   * Reads back what a scope other than the singleton one (a batch or request scope) handed a
   * parameter without a provision: an object it had stored. Asked again while the enclosing
   * object is made, on the same thread, the scope hands back the same object, and the parameter
   * is that object, referencing its var, if the recording made it. A scope that would make an
   * object instead is stopped before anything is made (see {@link #onProvision}); what the scope
   * hands back that the recording did not make, or a scope that fails (out of its request), is
   * not observed, as before.
   */
  private Object readScoped(Slot slot, Scoped scoped) {
    Injector owner = slot.owner != null ? slot.owner : slot.childOwner.get();
    if (owner == null) {
      return scoped.unobserved();
    }
    Stack stack = frames.get();
    Object read;
    stack.readingScoped = true;
    try {
      read = owner.getInstance(slot.dependency.getKey());
    } catch (RuntimeException e) {
      return scoped.unobserved();
    } finally {
      stack.readingScoped = false;
    }
    return read != null && recorder.tracks(read) ? read : scoped.unobserved();
  }

  /**
   * What a parameter filled from a scope other than the singleton one reads back as: the object
   * the scope holds, read at each provision; {@code unobserved} if that is not an object the
   * recording made.
   */
  private record Scoped(Unobserved unobserved) {}

  /** Thrown at a provision that reading a scoped parameter back would start: nothing is made. */
  private static final class ScopedReadWouldProvision extends RuntimeException {
    ScopedReadWouldProvision() {
      super("aijson: reading a scoped value back would make a new object", null, false, false);
    }
  }

  /** Whether a binding is in a scope that may hand out a stored object, other than the singleton one. */
  private static boolean inOtherScope(Binding<?> binding) {
    return binding != null && !Scopes.isSingleton(binding)
        && binding.acceptScopingVisitor(new com.google.inject.spi.DefaultBindingScopingVisitor<Boolean>() {
          @Override
          public Boolean visitScope(com.google.inject.Scope scope) {
            return scope != Scopes.NO_SCOPE;
          }

          @Override
          public Boolean visitScopeAnnotation(Class<? extends java.lang.annotation.Annotation> annotation) {
            return true;
          }

          @Override
          protected Boolean visitOther() {
            return false;
          }
        });
  }

  /**
   * Returns what a parameter that no provision filled reads back as, the same for every
   * provision since bindings do not change: a provider, a bound instance or constant, or an
   * unobserved value; null for a singleton, which is read from the injector each time. {@code
   * direct} is the binding of {@code key} itself (into the private module that exposes it),
   * {@code made} the one that makes its objects (past linked keys); {@code directSingleton}
   * whether {@code direct} is a singleton, or null if not asked yet.
   */
  private Object readBack(Key<?> key, Key<?> providedKey, String name, Binding<?> direct, Binding<?> made,
      Boolean directSingleton) {
    if (providedKey != null) {
      return new ProviderOf(keyName(providedKey));
    }
    if (made instanceof InstanceBinding<?> instance) {
      return new Bound(instance.getInstance(), name);
    }
    if (made instanceof ConvertedConstantBinding<?> constant) {
      return new Bound(constant.getValue(), name);
    }
    if (made != null && !Guiced.isInternal(key)
        && (directSingleton != null ? directSingleton : Scopes.isSingleton(direct))) {
      return null;
    }
    Unobserved unobserved = new Unobserved(name, key.getTypeLiteral().getRawType());
    return made != null && !Guiced.isInternal(key) && (inOtherScope(direct) || inOtherScope(made))
        ? new Scoped(unobserved) : unobserved;
  }

  /**
   * Returns the binding that makes {@code key}'s objects, as {@code owner} sees it: past linked
   * keys, and into the private module that exposes the key.
   */
  private static Binding<?> resolve(Injector owner, Key<?> key) {
    return resolveLinks(owner, resolveExposed(owner.getExistingBinding(key)));
  }

  /** Returns the binding that makes the objects of {@code binding}: past linked keys. */
  private static Binding<?> resolveLinks(Injector owner, Binding<?> binding) {
    for (int hops = 0; binding instanceof LinkedKeyBinding<?> linked && hops < 100; hops++) {
      binding = resolveExposed(Guiced.owner(linked, owner).getExistingBinding(linked.getLinkedKey()));
    }
    return binding;
  }

  /** Returns, for a key a private module exposes, the binding inside that module. */
  private static Binding<?> resolveExposed(Binding<?> binding) {
    for (int hops = 0; binding instanceof ExposedBinding<?> exposed && hops < 100; hops++) {
      binding = exposed.getPrivateElements().getInjector().getExistingBinding(exposed.getKey());
    }
    return binding;
  }

  private static Key<?> targetKey(Injector owner, Key<?> key) {
    Binding<?> binding = resolve(owner, key);
    return binding == null ? key : binding.getKey();
  }

  /**
   * Returns the key a top-level provision of {@code provisioned}, a binding of {@code owner}, was
   * asked for: the one key linked to it, if exactly one is, else the one such key that is not
   * Guice's internal key of a multibinder's element (an element bound {@code .to(Tokenizer.class)}
   * links to what {@code Tokenizer} does); else its own. Links among the
   * injector's explicit bindings are found once, in its own map of them; where they have none,
   * those among the bindings of {@code others} (the binding's own child or private injector, the
   * injector of the binding whose provision made it) count, read as they are asked. A
   * just-in-time link is made by {@code
   * @ImplementedBy} on a supertype of the class, when that type is first asked for, so for a class
   * with such supertypes the links made so far are counted at each provision until each has been
   * made.
   */
  private Link topLevelKey(Key<?> provisioned, Injector owner, List<Injector> others) {
    Map<Key<?>, Sources> explicit = explicitLinks;
    if (explicit == null) {
      explicit = links(injector.getBindings(), injector);
      explicitLinks = explicit;
    }
    Sources sources = explicit.get(provisioned);
    // a private module's links are asked of the recording injector through the keys it exposes:
    // its own, and a child's, count only where those say nothing
    for (int i = 0; sources == null && i < others.size(); i++) {
      sources = links(others.get(i).getBindings(), others.get(i)).get(provisioned);
    }
    if (isOwn(owner)) {
      owner = injector;
    }
    Key<?> source = sources == null ? null : sources.last();
    int count = sources == null ? 0 : sources.count();
    Key<?> plain = sources == null ? null : sources.plainLast();
    int plainCount = sources == null ? 0 : sources.plainCount();
    boolean settled = true;
    if (provisioned.getAnnotationType() == null && provisioned.getTypeLiteral().getType() instanceof Class<?> type) {
      for (Key<?> candidate : IMPLEMENTED_BY.get(type)) {
        if (owner.getBindings().containsKey(candidate)) {
          continue; // an explicit binding, counted above if it links here
        }
        Binding<?> jit = owner.getExistingBinding(candidate);
        if (jit == null) {
          settled = false; // not asked for yet: a later provision may have come through it
        } else if (jit instanceof LinkedKeyBinding<?> linked
            && targetKey(Guiced.owner(linked, owner), linked.getLinkedKey()).equals(provisioned)) {
          source = candidate;
          count++;
          plain = candidate;
          plainCount++;
        }
      }
    }
    return new Link(count == 1 ? source : plainCount == 1 ? plain : provisioned, settled);
  }

  /** Returns the internal keys of the injector's optional binders' values, found once, to their own keys. */
  private Map<Key<?>, Key<?>> optionalValueKeys() {
    Map<Key<?>, Key<?>> known = optionalValueKeys;
    if (known == null) {
      known = Multibindings.optionalValueKeys(injector.getBindings().values());
      optionalValueKeys = known; // every thread works out the same map
    }
    return known;
  }

  /** The key a top-level provision is recorded under, and whether later links cannot change it. */
  private record Link(Key<?> key, boolean settled) {}

  /**
   * The keys linked to one key (past further links, or as the private module's binding behind an
   * exposed key) among some bindings: how many, and the last of them; and the same counting only
   * the keys that are not Guice's internal ones. Links among an injector's bindings map each key
   * linked to to its sources, found in one look-up a binding.
   */
  private record Sources(Key<?> last, int count, Key<?> plainLast, int plainCount) {
    static Sources of(Key<?> source) {
      return isInternalQualifier(source) ? new Sources(source, 1, null, 0) : new Sources(source, 1, source, 1);
    }

    Sources and(Key<?> source) {
      return isInternalQualifier(source) ? new Sources(source, count + 1, plainLast, plainCount)
          : new Sources(source, count + 1, source, plainCount + 1);
    }
  }

  /**
   * Whether bindings of a class link one key to another (a linked key binding, or a private
   * module's exposed one), asked of every binding of an injector: two tests against interfaces,
   * which the VM answers for a class that implements neither by reading all it implements.
   */
  private static final ClassValue<Boolean> LINKING = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return LinkedKeyBinding.class.isAssignableFrom(type) || ExposedBinding.class.isAssignableFrom(type);
    }
  };

  /** Returns the links among {@code bindings}, the explicit bindings of {@code owner}. */
  private static Map<Key<?>, Sources> links(Map<Key<?>, Binding<?>> bindings, Injector owner) {
    Map<Key<?>, Sources> links = new HashMap<>();
    for (Binding<?> binding : bindings.values()) {
      if (LINKING.get(binding.getClass())) {
        Key<?> target = binding instanceof LinkedKeyBinding<?> linked
            ? targetKey(owner, linked.getLinkedKey()) : targetKey(owner, binding.getKey());
        Sources known = links.get(target);
        links.put(target, known == null ? Sources.of(binding.getKey()) : known.and(binding.getKey()));
      }
    }
    return links;
  }

  /**
   * For each class, the keys of its supertypes that carry {@code @ImplementedBy}: the only keys a
   * just-in-time link to the class can come from. Most classes have none. (A link Guice makes
   * for a parameterized key of such a type is not among them: a provision through one is
   * recorded under the other links, or the class's own key.)
   */
  private static final ClassValue<List<Key<?>>> IMPLEMENTED_BY = new ClassValue<>() {
    @Override
    protected List<Key<?>> computeValue(Class<?> type) {
      List<Key<?>> keys = new ArrayList<>();
      java.util.Set<Class<?>> seen = new java.util.HashSet<>();
      java.util.ArrayDeque<Class<?>> pending = new java.util.ArrayDeque<>();
      pending.add(type);
      while (!pending.isEmpty()) {
        Class<?> supertype = pending.poll();
        if (!seen.add(supertype)) {
          continue;
        }
        if (supertype != type && supertype.isAnnotationPresent(com.google.inject.ImplementedBy.class)) {
          keys.add(Key.get(supertype));
        }
        if (supertype.getSuperclass() != null) {
          pending.add(supertype.getSuperclass());
        }
        pending.addAll(java.util.Arrays.asList(supertype.getInterfaces()));
      }
      return List.copyOf(keys);
    }
  };

  private BindingInfo info(Binding<?> binding) {
    BindingInfo info = bindings.get(binding);
    if (info == null) {
      info = childBindings.get(binding);
      if (info != null) {
        return info;
      }
      Plan plan;
      Injector attachedTo = Guiced.owner(binding, null);
      Injector owner = attachedTo != null ? attachedTo : injector;
      if (factories != null && binding instanceof ConstructorBinding<?> constructor && owner != injector) {
        plan = productPlan(constructor, owner);
        if (plan != null) {
          info = new BindingInfo(plan, false);
          // else the binding, and its injector, serve this call only; or it is the factory
          // child injector of a factory bound in a child injector
          if (plan.reusable && isOwn(owner.getParent())) {
            bindings.put(binding, info);
          }
          return info;
        }
      }
      // what is worked out for a binding is kept for the injector's own bindings and its private
      // modules', which live as long as it does; for a child injector's binding, it is kept
      // without a reference to the binding or the child (see Plan#ofChild), weakly by binding,
      // so that the child and everything it made can go when the application lets go of them
      boolean kept = attachedTo != null ? isOwn(attachedTo) : isOwnUnattached(binding);
      if (binding instanceof ConstructorBinding<?> constructor && kept) {
        // the recording's own injector owns most: its plans are found by the injection point alone
        Object plans = owner == injector
            ? constructor.getConstructor() : List.of(owner, constructor.getConstructor());
        plan = constructorPlans.get(plans);
        if (plan == null) {
          plan = computePlan(binding, owner);
          constructorPlans.put(plans, plan);
        }
      } else {
        plan = computePlan(binding, owner);
      }
      if (kept) {
        info = new BindingInfo(plan, Scopes.isSingleton(binding));
        bindings.put(binding, info);
      } else {
        info = new BindingInfo(plan.ofChild(), Scopes.isSingleton(binding));
        childBindings.put(binding, info);
      }
    }
    return info;
  }

  /**
   * Returns whether {@code binding}, which does not say its injector, belongs to one that lives
   * at least as long as the recording's (see {@link #isOwn}). Guice hands a listener an instance
   * or provider instance binding as the module made it, without its injector: such a binding is
   * the injector's own if one of those injectors binds its key to the same instance or provider.
   */
  private boolean isOwnUnattached(Binding<?> binding) {
    Object target = target(binding);
    if (target == null) {
      return false;
    }
    List<Injector> candidates = new ArrayList<>(privateInjectors());
    for (Injector outer = injector; outer != null; outer = outer.getParent()) {
      candidates.add(outer);
    }
    for (Injector candidate : candidates) {
      Binding<?> attached = candidate.getBindings().get(binding.getKey());
      if (attached != null && target(attached) == target) {
        return true;
      }
    }
    return false;
  }

  /** Returns the instance or provider instance a binding binds its key to, else null. */
  private static Object target(Binding<?> binding) {
    return binding instanceof ProviderInstanceBinding<?> provider ? Guiced.userSuppliedProvider(provider)
        : binding instanceof InstanceBinding<?> instance ? instance.getInstance() : null;
  }

  /**
   * Returns whether {@code owner} lives at least as long as the recording's injector: it is that
   * injector, one of its parents, or the injector of one of its private modules (found through
   * the keys they expose).
   */
  private boolean isOwn(Injector owner) {
    for (Injector outer = injector; outer != null; outer = outer.getParent()) {
      if (owner == outer) {
        return true;
      }
    }
    return privateInjectors().contains(owner);
  }

  /** Returns the injectors of the private modules of the recording's injector, found once. */
  private java.util.Set<Injector> privateInjectors() {
    java.util.Set<Injector> known = privateInjectors;
    if (known == null) {
      known = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      java.util.ArrayDeque<Injector> pending = new java.util.ArrayDeque<>();
      pending.add(injector);
      while (!pending.isEmpty()) {
        for (Binding<?> binding : pending.poll().getBindings().values()) {
          if (binding instanceof ExposedBinding<?> exposed) {
            Injector inner = exposed.getPrivateElements().getInjector();
            if (inner != null && known.add(inner)) {
              pending.add(inner);
            }
          }
        }
      }
      privateInjectors = known; // every thread works out the same set
    }
    return known;
  }

  /**
   * Returns the plan of an object an assisted-inject factory makes, or null if {@code binding} is
   * not the binding of a factory's internal child injector {@code owner}: a constructor var with
   * every argument, the assisted ones read from the call, and the factory method that made it.
   */
  private Plan productPlan(ConstructorBinding<?> binding, Injector owner) {
    AssistedFactories.Product product = factories.product(binding, owner, this::isOwn);
    if (product == null) {
      return null;
    }
    Plan plan = computePlan(binding, owner);
    List<Slot> slots = new ArrayList<>(plan.slots);
    Map<Integer, Integer> byParameter = new HashMap<>();
    for (int i = 0; i < plan.parameters; i++) {
      Slot slot = slots.get(i);
      int index = slot.dependency.getParameterIndex();
      byParameter.put(index, i);
      Object argument = product.arguments().get(index);
      if (argument != null) {
        slots.set(i, new Slot(slot.owner, slot.dependency, slot.name, slot.type, null, slot.target,
            slot.keyName, null, null, false, slot.singleton, argument));
      } else if (Guiced.isAssistedParameter(slot.dependency.getKey())) {
        // an argument Guice passes otherwise than as it is (an @Assisted Provider<T>): its key is
        // Guice's internal one, and what it held is not observed
        slots.set(i, new Slot(slot.owner, slot.dependency, slot.name, slot.type, null, slot.target,
            slot.keyName, null, new Unobserved(null, TypeLiteral.get(slot.type).getRawType()), false,
            slot.singleton, null));
      }
    }
    List<String> assisted = new ArrayList<>();
    for (int index : product.assisted()) {
      assisted.add(slots.get(byParameter.get(index)).name);
    }
    // two keys of one factory interface that would make it alike: which one did is not known
    AiJsonVar.Factory factory = product.key() == null ? null
        : new AiJsonVar.Factory(keyName(product.key()), product.method().getName(), assisted);
    return new Plan(plan.kind, plan.type, null, List.copyOf(slots), plan.parameters, plan.members,
        null, null, factory, true, product.reusable());
  }

  private Plan computePlan(Binding<?> binding, Injector owner) {
    if (binding instanceof ConstructorBinding<?> constructorBinding) {
      InjectionPoint constructor = constructorBinding.getConstructor();
      List<Slot> slots = new ArrayList<>(slots(constructor, owner));
      int parameters = slots.size();
      List<MemberPlan> members = new ArrayList<>();
      java.util.Set<String> names = new java.util.HashSet<>();
      for (InjectionPoint point : constructorBinding.getInjectableMembers()) {
        List<Slot> memberSlots = slots(point, owner);
        slots.addAll(memberSlots);
        java.lang.reflect.Member member = point.getMember();
        // a name seen before (a shadowed field, an overload) is qualified by its declaring class
        String name = names.add(member.getName())
            ? member.getName()
            : member.getDeclaringClass().getSimpleName() + "." + member.getName();
        members.add(new MemberPlan(name, member instanceof Field, memberSlots.size()));
      }
      Class<?> type = ((Constructor<?>) constructor.getMember()).getDeclaringClass();
      return new Plan(AiJsonVar.Kind.CONSTRUCTOR, type, null, slots, parameters, members, null, null);
    }
    if (factories != null && AssistedFactories.isFactory(binding)) {
      return new Plan(AiJsonVar.Kind.FACTORY, binding.getKey().getTypeLiteral().getRawType(), null,
          List.of(), 0, List.of(), null, null);
    }
    Multibindings.Collection collection = Multibindings.of(binding, owner);
    if (collection != null) {
      Type elementType = collection.types().get(collection.types().size() - 1);
      List<Slot> slots = new ArrayList<>(collection.elements().size());
      for (Binding<?> element : collection.elements()) {
        slots.add(elementSlot(owner, element.getKey(), elementType));
      }
      return new Plan(AiJsonVar.Kind.MULTIBINDING, collection.binder(), null, slots, slots.size(), List.of(),
          null, collection);
    }
    if (binding instanceof ProviderInstanceBinding<?> providerBinding) {
      ProvidesMethodBinding<?> provides = Guiced.providesMethod(providerBinding);
      if (provides != null) {
        Method method = provides.getMethod();
        InjectionPoint point = injectionPoint(provides, method);
        List<Slot> slots = slots(point, owner);
        return new Plan(AiJsonVar.Kind.PROVIDES, method.getDeclaringClass(), method.getName(), slots,
            slots.size(), List.of(), moduleState(method, provides.getEnclosingInstance()), null);
      }
      Binding<?> optionalValue = Multibindings.optionalValue(binding, owner);
      if (optionalValue != null) {
        // what the value's binding makes is recorded under this key, the one the application
        // asked for, not the value binding's internal one
        Key<?> valueKey = optionalValue.getKey();
        List<Slot> slots = List.of(slot(owner, Dependency.get(valueKey), "value",
            valueKey.getTypeLiteral().getType(), null, keyName(binding.getKey())));
        return new Plan(null, binding.getKey().getTypeLiteral().getRawType(), null, slots, 1, List.of(), null, null);
      }
      if (Multibindings.isOptionalOfProvider(binding, owner)) {
        // Guice's own Optional of a provider of an optional binder's value: what it holds is a
        // binding, not an object, so it is an opaque var under its key, which Guice supplies
        // wherever that optional binder is bound
        return new Plan(AiJsonVar.Kind.OPAQUE, java.util.Optional.class, null, List.of(), 0, List.of(), null, null);
      }
      Object provider = Guiced.userSuppliedProvider(providerBinding);
      if (provider != null && (provider.getClass().getName().startsWith("com.google.inject.internal.")
          || provider.getClass().getName().equals("com.google.inject.util.Providers$ConstantProvider"))) {
        // a form Guice binds beside a multibinder's collection (Map<K, Provider<V>>,
        // Collection<Provider<T>>, a multimap): what it holds are bindings, not objects the
        // recording made, so it is an opaque var under its key, never a call on Guice's internals;
        // replay takes it from the binder that a replayed collection or a serving module binds;
        // Providers.of(instance) likewise holds an instance, not a provider of the application's
        return new Plan(AiJsonVar.Kind.OPAQUE, binding.getKey().getTypeLiteral().getRawType(), null, List.of(), 0,
            List.of(), null, null);
      }
      return new Plan(AiJsonVar.Kind.CALL, binding.getKey().getTypeLiteral().getRawType(), "get", List.of(), 0, List.of(), provider, null);
    }
    if (binding instanceof ProviderKeyBinding<?> providerKey) {
      Key<?> key = providerKey.getProviderKey();
      List<Slot> slots = List.of(slot(owner, Dependency.get(key), "provider", key.getTypeLiteral().getType(), null));
      return new Plan(AiJsonVar.Kind.CALL, binding.getKey().getTypeLiteral().getRawType(), "get", slots, 0, List.of(), null, null);
    }
    return new Plan(AiJsonVar.Kind.OPAQUE, binding.getKey().getTypeLiteral().getRawType(), null, List.of(), 0, List.of(), null, null);
  }

  /**
   * Returns the injection point of a {@code @Provides} method: the one Guice made when it scanned
   * the module, which each of the binding's dependencies carries, or, for a method without
   * parameters, one made here: on the module's type, or, for a static method, which has no module
   * instance, on the class that declares it (with no parameters, no type of the module is needed).
   */
  private static InjectionPoint injectionPoint(ProvidesMethodBinding<?> provides, Method method) {
    for (Dependency<?> dependency : provides.getDependencies()) {
      InjectionPoint point = dependency.getInjectionPoint();
      if (point != null && point.getMember().equals(method)) {
        return point;
      }
    }
    Object module = provides.getEnclosingInstance();
    return InjectionPoint.forMethod(method, TypeLiteral.get(module != null ? module.getClass() : method.getDeclaringClass()));
  }

  /**
   * Returns the state of the module whose {@code @Provides} method makes a binding's objects: the
   * module and its fields, recorded once as a module var; null for a static method or a module
   * without fields, which replay makes with its no-argument constructor as before.
   */
  private static ModuleState moduleState(Method method, Object module) {
    if (module == null || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
      return null;
    }
    List<Field> fields = ModuleState.fieldsOf(module.getClass(), "com.google.inject");
    return fields.isEmpty() ? null : new ModuleState(module, fields);
  }

  private List<Slot> slots(InjectionPoint point, Injector owner) {
    List<Dependency<?>> dependencies = point.getDependencies();
    List<Slot> slots = new ArrayList<>(dependencies.size());
    java.lang.reflect.Member member = point.getMember();
    List<TypeLiteral<?>> types;
    java.lang.reflect.Parameter[] parameters = null;
    if (member instanceof Field field) {
      types = List.of(point.getDeclaringType().getFieldType(field));
    } else {
      types = point.getDeclaringType().getParameterTypes(member);
      parameters = member instanceof Method method ? method.getParameters() : ((Constructor<?>) member).getParameters();
    }
    for (Dependency<?> dependency : dependencies) {
      int index = dependency.getParameterIndex();
      String name = member instanceof Field
          ? member.getName()
          : parameterName(parameters[index], dependency.getKey(), index);
      Type type = types.get(Math.max(index, 0)).getType();
      Key<?> key = dependency.getKey();
      slots.add(slot(owner, dependency, name, type, providedKey(key)));
    }
    return slots;
  }

  private static String parameterName(java.lang.reflect.Parameter parameter, Key<?> key, int index) {
    if (parameter.isNamePresent()) {
      return parameter.getName();
    }
    if (key != null && key.getAnnotation() instanceof com.google.inject.name.Named named) {
      return named.value();
    }
    return "arg" + index;
  }

  /** For a {@code Provider<T>} dependency (Guice, javax or jakarta), the key of T; else null. */
  private static Key<?> providedKey(Key<?> key) {
    Class<?> raw = key.getTypeLiteral().getRawType();
    if (!Guiced.isProviderType(raw) || !(key.getTypeLiteral().getType() instanceof ParameterizedType type)) {
      return null;
    }
    Type provided = type.getActualTypeArguments()[0];
    return Keys.withType(key, provided);
  }

  /**
   * Returns the slot of one element of a multibinder's collection, recorded without a key (Guice's
   * internal qualifier of an element carries a counter), but for an element bound to a key the
   * application binds itself ({@code addBinding().to(Tokenizer.class)}): what fills it is that
   * key's object, recorded under it as when that key is asked for.
   */
  private Slot elementSlot(Injector owner, Key<?> key, Type type) {
    String keyName = null;
    if (owner.getExistingBinding(key) instanceof LinkedKeyBinding<?> linked
        && !isInternalQualifier(linked.getLinkedKey())) {
      Key<?> linkedKey = linked.getLinkedKey();
      Injector bound = Guiced.owner(linked, owner);
      for (; keyName == null && bound != null; bound = bound.getParent()) {
        if (bound.getBindings().containsKey(linkedKey)) {
          keyName = keyName(linkedKey);
        }
      }
    }
    return slot(owner, Dependency.get(key), "element", type, null, keyName);
  }

  private Slot slot(Injector owner, Dependency<?> dependency, String name, Type type, Key<?> providedKey) {
    return slot(owner, dependency, name, type, providedKey, keyName(dependency.getKey()));
  }

  private Slot slot(Injector owner, Dependency<?> dependency, String name, Type type, Key<?> providedKey,
      String keyName) {
    Key<?> key = dependency.getKey();
    // the key's binding is looked up once (a just-in-time binding is looked up under the
    // injector's lock): what fills the parameter, its scope and what it reads back come from it
    Binding<?> direct = resolveExposed(owner.getExistingBinding(key));
    Binding<?> made = resolveLinks(owner, direct);
    Key<?> target = made == null ? key : made.getKey();
    Boolean requestedSingleton = key.equals(target) ? null : Scopes.isSingleton(direct);
    Object readBack = readBack(key, providedKey, keyName, direct, made, requestedSingleton);
    return new Slot(owner, dependency, name, type, providedKey, target, keyName, requestedSingleton, readBack,
        readBack == null, new Object[1], null);
  }

  /**
   * One injected value of a constructor, method or field, with what does not change from one
   * provision to the next worked out once.
   *
   * @param owner the injector that owns the binding the value is injected into (a child injector's
   *     or a private module's, where it is one), which sees the bindings the value comes from
   * @param keyName the name of the key of the parameter, under which what fills it is recorded
   * @param requestedSingleton whether that key is a singleton, or null if that is the scope of
   *     the binding that fills it
   * @param readBack what the parameter reads back as if no provision fills it; see {@link #readBack}
   * @param readsSingleton whether it reads back the singleton of its key from the injector
   * @param singleton that singleton once it has been read (in a child injector's plan, what was
   *     last read, referenced weakly)
   * @param argument for an assisted parameter of an object a factory makes, the provider of the
   *     factory's child injector that returns the argument of the current call; else null
   * @param childOwner in the plan of a child injector's binding, {@code owner}, which is then
   *     null, referenced weakly (see {@link Plan#ofChild})
   */
  private record Slot(Injector owner, Dependency<?> dependency, String name, Type type, Key<?> providedKey, Key<?> target,
      String keyName, Boolean requestedSingleton, Object readBack, boolean readsSingleton, Object[] singleton,
      Object argument, WeakReference<Injector> childOwner) {
    Slot(Injector owner, Dependency<?> dependency, String name, Type type, Key<?> providedKey, Key<?> target,
        String keyName, Boolean requestedSingleton, Object readBack, boolean readsSingleton, Object[] singleton,
        Object argument) {
      this(owner, dependency, name, type, providedKey, target, keyName, requestedSingleton, readBack, readsSingleton,
          singleton, argument, null);
    }

    /**
     * Returns this slot as a child injector's plan keeps it: its injector referenced weakly, and
     * a bound instance, constant or singleton it reads back read from that injector and
     * referenced weakly too (Guice may have injected the injector into it).
     */
    Slot ofChild() {
      boolean fromInjector = readsSingleton || readBack instanceof Bound;
      return new Slot(null, dependency, name, type, providedKey, target, keyName, requestedSingleton,
          fromInjector ? null : readBack, fromInjector, new Object[1], argument, new WeakReference<>(owner));
    }
  }

  /**
   * Returns how a top-level provision of {@code binding} is recorded: under the key it was asked
   * for, and whether that key is a singleton.
   */
  private TopLevel topLevel(Binding<?> binding, Plan plan, boolean singleton, Injector enclosing) {
    Key<?> own = binding.getKey();
    Injector owner = Guiced.owner(binding, injector);
    // the injectors besides the recording's whose bindings may link to it: the binding's own (a
    // private module's, a child's), and that of the binding whose provision made it outside any
    // parameter (Guava's optional of a child's optional binder, whose value Guice made in the
    // parent)
    List<Injector> others = new ArrayList<>(2);
    if (owner != injector) {
      others.add(owner);
    }
    if (enclosing != null && enclosing != injector && enclosing != owner) {
      others.add(enclosing);
    }
    // a multibinding's collection is asked for by its own key, never by the aliases Guice links
    // to it (Set<? extends T>, Collection<Provider<T>>)
    Link link = plan.kind == AiJsonVar.Kind.MULTIBINDING ? new Link(own, true) : topLevelKey(own, owner, others);
    Key<?> top = link.key();
    // an optional binder's value, asked for through Guice's provider of it, is recorded under the
    // value's own key, the one the application knows, not the binder's internal one; its scope
    // is the internal key's (Guice's value key only hands its object on)
    Key<?> optionalValue = optionalValueKeys().get(top);
    for (int i = 0; optionalValue == null && i < others.size() && !top.equals(own); i++) {
      optionalValue = Multibindings.optionalValueKeys(others.get(i).getBindings().values()).get(top);
    }
    // and an element of a multibinder's collection made outside the collection's own provision
    // (a multimap's set) has no key, as every element is written: Guice's internal qualifier of
    // an element carries a counter that changes with module order
    String name = optionalValue != null ? Keys.name(optionalValue)
        : top.getAnnotationType() != null
            && top.getAnnotationType().getName().startsWith("com.google.inject.internal.") ? null
        : Keys.name(top);
    if (top.equals(own)) {
      // most are: the key's scope is the binding's
      return new TopLevel(name, singleton, link.settled());
    }
    Binding<?> requested = injector.getExistingBinding(top);
    for (int i = 0; requested == null && i < others.size(); i++) {
      requested = others.get(i).getExistingBinding(top);
    }
    requested = resolveExposed(requested);
    return new TopLevel(name, requested == null ? singleton : Scopes.isSingleton(requested), link.settled());
  }

  /**
   * How a top-level provision of a binding is recorded.
   *
   * @param keyName the key it is recorded under
   * @param singleton whether that key is a singleton
   * @param settled whether every later top-level provision is recorded so too (false while a
   *     just-in-time link that may be made later could change the key)
   */
  private record TopLevel(String keyName, boolean singleton, boolean settled) {}

  /**
   * What is recorded the same way for every provision of one binding: its plan, whether it is a
   * singleton, and, worked out at its first top-level provision (most bindings of a graph are
   * only ever provisioned as another's parameter) and kept once settled, how a top-level
   * provision is recorded.
   */
  private static final class BindingInfo {
    final Plan plan;
    final boolean singleton;
    // written by whichever thread provisions the binding top-level first; every answer is alike
    private volatile TopLevel topLevel;

    BindingInfo(Plan plan, boolean singleton) {
      this.plan = plan;
      this.singleton = singleton;
    }

    /**
     * Returns how a top-level provision of {@code binding}, this info's binding, is recorded;
     * {@code enclosing} is the binding whose provision made it outside any parameter, or null.
     */
    TopLevel topLevel(Recording recording, Binding<?> binding, Binding<?> enclosing) {
      Injector outer = enclosing == null ? null : Guiced.owner(enclosing, null);
      if (outer != null && outer != recording.injector && outer != Guiced.owner(binding, recording.injector)) {
        // made inside a binding of another injector than its own (a child's, a private
        // module's), whose links are read each time: another provision may come from elsewhere
        return recording.topLevel(binding, plan, singleton, outer);
      }
      TopLevel known = topLevel;
      if (known == null) {
        known = recording.topLevel(binding, plan, singleton, null);
        if (known.settled()) {
          topLevel = known;
        }
      }
      return known;
    }
  }

  private record MemberPlan(String name, boolean field, int size) {}

  /** A plan's receiver referenced weakly: see {@link Plan#ofChild}. */
  private static final class Weakly extends WeakReference<Object> {
    Weakly(Object referent) {
      super(referent);
    }
  }

  /**
   * How a binding's objects are recorded: their kind and the values to collect. A provider
   * binding is a {@code call} of {@code get()} on its provider: the {@code receiver} instance, or
   * else the object of its one slot. A provides binding's {@code receiver} is its module's
   * {@link ModuleState}, or null. A multibinding's {@code collection} has one slot per element.
   * What an assisted-inject factory makes is a {@code product}, with the factory method that
   * made it (null if the factory's key is not known), and is {@code reusable} if the binding
   * serves every call of that method. A null {@code kind} is the plan of a binding of Guice's
   * that hands on the object of the one binding of its slot (an {@code OptionalBinder}'s value
   * under the value's own key): it records nothing itself, and the slot's key is the one that
   * object is recorded under.
   */
  private record Plan(AiJsonVar.Kind kind, Class<?> type, String method, List<Slot> slots, int parameters,
      List<MemberPlan> members, Object receiver, Multibindings.Collection collection,
      AiJsonVar.Factory factory, boolean product, boolean reusable, VarTemplate template, int[] received) {
    Plan(AiJsonVar.Kind kind, Class<?> type, String method, List<Slot> slots, int parameters,
        List<MemberPlan> members, Object receiver, Multibindings.Collection collection,
        AiJsonVar.Factory factory, boolean product, boolean reusable) {
      // a provides var with its module's state as receiver is recorded through an entry
      this(kind, type, method, slots, parameters, members, receiver, collection, factory, product, reusable,
          receiver != null ? null : template(kind, type, method, slots, parameters, members, factory),
          received(kind, slots));
    }

    /**
     * Returns the slots of a constructor or provides plan whose value the code it is passed to
     * may change, to be encoded before that code runs (see {@link #receive}): a bound instance
     * that is a bean or a collection, map, array or record that may change, or an assisted
     * argument.
     */
    private static int[] received(AiJsonVar.Kind kind, List<Slot> slots) {
      if (kind != AiJsonVar.Kind.CONSTRUCTOR && kind != AiJsonVar.Kind.PROVIDES) {
        return NONE_RECEIVED;
      }
      int[] found = new int[slots.size()];
      int count = 0;
      for (int i = 0; i < slots.size(); i++) {
        Slot slot = slots.get(i);
        if (slot.argument != null || slot.readBack instanceof Bound bound && AiJsonRecorder.mayChange(bound)) {
          found[count++] = i;
        }
      }
      return count == 0 ? NONE_RECEIVED : java.util.Arrays.copyOf(found, count);
    }

    private static final int[] NONE_RECEIVED = {};

    Plan(AiJsonVar.Kind kind, Class<?> type, String method, List<Slot> slots, int parameters,
        List<MemberPlan> members, Object receiver, Multibindings.Collection collection) {
      this(kind, type, method, slots, parameters, members, receiver, collection, null, false, true);
    }

    /** Returns the receiver, which a child injector's plan references weakly. */
    @Override
    public Object receiver() {
      return receiver instanceof Weakly weakly ? weakly.get() : receiver;
    }

    /**
     * Returns this plan as it is kept for a binding of a child injector, referencing neither the
     * binding nor its injector, nor anything that may (a user's provider instance, which Guice
     * may have injected with that injector, is referenced weakly), so that keeping it does not
     * keep the child alive.
     */
    Plan ofChild() {
      List<Slot> detached = new ArrayList<>(slots.size());
      for (Slot slot : slots) {
        detached.add(slot.ofChild());
      }
      // a module's state stays: Guice injects nothing into modules, so a module only holds the
      // child if the application gave it the child
      Object weakReceiver = receiver == null || receiver instanceof ModuleState ? receiver : new Weakly(receiver);
      Multibindings.Collection withoutBindings = collection == null ? null
          : new Multibindings.Collection(collection.binder(), collection.types(), collection.mapKeys(), List.of());
      return new Plan(kind, type, method, List.copyOf(detached), parameters, members, weakReceiver, withoutBindings,
          factory, product, reusable, template, received);
    }

    /** Returns the recorder's template of a constructor or provides plan's vars, else null. */
    private static VarTemplate template(AiJsonVar.Kind kind, Class<?> type, String method, List<Slot> slots,
        int parameters, List<MemberPlan> members, AiJsonVar.Factory factory) {
      if (kind != AiJsonVar.Kind.CONSTRUCTOR && kind != AiJsonVar.Kind.PROVIDES) {
        return null;
      }
      List<Arg> args = new ArrayList<>(parameters);
      for (int i = 0; i < parameters; i++) {
        args.add(new Arg(slots.get(i).name, slots.get(i).type, null));
      }
      List<Member> memberArgs = new ArrayList<>(members.size());
      int i = parameters;
      for (MemberPlan member : members) {
        List<Arg> argsOfMember = new ArrayList<>(member.size);
        for (int j = 0; j < member.size; j++, i++) {
          argsOfMember.add(new Arg(slots.get(i).name, slots.get(i).type, null));
        }
        memberArgs.add(new Member(member.name, member.field, argsOfMember));
      }
      return VarTemplate.of(new Entry(kind, type, method, null, false, null, args, memberArgs, null, factory));
    }
  }

  /**
   * The provisions in progress on one thread, innermost last. The bottom frame stands for the
   * caller of {@code getInstance}: it has no slots. Frames are kept for reuse: a provision
   * allocates nothing here but the values its var keeps.
   */
  private static final class Stack {
    private Frame[] frames = {new Frame(), new Frame(), new Frame(), new Frame()};
    private int depth = 1;
    // while a scoped parameter is read back: a provision then would make an object
    boolean readingScoped;

    Frame push(Binding<?> binding) {
      if (depth == frames.length) {
        grow();
      }
      Frame frame = frames[depth++];
      frame.binding = binding;
      return frame;
    }

    void pop() {
      depth--;
    }

    Frame peek() {
      return frames[depth - 1];
    }

    /** Whether no provision is in progress on this thread. */
    boolean atBottom() {
      return depth == 1;
    }

    /**
     * Marks that the recorder reads the application's values on this thread (a bean's getters, a
     * record's accessors, a collection's elements): a provision that code makes (a getter that
     * asks the injector) fills no parameter of a provision in progress, which got its own object.
     * Its parent is this frame, which has no binding and so claims nothing; {@link #lift} removes
     * it.
     */
    Frame barrier() {
      if (depth + 1 >= frames.length) {
        grow();
      }
      // one slot up: the slot above the top may hold a frame just popped whose provision is still
      // being recorded (see recordProvision), which a provision at that depth would reuse
      depth++;
      return push(null);
    }

    /** Removes the frame {@link #barrier} pushed, forgetting what it saw. */
    void lift(Frame barrier) {
      depth -= 2;
      barrier.clear();
      barrier.lastWeakly = null;
    }

    private void grow() {
      int length = frames.length;
      frames = java.util.Arrays.copyOf(frames, length * 2);
      for (int i = length; i < frames.length; i++) {
        frames[i] = new Frame();
      }
    }
  }

  /**
   * One provision in progress on this thread, collecting the objects its parameters got; reused
   * once its provision is recorded.
   */
  private static final class Frame {
    /** What a value not yet filled by a provision holds. */
    static final Object OPEN = new Object();

    Binding<?> binding;
    private BindingInfo info;
    Object[] values;
    // a provides binding's module state as it was before its method ran (see receive), or null
    Object receiver;
    private Key<?> lastKey;
    // the bottom frame lives as long as its thread, so it must not keep what it saw alive;
    // other frames last one provision, and keep their last object strongly
    private WeakReference<Object> lastWeakly;
    private Object last;

    BindingInfo info(Recording recording) {
      if (info == null) {
        info = recording.info(binding);
      }
      return info;
    }

    // an array the recorder handed back, emptied, for the next provision of this frame with as
    // many values: most frames provision the same few bindings over and over
    private Object[] spare;

    /** Returns an empty array of {@code length} values, the spare one if it fits. */
    Object[] newValues(int length) {
      Object[] array = spare;
      if (array != null && array.length == length) {
        spare = null; // a provision while the array is filled, on this frame, makes its own
        return array;
      }
      return new Object[length];
    }

    /** Empties {@code array}, which nothing references any more, and keeps it as the spare. */
    void reuse(Object[] array) {
      java.util.Arrays.fill(array, null);
      spare = array;
    }

    /** Forgets this frame's provision, so that it keeps nothing alive and can be reused. */
    void clear() {
      binding = null;
      info = null;
      values = null;
      receiver = null;
      lastKey = null;
      last = null;
    }

    /**
     * Returns the values array, {@link #OPEN} where no provision filled a parameter, or null if
     * none did; the frame lets go of it.
     */
    Object[] takeValues() {
      Object[] taken = values;
      values = null;
      return taken;
    }

    void finished(Key<?> key, Object product) {
      lastKey = key;
      if (binding != null) {
        last = product;
      } else {
        // only a provider is ever looked for (see record), so only one is referenced
        lastWeakly = product != null && isProvider(product.getClass()) ? new WeakReference<>(product) : null;
      }
    }

    // the bottom frame's last class asked about: a service provisions a few classes over and over
    private Class<?> lastClass;
    private boolean lastClassIsProvider;

    private boolean isProvider(Class<?> type) {
      if (type != lastClass) {
        lastClassIsProvider = PROVIDERS.get(type);
        lastClass = type;
      }
      return lastClassIsProvider;
    }

    /** Whether a class is a provider (Guice's, javax's or jakarta's), the only objects {@link #lastFinished} is asked for. */
    private static final ClassValue<Boolean> PROVIDERS = new ClassValue<>() {
      @Override
      protected Boolean computeValue(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
          for (Class<?> implemented : c.getInterfaces()) {
            if (Guiced.isProviderType(implemented) || computeValue(implemented)) {
              return true;
            }
          }
        }
        return false;
      }
    };

    /** Returns the object of the provision that finished last in this frame if it was for {@code key}. */
    Object lastFinished(Key<?> key) {
      if (!key.equals(lastKey)) {
        return null;
      }
      return binding != null ? last : lastWeakly == null ? null : lastWeakly.get();
    }

    /** Returns the values array, made with every parameter {@link #OPEN} if there is none yet. */
    Object[] openValues(int length) {
      if (values == null) {
        values = newValues(length);
        java.util.Arrays.fill(values, OPEN);
      }
      return values;
    }

    /** Takes {@code product} as the first open parameter bound to {@code key}; returns its index, or -1. */
    int claim(Recording recording, Key<?> key, Object product) {
      List<Slot> slots = info(recording).plan.slots;
      openValues(slots.size());
      for (int i = 0; i < slots.size(); i++) {
        Slot slot = slots.get(i);
        if (values[i] == OPEN && slot.providedKey == null && slot.target.equals(key)) {
          values[i] = product;
          return i;
        }
      }
      return -1;
    }
  }
}
