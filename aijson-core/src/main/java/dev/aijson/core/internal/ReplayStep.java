package dev.aijson.core.internal;

import dev.aijson.core.AiJsonVar;
import java.lang.reflect.Executable;
import java.lang.reflect.Member;
import java.util.List;

/**
 * One var as validation resolved it: the class, constructor or method to use, the decoded
 * arguments and members, and the vars it references, so that a build does no lookup or parsing.
 */
public final class ReplayStep {
  /**
   * A field to set or a method to call after construction.
   *
   * @param member the field or method, already made accessible
   * @param values the field's one value, or the method's arguments
   * @param key the key in {@code members}, for messages
   */
  public record MemberStep(Member member, List<Decoded> values, String key) {}

  /**
   * A var's label for the messages of the checks that make its step, {@code var3 (acme.Scorer)},
   * worked out when a message needs it; the step itself keeps none (one more object per var).
   * The checker keeps one and {@linkplain #of sets} it to each var in turn: only the messages of
   * that var's checks read it, as text.
   */
  static final class Label {
    private AiJsonVar var;
    private String text;

    /** Makes this the label of {@code var}; returns it. */
    Label of(AiJsonVar var) {
      this.var = var;
      this.text = null;
      return this;
    }

    @Override
    public String toString() {
      if (text == null) {
        text = var.label();
      }
      return text;
    }
  }

  public final AiJsonVar var;
  /** The class the var names: the built class, the module class, or the receiver's class. */
  public final Class<?> type;
  /** The class of the var's object, or null where it cannot be known before building. */
  public final Class<?> product;
  /** The constructor or method; null for opaque vars. */
  public final Executable executable;
  // an array, not a list: a list is one more object per var a plan keeps
  private final Decoded[] args;
  public final List<MemberStep> members;
  /** The position of the receiver of a call, or -1. */
  public final int receiver;
  /** For a module var that replay cannot make from its fields, why; else null. */
  private final String unmakeableModule;
  // why replay cannot make a provides step's module, the same for every build of the step: worked
  // out at the first build that asks (the module object itself is still made anew for each build)
  private static final Object UNKNOWN = new Object();
  private volatile Object moduleProblem = UNKNOWN;

  /**
   * What making a module with its no-argument constructor needs, the same for every provides step
   * of its class: worked out once per class (every step of a 100,000-var replay kept a
   * constructor of its own, and the start-up check listed the class's constructors per step).
   */
  private static final class ModuleClass {
    private final Class<?> type;
    private volatile Object unfit = UNKNOWN;
    private volatile java.lang.reflect.Constructor<?> constructor;

    ModuleClass(Class<?> type) {
      this.type = type;
    }

    String unfit() {
      Object known = unfit;
      if (known == UNKNOWN) {
        known = unfitModule(type);
        unfit = known;
      }
      return (String) known;
    }

    java.lang.reflect.Constructor<?> constructor() throws NoSuchMethodException {
      java.lang.reflect.Constructor<?> known = constructor;
      if (known == null) {
        known = type.getDeclaredConstructor();
        known.setAccessible(true);
        constructor = known; // only once it is accessible: a failure is met again by every build
      }
      return known;
    }
  }

  private static final ClassValue<ModuleClass> MODULE_CLASSES = new ClassValue<>() {
    @Override
    protected ModuleClass computeValue(Class<?> type) {
      return new ModuleClass(type);
    }
  };

  /**
   * Makes the step of {@code var}, which keeps {@code args} as it is (no one else may change the
   * array); the plan keeps the positions of what it references.
   */
  ReplayStep(
      AiJsonVar var, Class<?> type, Class<?> product, Executable executable,
      Decoded[] args, List<MemberStep> members, int receiver) {
    this.var = var;
    this.type = type;
    this.product = product;
    this.executable = executable;
    this.args = args; // the checker's own array, made for this step
    this.members = members;
    this.receiver = receiver;
    this.unmakeableModule = null;
  }

  private ReplayStep(ReplayStep step, String unmakeableModule) {
    this.var = step.var;
    this.type = step.type;
    this.product = step.product;
    this.executable = step.executable;
    this.args = step.args;
    this.members = step.members;
    this.receiver = step.receiver;
    this.unmakeableModule = unmakeableModule;
  }

  /** Returns the decoded arguments of the constructor or method (a multibinding's parts), unmodifiable. */
  public List<Decoded> args() {
    return java.util.Collections.unmodifiableList(java.util.Arrays.asList(args));
  }

  /** Returns how many arguments the constructor or method takes (a multibinding's parts). */
  public int argCount() {
    return args.length;
  }

  /** Returns the decoded argument at {@code index}. */
  public Decoded arg(int index) {
    return args[index];
  }

  /** Returns the var's label for messages, {@code var3 (acme.Scorer)}. */
  public String label() {
    return var.label();
  }

  /** Returns this step of a module var, with why replay cannot make the module. */
  ReplayStep withModuleProblem(String problem) {
    return new ReplayStep(this, problem);
  }

  /**
   * Returns why replay cannot make the module whose {@code @Provides} method this var calls, or
   * null if it can (or the method is static, or this is no provides var): the document and the
   * class path show it before anything is built. For a {@code module} var, why it cannot be made
   * from its fields; a provides var whose receiver is a module var leaves that to its module var.
   */
  public String moduleProblem() {
    Object known = moduleProblem;
    if (known == UNKNOWN) {
      known = findModuleProblem();
      moduleProblem = known;
    }
    return (String) known;
  }

  /**
   * Returns the no-argument constructor of this provides step's module class, made accessible:
   * what a build calls to make the module when {@link #moduleProblem()} is null.
   *
   * @return the constructor
   * @throws NoSuchMethodException if the class has none
   * @throws RuntimeException if the constructor cannot be made accessible (its module is not open)
   */
  public java.lang.reflect.Constructor<?> moduleConstructor() throws NoSuchMethodException {
    return MODULE_CLASSES.get(type).constructor();
  }

  private String findModuleProblem() {
    if (var.kind() == AiJsonVar.Kind.MODULE) {
      return unmakeableModule;
    }
    if (var.kind() != AiJsonVar.Kind.PROVIDES || executable == null || receiver >= 0
        || java.lang.reflect.Modifier.isStatic(executable.getModifiers())) {
      return null;
    }
    String unfit = MODULE_CLASSES.get(type).unfit();
    return unfit == null ? null : label() + ": replay cannot instantiate the module class "
        + type.getName() + " to call " + var.methodName() + ": " + unfit + ". Supply the module,"
        + " or the object the method returns, with withInstance(\"" + var.name() + "\", object)."
        + " The var is at " + var.pointer() + ".";
  }

  /** Returns why a module class cannot be made with its no-argument constructor, or null. */
  private static String unfitModule(Class<?> type) {
    String unfit = ModuleFields.unfit(type);
    if (unfit != null) {
      return "it " + unfit;
    }
    for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == 0) {
        // replay calls only what Guice users could call: setAccessible never opens a private one
        return java.lang.reflect.Modifier.isPrivate(constructor.getModifiers())
            ? "its no-argument constructor is private" : null;
      }
    }
    return "it has no no-argument constructor";
  }

  /** Returns whether {@code object} can stand for this var's object. */
  public boolean accepts(Object object) {
    return object == null || product == null || ValueDecoder.box(product).isInstance(object);
  }

}
