package dev.aijson.core.replay;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.Decoded.Where;
import dev.aijson.core.internal.Decoded;
import dev.aijson.core.internal.Positions;
import dev.aijson.core.internal.ReplayPlan;
import dev.aijson.core.internal.ReplayStep.MemberStep;
import dev.aijson.core.internal.ReplayStep;
import dev.aijson.core.internal.ValueDecoder;
import dev.aijson.core.internal.Values;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One build: makes the requested var and the vars it references, each once, dependencies first.
 * The order is found with an explicit stack (a depth-first walk that visits references in
 * increasing var order), so a chain of any length cannot overflow the call stack.
 */
final class ReplaySession implements Decoded.Context {
  private static final byte NEW = 0;
  private static final byte OPEN = 1;
  private static final byte DONE = 2;

  private final ReplayPlan plan;
  private final Map<String, Object> instances;
  private final Map<String, Object> moduleInstances;
  private final ReplayHooks hooks;
  // by position, holding only the vars this build touches: a build of one var of a large
  // document must cost what that var needs, not the size of the document
  private final Touched touched = new Touched();
  // the module objects this session made, by class; made when a build first needs a module
  private Map<Class<?>, Object> modules;
  // the kwargs a factory call gives its product anew, by name; they stand for the root's
  private final Map<String, Object> rootArguments;
  private int root = -1;

  ReplaySession(
      ReplayPlan plan, Map<String, Object> instances, Map<String, Object> moduleInstances,
      ReplayHooks hooks) {
    this(plan, instances, moduleInstances, hooks, Map.of());
  }

  /**
   * Creates a session whose root var is built with {@code rootArguments} in place of the kwargs
   * of the same names: what a replayed factory's product gets from the factory method's call.
   */
  ReplaySession(
      ReplayPlan plan, Map<String, Object> instances, Map<String, Object> moduleInstances,
      ReplayHooks hooks, Map<String, Object> rootArguments) {
    this.plan = plan;
    this.instances = instances;
    this.moduleInstances = moduleInstances;
    this.hooks = hooks;
    this.rootArguments = rootArguments;
  }

  private byte state(int position) {
    return touched.state(position);
  }

  /** Returns the object of the var at {@code root}, building what it needs. */
  Object build(int root) {
    this.root = root;
    Positions stack = new Positions();
    stack.push(root);
    while (!stack.isEmpty()) {
      int position = stack.peek();
      byte state = state(position);
      if (state == DONE) {
        stack.pop();
      } else if (state == NEW) {
        touched.state(position, OPEN);
        if (supplied(position, position == root)) {
          stack.pop(); // done: supplied leaves it built
        } else {
          pushReferences(stack, position);
        }
      } else {
        stack.pop();
        finish(position, make(plan.step(position)));
      }
    }
    return touched.object(root);
  }

  /**
   * The state and object of each var a build touched, by position: an open-addressing table
   * that boxes nothing and grows with the vars touched, not with the document.
   */
  private static final class Touched {
    // position + 1 in each used slot, 0 in a free one
    private int[] keys = new int[16];
    private byte[] states = new byte[16];
    private Object[] objects = new Object[16];
    private int size;

    byte state(int position) {
      int slot = find(position);
      return keys[slot] == 0 ? NEW : states[slot];
    }

    Object object(int position) {
      int slot = find(position);
      return keys[slot] == 0 ? null : objects[slot];
    }

    void state(int position, byte state) {
      int slot = claim(position); // first: claiming may grow the arrays
      states[slot] = state;
    }

    /** Notes that the var at {@code position} is built, as {@code object}. */
    void done(int position, Object object) {
      int slot = claim(position);
      states[slot] = DONE;
      objects[slot] = object;
    }

    /** Returns the slot of {@code position}, or the free slot where it would go. */
    private int find(int position) {
      int mask = keys.length - 1;
      int hash = position * 0x9E3779B9;
      for (int slot = (hash ^ hash >>> 16) & mask; ; slot = (slot + 1) & mask) {
        if (keys[slot] == 0 || keys[slot] == position + 1) {
          return slot;
        }
      }
    }

    private int claim(int position) {
      int slot = find(position);
      if (keys[slot] != 0) {
        return slot;
      }
      if ((size + 1) * 2 > keys.length) { // at most half full, so that probes stay short
        grow();
        slot = find(position);
      }
      keys[slot] = position + 1;
      size++;
      return slot;
    }

    private void grow() {
      int[] oldKeys = keys;
      byte[] oldStates = states;
      Object[] oldObjects = objects;
      keys = new int[oldKeys.length * 2];
      states = new byte[keys.length];
      objects = new Object[keys.length];
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          int slot = find(oldKeys[i] - 1);
          keys[slot] = oldKeys[i];
          states[slot] = oldStates[i];
          objects[slot] = oldObjects[i];
        }
      }
    }
  }

  private void pushReferences(Positions stack, int position) {
    if (!rootArguments.isEmpty() && position == root) {
      pushKeptReferences(stack, plan.step(position));
      return;
    }
    // pushed in reverse so that the lowest var is built first, as it was recorded
    for (int i = plan.refCount(position) - 1; i >= 0; i--) {
      int referenced = plan.ref(position, i);
      if (state(referenced) == NEW) {
        stack.push(referenced);
      }
    }
  }

  /** Pushes what the root references outside the kwargs the factory call gives anew. */
  private void pushKeptReferences(Positions stack, ReplayStep step) {
    TreeSet<Integer> kept = new TreeSet<>();
    Predicate<AiJsonRef> collect = ref -> {
      kept.add(plan.document.position(ref.var()));
      return true;
    };
    step.var.kwargs().forEach((name, value) -> {
      if (!rootArguments.containsKey(name)) {
        Values.allRefs(value, collect);
      }
    });
    Values.allRefs(step.var.members(), collect);
    for (int position : kept.descendingSet()) {
      if (state(position) == NEW) {
        stack.push(position);
      }
    }
  }

  /**
   * Takes the object from withInstance or, for a referenced var, from the reference hook, and
   * notes the var built; returns false if the build must make it.
   */
  private boolean supplied(int position, boolean root) {
    AiJsonVar var = plan.step(position).var;
    if (!instances.isEmpty() && instances.containsKey(var.name())) {
      finish(position, instances.get(var.name()));
      return true;
    }
    if (root) {
      return false;
    }
    Object object = hooks.reference(var, position);
    if (object == ReplayHooks.BUILD) {
      return false;
    }
    ReplayStep step = plan.step(position);
    if (!step.accepts(object)) {
      throw new AiJsonException(var.pointer(), step.label() + ": the reference hook supplied "
          + ValueDecoder.article(object.getClass().getName()) + ", which is not "
          + ValueDecoder.article(step.product.getName()) + ". Return "
          + ValueDecoder.article(step.product.getName()) + " or ReplayHooks.BUILD.");
    }
    touched.done(position, object);
    return true;
  }

  private void finish(int position, Object object) {
    touched.done(position, object);
    hooks.built(plan.step(position).var, object);
  }

  @Override
  public Object object(int position) {
    if (state(position) != DONE) {
      throw new IllegalStateException("var at " + position + " is used before it is built");
    }
    return touched.object(position);
  }

  @Override
  public Object provider(String key, Type providerType, Where where) {
    try {
      return hooks.provider(key, providerType);
    } catch (AiJsonException e) {
      if (!e.path().isEmpty()) {
        throw e;
      }
      throw new AiJsonException(where.pointer(), where.subject() + " at " + where.pointer()
          + " is a provider of \"" + key + "\": " + e.getMessage(), e);
    }
  }

  private Object make(ReplayStep step) {
    return switch (step.var.kind()) {
      case OPAQUE -> opaque(step);
      case CONSTRUCTOR -> construct(step);
      case PROVIDES -> invoke(step, module(step), "the @Provides method");
      case CALL -> invoke(step, touched.object(step.receiver), "the call");
      case MULTIBINDING -> collection(step);
      case UNOBSERVED -> throw new IllegalStateException("refused by the plan: " + step.var);
      case FACTORY -> ReplayFactories.proxy(plan, instances, moduleInstances, hooks, step);
      case MODULE -> module(step.moduleProblem(), step);
    };
  }

  /** Makes a module var's module from its recorded fields, as the plan found it can be made. */
  private Object module(String unmakeable, ReplayStep step) {
    if (unmakeable != null) {
      throw new AiJsonException(step.var.pointer(), unmakeable);
    }
    return construct(step);
  }

  /** Builds a multibinding's collection, in the recorded order, as Guice's binders do. */
  private Object collection(ReplayStep step) {
    Object[] args = arguments(step);
    return switch (step.var.caller()) {
      case "Multibinder" -> Collections.unmodifiableSet(new LinkedHashSet<>((List<?>) args[0]));
      case "MapBinder" -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        List<?> keys = (List<?>) args[0];
        List<?> values = (List<?>) args[1];
        boolean multimap = AiJsonTypes.isMultimapKey(step.var.key(), step.var.signature().get(0),
            step.var.signature().get(1));
        for (int i = 0; i < keys.size(); i++) {
          if (multimap) {
            // Map<K, Set<V>>: each key once, with the values bound to it, in order
            @SuppressWarnings("unchecked")
            Set<Object> set = (Set<Object>) map.computeIfAbsent(keys.get(i), k -> new LinkedHashSet<>());
            set.add(values.get(i));
          } else {
            map.put(keys.get(i), values.get(i));
          }
        }
        if (multimap) {
          map.replaceAll((k, set) -> Collections.unmodifiableSet((Set<?>) set));
        }
        yield Collections.unmodifiableMap(map);
      }
      default -> Optional.ofNullable(args[0]);
    };
  }

  private Object opaque(ReplayStep step) {
    Object object = hooks.opaque(step.var);
    if (object == ReplayHooks.BUILD) {
      throw new AiJsonException(step.var.pointer(), step.label() + " is opaque: it was bound as an"
          + " instance that replay cannot rebuild, and none was supplied. Supply it with"
          + " withInstance(\"" + step.var.name() + "\", instance), where instance is "
          + ValueDecoder.article(step.type.getName()) + ".");
    }
    if (!step.accepts(object)) {
      throw new AiJsonException(step.var.pointer(), step.label() + " is opaque, and the object"
          + " supplied for it is " + ValueDecoder.article(object.getClass().getName()) + ", which is"
          + " not " + ValueDecoder.article(step.type.getName()) + ". Supply "
          + ValueDecoder.article(step.type.getName()) + ".");
    }
    return object;
  }

  private Object construct(ReplayStep step) {
    Object[] args = !rootArguments.isEmpty() && plan.step(root) == step
        ? rootArguments(step) : arguments(step);
    Object object;
    try {
      object = ((Constructor<?>) step.executable).newInstance(args);
    } catch (InvocationTargetException e) {
      throw failure(step, "the constructor of " + step.type.getName(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw failure(step, "the constructor of " + step.type.getName(), e);
    }
    for (MemberStep member : step.members) {
      inject(step, object, member);
    }
    return object;
  }

  private void inject(ReplayStep step, Object object, MemberStep member) {
    Object[] values = member.values().stream().map(value -> value.make(this)).toArray();
    try {
      if (member.member() instanceof Field field) {
        field.set(object, values[0]);
      } else {
        ((Method) member.member()).invoke(object, values);
      }
    } catch (InvocationTargetException e) {
      throw failure(step, injecting(step, member), e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
      throw failure(step, injecting(step, member), e);
    }
  }

  /** Names the injection of {@code member}, for a failure: made only when one happens. */
  private static String injecting(ReplayStep step, MemberStep member) {
    return "injecting member \"" + member.key() + "\" of " + step.type.getName();
  }

  private Object invoke(ReplayStep step, Object receiver, String what) {
    Method method = (Method) step.executable;
    Object[] args = arguments(step);
    try {
      return method.invoke(receiver, args);
    } catch (InvocationTargetException e) {
      throw failure(step, what + " " + step.type.getName() + "#" + method.getName(), e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException | NullPointerException
        | LinkageError e) {
      throw failure(step, what + " " + step.type.getName() + "#" + method.getName(), e);
    }
  }

  private Object module(ReplayStep step) {
    if (Modifier.isStatic(step.executable.getModifiers())) {
      return null;
    }
    Object supplied = moduleInstances.isEmpty() ? null : moduleInstances.get(step.var.name());
    if (supplied != null) {
      return supplied;
    }
    if (step.receiver >= 0) {
      return touched.object(step.receiver); // its module var, built first as every reference is
    }
    if (modules == null) {
      modules = new HashMap<>(4);
    }
    Object module = modules.get(step.type);
    if (module == null) {
      module = instantiate(step);
      modules.put(step.type, module);
    }
    return module;
  }

  private Object instantiate(ReplayStep step) {
    Class<?> type = step.type;
    String unfit = step.moduleProblem();
    if (unfit != null) {
      throw new AiJsonException(step.var.pointer(), unfit);
    }
    try {
      return step.moduleConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw failure(step, "the constructor of module " + type.getName(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw failure(step, "the constructor of module " + type.getName(), e);
    }
  }

  /** Returns the root's arguments: those the factory call gives, and the others decoded. */
  private Object[] rootArguments(ReplayStep step) {
    Object[] values = new Object[step.argCount()];
    int i = 0;
    for (String name : step.var.kwargs().keySet()) {
      values[i] = rootArguments.containsKey(name) ? rootArguments.get(name) : step.arg(i).make(this);
      i++;
    }
    return values;
  }

  /** Makes the arguments of a step's constructor or method. */
  private Object[] arguments(ReplayStep step) {
    Object[] values = new Object[step.argCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = step.arg(i).make(this);
    }
    return values;
  }

  private static AiJsonException failure(ReplayStep step, String what, Throwable cause) {
    if (cause instanceof VirtualMachineError error) {
      throw error;
    }
    return new AiJsonException(step.var.pointer(), step.label() + ": " + what + " threw " + cause
        + ". Fix the arguments at " + step.var.pointer() + " or the code they are passed to; the"
        + " cause is attached.", cause);
  }
}
