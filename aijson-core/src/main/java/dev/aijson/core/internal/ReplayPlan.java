package dev.aijson.core.internal;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.Decoded.Where;
import dev.aijson.core.internal.ReplayStep.MemberStep;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The validated form of a document: checks every var (class loads, constructor or method
 * matches its signature, the security policy allows it, every value decodes to its declared
 * type, every reference fits) and keeps what it resolved as {@link ReplayStep}s. Validation loads
 * classes without initialising them and constructs nothing.
 */
public final class ReplayPlan {
  public final AiJsonDocument document;
  /**
   * The document as it was recorded, before overrides: a replayed factory finds the var it
   * recorded for a call by the arguments recorded, not by what an override changed them to.
   */
  public final AiJsonDocument recorded;
  public final ClassLoader loader;
  public final List<String> allowedPackages;
  private final List<ReplayStep> steps;
  /** By factory key and factory method, the positions of the vars that factory method made. */
  private final Map<String, Map<Method, List<Integer>>> factoryProducts;
  /** The class each var names, by binary name: what the check loaded. */
  private final Map<String, Class<?>> classes;
  // the positions each var references, distinct and in order: var i's are refTargets from
  // refOffsets[i] to refOffsets[i + 1]. Two arrays for the whole plan, read by the walks over
  // what a var needs without reading its step (at 100,000 vars, a cache miss for each)
  private final int[] refOffsets;
  private final int[] refTargets;

  private ReplayPlan(
      AiJsonDocument document, AiJsonDocument recorded, ClassLoader loader,
      List<String> allowedPackages, List<ReplayStep> steps,
      Map<String, Map<Method, List<Integer>>> factoryProducts, Map<String, Class<?>> classes,
      int[] refOffsets, int[] refTargets) {
    this.document = document;
    this.recorded = recorded;
    this.loader = loader;
    this.allowedPackages = List.copyOf(allowedPackages);
    this.steps = Collections.unmodifiableList(steps);
    this.factoryProducts = factoryProducts;
    this.classes = classes;
    this.refOffsets = refOffsets;
    this.refTargets = refTargets;
  }

  /**
   * Returns the plan of {@code document}.
   *
   * @throws AiJsonException listing every problem, if there is any
   */
  public static ReplayPlan of(AiJsonDocument document, ClassLoader loader, List<String> allowedPackages) {
    return of(document, document, loader, allowedPackages);
  }

  /**
   * Returns the plan of {@code document}, an overridden copy of {@code recorded} (the same vars,
   * with other values).
   *
   * @throws AiJsonException listing every problem, if there is any
   */
  public static ReplayPlan of(
      AiJsonDocument document, AiJsonDocument recorded, ClassLoader loader, List<String> allowedPackages) {
    Checker checker = new Checker(document, loader, new ReplaySecurity(allowedPackages),
        new ReplaySecurity(withPackagesOf(document, allowedPackages)));
    for (AiJsonVar var : document.vars()) {
      checker.add(var);
    }
    checker.checkFactories();
    checker.throwProblems();
    return new ReplayPlan(document, recorded, loader, allowedPackages, checker.steps,
        checker.factoryProducts(), checker.loadedClasses(), checker.refOffsets,
        Arrays.copyOf(checker.refTargets, checker.refOffsets[checker.steps.size()]));
  }

  /**
   * Returns whether every problem of {@code e}, which {@link #of} threw, is a refusal of the
   * security policy that allowing the packages the document names would lift: the document is
   * otherwise sound, so that a caller may report the refusal later instead of now. Worked out
   * while the document was checked, by asking the policy with those packages too at each
   * refusal; the document is not checked again.
   */
  public static boolean refusedOnlyByPolicy(AiJsonException e) {
    return POLICY_ONLY.contains(e);
  }

  // the exceptions of of() whose problems are all refusals the document's own packages lift
  private static final Set<AiJsonException> POLICY_ONLY =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private static List<String> withPackagesOf(AiJsonDocument document, List<String> allowed) {
    Set<String> packages = new LinkedHashSet<>(allowed);
    packages.addAll(packagesNamedIn(document));
    return List.copyOf(packages);
  }

  /**
   * Returns the packages {@code document} names, without loading a class: each var's {@code
   * module}, and the packages of the classes a {@code multibinding} var's signature names (its
   * elements' types, which the document states). Allowing them all lifts every refusal of the
   * security policy; a caller asks that only to tell a refusal from other problems.
   */
  public static List<String> packagesNamedIn(AiJsonDocument document) {
    Set<String> packages = new LinkedHashSet<>();
    for (AiJsonVar var : document.vars()) {
      packages.add(var.module());
      if (var.kind() == AiJsonVar.Kind.MULTIBINDING) {
        for (String type : var.signature()) {
          for (String name : TYPE_NAME_SEPARATORS.split(type)) {
            int end = name.indexOf('$') < 0 ? name.length() : name.indexOf('$');
            int dot = name.lastIndexOf('.', end);
            if (dot > 0) {
              packages.add(name.substring(0, dot));
            }
          }
        }
      }
    }
    return List.copyOf(packages);
  }

  // what separates the class names in a type name: java.util.Map<a.B, ? extends c.D[]>
  private static final java.util.regex.Pattern TYPE_NAME_SEPARATORS =
      java.util.regex.Pattern.compile("[\\s<>,?\\[\\]&]+");

  /**
   * Returns the positions, in document order, of the vars that {@code method} of the factory
   * bound to {@code key} made; empty if the recording never saw it called.
   */
  public List<Integer> factoryProducts(String key, Method method) {
    return factoryProducts.getOrDefault(key, Map.of()).getOrDefault(method, List.of());
  }

  /** Returns the number of steps: one per var of the document. */
  public int size() {
    return steps.size();
  }

  public ReplayStep step(int position) {
    return steps.get(position);
  }

  /**
   * Returns how many distinct vars the var at {@code position} references (its receiver, kwargs
   * and members).
   */
  public int refCount(int position) {
    Objects.checkIndex(position, refOffsets.length - 1);
    return refOffsets[position + 1] - refOffsets[position];
  }

  /** Returns the position of the {@code i}-th var the var at {@code position} references, in increasing order. */
  public int ref(int position, int i) {
    int from = refOffsets[Objects.checkIndex(position, refOffsets.length - 1)];
    return refTargets[from + Objects.checkIndex(i, refOffsets[position + 1] - from)];
  }

  /**
   * Returns the class each var names (built class, module or receiver class), by binary name:
   * the classes the check loaded, kept from it, so that the environment's check, made for every
   * injector of a replay module, does not walk the plan's steps again (at 100,000 vars, 3% of
   * making a replayed injector).
   */
  public Map<String, Class<?>> classes() {
    return classes;
  }

  /**
   * Returns the position of the named var; throws naming {@code call} (as the user wrote it), what
   * exists and the fix if there is none.
   */
  public int position(String var, String call) {
    int position = document.position(var);
    if (position < 0) {
      throw Documents.noSuchVar(document, call, var);
    }
    return position;
  }

  /** The parameters of a constructor or method, which reflection copies at every call. */
  private record Parameters(Type[] types, java.lang.reflect.Parameter[] parameters) {}

  /** What the policy is asked about a var: what replay would do ("new", "call"...), and to what. */
  private record Question(String what, Object subject, Object detail) {}

  /** A refusal of the policy, and whether allowing the document's own packages lifts it. */
  private record Refusal(String message, boolean lifted) {}

  /**
   * What checking the constructor or method of a var found, the same for the next var that
   * replay would use alike ({@code what}: "new", "provides" or "call"; with or without a factory)
   * with that class, caller and signature: the executable (null if there is none), the policy's
   * refusal and why it could not be opened (null if none), and its parameters.
   */
  private record Lookup(String what, Class<?> type, String caller, boolean byFactory,
      Executable executable, Refusal refusal, String openFailure, Parameters parameters) {
    boolean isFor(String what, Class<?> type, AiJsonVar var, boolean byFactory) {
      return this.what.equals(what) && this.type == type && this.byFactory == byFactory
          && caller.equals(var.caller());
    }
  }

  /** The copy of a constructor, method or field that steps use, and why it could not be opened (null if it was). */
  private record Opened(AccessibleObject object, String failure) {}

  /** Checks vars in document order, so that every reference's target is already resolved. */
  private static final class Checker {
    private static final Decoded[] NO_ARGS = {};
    private static final int MAX_USES_SHOWN = 8;
    private final AiJsonDocument document;
    private final ClassLoader loader;
    private final ReplaySecurity security;
    // the same policy with the packages the document names allowed: asked only at a refusal
    private final ReplaySecurity lenient;
    // how many of the problems are refusals that the lenient policy would not make
    private int lifted;
    private final ProblemList problems = new ProblemList();
    private final List<ReplayStep> steps;
    private final Map<String, Object> classes = new HashMap<>();
    // by caller: the module it was last seen with, and what loading the class gave
    private final Map<String, Object[]> byCaller = new HashMap<>();
    // Many vars name the same constructor or method: it is looked up, checked against the
    // security policy and opened once. Values are Optional because a lookup may find nothing.
    private final Map<List<Object>, Optional<Executable>> executables = new HashMap<>();
    private final Map<Question, Optional<Refusal>> refusals = new HashMap<>();
    // by equality, the one copy of each constructor, method or field that the steps use, opened:
    // reflection hands out a new copy at each look-up (a module's constructor and fields are
    // looked up for each of its vars), and setAccessible opens only the copy it is called on
    private final Map<AccessibleObject, Opened> opened = new HashMap<>();
    private final Map<Executable, Parameters> parameters = new HashMap<>();
    // the last lookup of each signature, by the identity of its list: a parsed document shares
    // one list among the vars that write the same signature, so that a var repeating the class,
    // caller and signature of one before costs a few comparisons (no hashing of keys, lists and
    // reflection objects); any other var looks its executable up as above
    private final Map<List<String>, Lookup> lookups = new IdentityHashMap<>();
    // the positions one var references, before they are sorted and made distinct
    private int[] refBuffer = new int[16];
    private int refCount;
    // the positions each var references, as the plan keeps them (see ReplayPlan#refOffsets)
    private final int[] refOffsets;
    private int[] refTargets;
    private final ValueDecoder decoder;
    // the label of the var being checked, set to each var in turn
    private final ReplayStep.Label label = new ReplayStep.Label();
    // by position, what each var referenced so far builds
    private ValueDecoder.Target[] targets;
    private Map<String, List<String>> unobservedUses;
    private final Map<String, List<AiJsonVar>> factoriesByKey = new LinkedHashMap<>();
    private final Map<String, Map<Method, List<Integer>>> productsByKey = new HashMap<>();
    private final Map<String, List<Constructor<?>>> productConstructors = new HashMap<>();

    Checker(AiJsonDocument document, ClassLoader loader, ReplaySecurity security,
        ReplaySecurity lenient) {
      this.document = document;
      this.loader = loader;
      this.security = security;
      this.lenient = lenient;
      this.decoder = new ValueDecoder(problems, this::target, loader, this::refuseBean);
      int vars = document.vars().size();
      this.steps = new ArrayList<>(vars);
      this.refOffsets = new int[vars + 1];
      // most vars reference one to three others
      this.refTargets = new int[Math.min(2 * vars + 16, 1 << 20)];
    }

    /** The policy's answer for a bean; the decoder reports a refusal as one problem. */
    private String refuseBean(Class<?> type) {
      Refusal refusal = ask(policy -> policy.refuseBean(type));
      return refusal == null ? null : counted(refusal);
    }

    /**
     * Asks {@code question} of the policy and, if it refuses, of the policy with the document's
     * own packages allowed too, so that one check tells a refusal those packages lift from any
     * other problem.
     */
    private Refusal ask(Function<ReplaySecurity, String> question) {
      String refused = question.apply(security);
      return refused == null ? null : new Refusal(refused, question.apply(lenient) == null);
    }

    /**
     * Adds {@code refusal} of the class or method {@code var} names as its problem, at its
     * caller, whose pointer the message names too.
     */
    private void refused(AiJsonVar var, Object label, Refusal refusal) {
      problem(var, "/caller", label + ": " + counted(refusal) + "; the document names it at "
          + var.pointer() + "/caller.");
    }

    /** Returns the message of {@code refusal}, which the caller reports as one problem. */
    private String counted(Refusal refusal) {
      if (refusal.lifted()) {
        lifted++;
      }
      return refusal.message();
    }

    void add(AiJsonVar var) {
      int position = steps.size();
      steps.add(check(var, label.of(var)));
      keepRefs(position, var);
    }

    /** Keeps the distinct positions the var at {@code position}, the last one checked, references. */
    private void keepRefs(int position, AiJsonVar var) {
      int count = refs(var);
      int from = refOffsets[position];
      if (refTargets.length - from < count) {
        refTargets = Arrays.copyOf(refTargets, Math.max(from + count, from + (from >> 1) + 16));
      }
      System.arraycopy(refBuffer, 0, refTargets, from, count);
      refOffsets[position + 1] = from + count;
    }

    /**
     * Returns, by binary name, the classes the vars name: each step's class is the class
     * {@link #load} loaded for its var, and a class that did not load is a problem, so once the
     * check has passed these are the steps' classes.
     */
    Map<String, Class<?>> loadedClasses() {
      Map<String, Class<?>> loaded = new HashMap<>();
      classes.forEach((name, type) -> {
        if (type instanceof Class<?> loadedType) {
          loaded.put(name, loadedType);
        }
      });
      return Collections.unmodifiableMap(loaded);
    }

    void throwProblems() {
      if (problems.isEmpty()) {
        return;
      }
      AiJsonException e = problems.toException();
      if (lifted == problems.count()) {
        POLICY_ONLY.add(e);
      }
      throw e;
    }

    private ReplayStep check(AiJsonVar var, ReplayStep.Label label) {
      if (var.kind() == AiJsonVar.Kind.MULTIBINDING) {
        return multibinding(var, label); // Guice's binder, whose class replay never loads
      }
      Class<?> type = load(var, label);
      if (type == null) {
        return partial(var, label, null, null);
      }
      try {
        return switch (var.kind()) {
          case OPAQUE -> partial(var, label, type, type);
          case CONSTRUCTOR -> constructor(var, label, type);
          case PROVIDES -> provides(var, label, type);
          case CALL -> call(var, label, type);
          case FACTORY -> factory(var, label, type);
          case MULTIBINDING -> throw new IllegalStateException("checked before its class loads");
          case UNOBSERVED -> unobserved(var, label, type);
          case MODULE -> module(var, label, type);
        };
      } catch (RuntimeException | LinkageError e) {
        // reflection on a class whose own dependencies are missing or malformed
        problem(var, "/caller", label + ": class " + type.getName() + " cannot be inspected ("
            + e + "). Put the classes it depends on on the classpath, or fix \"module\" and"
            + " \"caller\" at " + var.pointer() + ".");
        return partial(var, label, type, null);
      }
    }

    private Class<?> load(AiJsonVar var, ReplayStep.Label label) {
      // vars repeat their module and caller strings: the class name is not made again for each
      Object[] known = byCaller.get(var.caller());
      Object loaded;
      if (known != null && known[0].equals(var.module())) {
        loaded = known[1];
      } else {
        String name = var.className();
        loaded = classes.get(name);
        if (loaded == null) {
          loaded = loadClass(name);
          classes.put(name, loaded);
        }
        byCaller.put(var.caller(), new Object[] {var.module(), loaded});
      }
      if (loaded instanceof Class<?> type) {
        return type;
      }
      if (loaded instanceof Missing missing) {
        problem(var, "/caller", label + ": class " + var.className() + " cannot be loaded: it needs "
            + missing.name() + ", which cannot be found (NoClassDefFoundError). Put the jar that holds "
            + missing.name() + " on the classpath, or pass a class loader that sees it with"
            + " withClassLoader(...), or fix \"module\" and \"caller\" at " + var.pointer() + ".");
        return null;
      }
      problem(var, "/caller", label + ": class " + var.className() + " cannot be loaded (" + loaded + ")."
          + " Put the jar that holds it on the classpath, pass its class loader with"
          + " withClassLoader(...), or fix \"module\" and \"caller\" at " + var.pointer() + ".");
      return null;
    }

    /** A class found whose loading failed for want of another class, named here. */
    private record Missing(String name) {}

    private Object loadClass(String name) {
      try {
        return Class.forName(name, false, loader);
      } catch (NoClassDefFoundError e) {
        // the class was found, but not a class it needs (its superclass, say): name that one
        String missing = e.getMessage() == null ? null : e.getMessage().replace('/', '.');
        return missing == null || missing.equals(name) ? e.getClass().getSimpleName() : new Missing(missing);
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        return e.getClass().getSimpleName();
      }
    }

    private ReplayStep constructor(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      String unfit = unconstructible(type);
      if (unfit != null) {
        problem(var, "/caller", label + ": " + type.getName() + " " + unfit + ", so replay cannot"
            + " construct it. Record the concrete class that was built, and fix \"caller\" at "
            + var.pointer() + "/caller.");
        return partial(var, label, type, type);
      }
      boolean byFactory = var.factory() != null;
      Lookup lookup = lookups.get(var.signature());
      if (lookup == null || !lookup.isFor("new", type, var, byFactory)) {
        Constructor<?> found = (Constructor<?>) executables
            .computeIfAbsent(List.of(type, var.signature()),
                k -> Optional.ofNullable(ReplayLookup.constructor(type, var.signature())))
            .orElse(null);
        lookup = lookup("new", type, var, byFactory, found, found == null ? null
            : refusal(new Question("new", found, byFactory), policy -> policy.refuseConstructor(found, byFactory)));
      }
      Constructor<?> constructor = (Constructor<?>) lookup.executable();
      if (constructor == null) {
        problem(var, "/signature", label + ": no constructor of " + type.getName() + " has the"
            + " signature " + signature(var) + "; it has " + ReplayLookup.describeConstructors(type)
            + ". Fix the signature at " + var.pointer() + "/signature, or replay with the version"
            + " of the class that was recorded.");
        return partial(var, label, type, type);
      }
      if (!allowed(var, label, lookup)) {
        return partial(var, label, type, type);
      }
      Decoded[] args = arguments(var, label, constructor, lookup.parameters(), "the constructor");
      List<MemberStep> members = members(var, label, type);
      if (byFactory) {
        // what lets replay implement the factory, whether or not the rest of the var is right
        productConstructors.computeIfAbsent(var.factory().key(), k -> new ArrayList<>()).add(constructor);
      }
      if (byFactory && args.length == constructor.getParameterCount()) {
        factoryMethod(var, label, type, constructor);
      }
      return step(var, label, type, type, constructor, args, members);
    }

    /**
     * Checks a factory var: its class is an interface, the one its key names, so that replay can
     * implement it. Whether the security policy lets replay do so is checked once every var is
     * known, by {@link #checkFactories}.
     */
    private ReplayStep factory(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      if (!type.isInterface() || type.isAnnotation()) {
        problem(var, "/caller", label + ": " + type.getName() + " is not an interface, so it is"
            + " not an assisted-inject factory, which replay implements. Record the factory's"
            + " interface, or fix \"module\" and \"caller\" at " + var.pointer() + ".");
        return partial(var, label, type, null);
      }
      Class<?> keyed = keyType(var, var.key(), "/key", label);
      if (keyed != null && keyed != type) {
        problem(var, "/key", label + ": key \"" + var.key() + "\" binds " + keyed.getName()
            + ", but the factory is " + type.getName() + ". Fix the key at " + var.pointer()
            + "/key.");
      }
      factoriesByKey.computeIfAbsent(var.key(), k -> new ArrayList<>()).add(var);
      return partial(var, label, type, type);
    }

    /**
     * Checks what the {@code factory} field of {@code var} says against the classes: the
     * factory's key names an interface, which has the named method with the assisted kwargs'
     * types as parameters and a return type the built class fits, and the kwargs listed as
     * assisted are exactly the constructor's {@code @Assisted} parameters, with the same
     * {@code @Assisted} values as the method's parameters, in the method's order.
     */
    private void factoryMethod(AiJsonVar var, ReplayStep.Label label, Class<?> type, Constructor<?> constructor) {
      AiJsonVar.Factory factory = var.factory();
      Class<?> interfaceType = keyType(var, factory.key(), "/factory/key", label);
      if (interfaceType == null) {
        return;
      }
      if (!interfaceType.isInterface() || interfaceType.isAnnotation()) {
        problem(var, "/factory/key", label + ": factory.key \"" + factory.key() + "\" names "
            + interfaceType.getName() + ", which is not an interface, so not an assisted-inject"
            + " factory. Fix factory.key at " + var.pointer() + "/factory/key.");
        return;
      }
      List<String> names = new ArrayList<>(var.kwargs().keySet());
      List<String> parameterTypes = new ArrayList<>();
      int[] positions = new int[factory.assisted().size()];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = names.indexOf(factory.assisted().get(i));
        parameterTypes.add(var.signature().get(positions[i]));
      }
      Method method = factoryMethod(interfaceType, factory.method(), parameterTypes);
      if (method == null) {
        problem(var, "/factory/method", label + ": the factory " + interfaceType.getName()
            + " has no abstract method " + factory.method() + "(" + String.join(", ", parameterTypes)
            + "), the types of the assisted kwargs " + factory.assisted() + "; it has "
            + describeFactoryMethods(interfaceType) + ". Fix factory.method or factory.assisted at "
            + var.pointer() + "/factory, or replay with the version of the factory that was"
            + " recorded.");
        return;
      }
      if (!method.getReturnType().isAssignableFrom(type)) {
        problem(var, "/factory/method", label + ": the factory method " + interfaceType.getName()
            + "#" + method.getName() + " returns " + method.getReturnType().getName() + ", which "
            + type.getName() + " is not, so the factory cannot have made it. Fix factory.method at "
            + var.pointer() + "/factory/method, or the caller.");
        return;
      }
      Annotation[][] annotations = constructor.getParameterAnnotations();
      if (annotations.length != names.size()) {
        return; // an inner class's constructor: its outer instance is not a kwarg
      }
      boolean fits = true;
      for (int i = 0; i < names.size(); i++) {
        String value = assistedValue(annotations[i]);
        boolean listed = factory.assisted().contains(names.get(i));
        if (listed != (value != null)) {
          fits = false;
          problem(var, AiJsonException.pointer("factory", "assisted"), label + ": kwarg \""
              + names.get(i) + "\" is " + (listed ? "listed as assisted, but parameter " + (i + 1)
                  + " of the constructor is not annotated @Assisted, so Guice injects it"
                  : "parameter " + (i + 1) + " of the constructor, which is annotated @Assisted, but"
                  + " factory.assisted does not list it") + ". List exactly the @Assisted"
              + " parameters' kwargs in factory.assisted at " + var.pointer() + "/factory/assisted.");
        }
      }
      Annotation[][] methodAnnotations = method.getParameterAnnotations();
      for (int j = 0; fits && j < positions.length; j++) {
        String expected = assistedValue(methodAnnotations[j]);
        String actual = assistedValue(annotations[positions[j]]);
        if (!(expected == null ? "" : expected).equals(actual)) {
          problem(var, "/factory/assisted/" + j, label + ": factory.assisted/" + j + " is \""
              + factory.assisted().get(j) + "\", an @Assisted(\"" + actual + "\") parameter, but"
              + " parameter " + (j + 1) + " of " + interfaceType.getName() + "#" + method.getName()
              + " is @Assisted(\"" + (expected == null ? "" : expected) + "\"). List the assisted"
              + " kwargs in the order of the method's parameters at " + var.pointer()
              + "/factory/assisted.");
          fits = false;
        }
      }
      if (fits) {
        productsByKey.computeIfAbsent(factory.key(), k -> new LinkedHashMap<>())
            .computeIfAbsent(method, k -> new ArrayList<>()).add(document.position(var.name()));
      }
    }

    /** Returns the abstract method {@code name} of {@code type} with these parameter type names. */
    private static Method factoryMethod(Class<?> type, String name, List<String> parameterTypes) {
      for (Method method : type.getMethods()) {
        if (method.getName().equals(name) && Modifier.isAbstract(method.getModifiers())
            && !Modifier.isStatic(method.getModifiers())
            && parameterTypes.equals(ReplayLookup.typeNames(method))) {
          return method;
        }
      }
      return null;
    }

    private static String describeFactoryMethods(Class<?> type) {
      List<String> methods = new ArrayList<>();
      for (Method method : type.getMethods()) {
        if (Modifier.isAbstract(method.getModifiers())) {
          methods.add(method.getName() + ReplayLookup.describe(method));
        }
      }
      Collections.sort(methods);
      return methods.isEmpty() ? "none" : String.join(", ", methods);
    }

    /** Returns the value of an {@code @Assisted} annotation among {@code annotations}, or null. */
    private static String assistedValue(Annotation[] annotations) {
      for (Annotation annotation : annotations) {
        if (annotation.annotationType().getName().equals(ReplaySecurity.ASSISTED)) {
          try {
            return annotation.annotationType().getMethod("value").invoke(annotation) instanceof String value
                ? value : "";
          } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
          }
        }
      }
      return null;
    }

    /**
     * Returns the class of the type a key names, loading it without initialising it; null, with a
     * problem at {@code suffix}, if it cannot be loaded.
     */
    private Class<?> keyType(AiJsonVar var, String key, String suffix, ReplayStep.Label label) {
      String type = key;
      if (key.startsWith("@")) {
        int end = AiJsonTypes.keyQualifierEnd(key);
        type = end < 0 ? "" : key.substring(end + 1);
      }
      try {
        return AiJsonTypes.rawType(AiJsonTypes.parse(type, loader));
      } catch (IllegalArgumentException | LinkageError e) {
        problem(var, suffix, label + ": the type of key \"" + key + "\" cannot be loaded: "
            + e.getMessage() + ". Put the jar of the factory on the classpath, or fix the key at "
            + var.pointer() + suffix + ".");
        return null;
      }
    }

    /**
     * Checks, once every var is known, that the security policy lets replay implement each
     * factory var's interface, given the objects the document says it made.
     */
    void checkFactories() {
      for (Map.Entry<String, List<AiJsonVar>> entry : factoriesByKey.entrySet()) {
        for (AiJsonVar var : entry.getValue()) {
          Class<?> type = steps.get(document.position(var.name())).type;
          List<Constructor<?>> products = productConstructors.getOrDefault(entry.getKey(), List.of());
          Refusal refusal = ask(policy -> policy.refuseFactory(type, products));
          if (refusal != null) {
            refused(var, var.label(), refusal);
          }
        }
      }
    }

    Map<String, Map<Method, List<Integer>>> factoryProducts() {
      Map<String, Map<Method, List<Integer>>> products = new HashMap<>();
      productsByKey.forEach((key, methods) -> {
        Map<Method, List<Integer>> copy = new HashMap<>();
        methods.forEach((method, positions) -> copy.put(method, List.copyOf(positions)));
        products.put(key, Collections.unmodifiableMap(copy));
      });
      return Collections.unmodifiableMap(products);
    }

    /**
     * Checks a collection of Guice's multibindings: its type arguments load, and its elements (or
     * its map's keys and values, or its optional's value) decode to them.
     */
    private ReplayStep multibinding(AiJsonVar var, ReplayStep.Label label) {
      boolean map = var.caller().equals("MapBinder");
      Class<?> product = map ? Map.class : var.caller().equals("Multibinder") ? Set.class : Optional.class;
      if (var.signature().size() != (map ? 2 : 1)) {
        problem(var, "/signature", label + ": the signature of a " + var.caller() + " var holds the"
            + " collection's " + (map ? "key and value types" : "element type") + ", not "
            + signature(var) + ". Fix the signature at " + var.pointer() + "/signature.");
        return partial(var, label, null, product);
      }
      List<Decoded> args = new ArrayList<>();
      List<String> names = new ArrayList<>(var.kwargs().keySet());
      for (int i = 0; i < names.size(); i++) {
        String type = var.signature().get(i);
        Type declared;
        try {
          declared = AiJsonTypes.parse(var.caller().equals("OptionalBinder") ? type
              : "java.util.List<" + type + ">", loader);
        } catch (IllegalArgumentException e) {
          problem(var, "/signature/" + i, label + ": type \"" + type + "\" cannot be loaded: "
              + e.getMessage() + ". Put its jar on the classpath, or fix the signature at "
              + var.pointer() + "/signature/" + i + ".");
          return partial(var, label, null, product);
        }
        // the document names the elements' type, not an allowed class's parameter: a record,
        // enum or bean it names is made (or initialised) only if the policy allows that class
        if (refusesInlineTypes(var, label, "/signature/" + i, declared)) {
          return partial(var, label, null, product);
        }
        String name = names.get(i);
        args.add(decoder.decodeArgument(var.kwargs().get(name), declared, var, "kwargs", name, "kwarg"));
      }
      return step(var, label, null, product, null, args.toArray(NO_ARGS), List.of());
    }

    /**
     * Adds a refusal for each class of {@code type} (a type the document names, at {@code
     * suffix} of {@code var}) whose values replay would make or initialise inline, a record, an
     * enum or a bean, and that the policy does not allow; returns whether there was any.
     */
    private boolean refusesInlineTypes(AiJsonVar var, ReplayStep.Label label, String suffix, Type type) {
      boolean refused = false;
      java.util.ArrayDeque<Type> pending = new java.util.ArrayDeque<>(List.of(type));
      Set<Class<?>> seen = new java.util.HashSet<>();
      while (!pending.isEmpty()) {
        Type next = pending.poll();
        if (next instanceof java.lang.reflect.ParameterizedType parameterized) {
          pending.add(parameterized.getRawType());
          pending.addAll(Arrays.asList(parameterized.getActualTypeArguments()));
        } else if (next instanceof java.lang.reflect.GenericArrayType array) {
          pending.add(array.getGenericComponentType());
        } else if (next instanceof java.lang.reflect.WildcardType wildcard) {
          pending.addAll(Arrays.asList(wildcard.getUpperBounds()));
          pending.addAll(Arrays.asList(wildcard.getLowerBounds()));
        } else if (next instanceof Class<?> raw && seen.add(raw)) {
          if (raw.isArray()) {
            pending.add(raw.getComponentType());
          } else if (raw.isEnum() || raw.isRecord() || Beans.isBean(raw)) {
            Refusal refusal = ask(policy -> policy.refuseInline(raw));
            if (refusal != null) {
              problem(var, suffix, label + ": " + counted(refusal) + " Fix the signature at "
                  + var.pointer() + suffix + " if the document should not name it.");
              refused = true;
            }
          }
        }
      }
      return refused;
    }

    /**
     * Refuses a value the recording did not see, if anything uses it: the document does not know
     * it, and replay never makes one up.
     */
    private ReplayStep unobserved(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      List<String> uses = usesOf(var);
      if (!uses.isEmpty()) {
        problem(var, "", label + (var.key() == null ? "" : ", key " + var.key()) + ", is a value the"
            + " recording did not observe (it came from a binding the recorder did not listen to),"
            + " so the document does not know it, and replay does not make one up. Set the value"
            + " where it is used (" + String.join(", ", uses) + "), for example with aijson set"
            + " or AiJsonDocument.override, or record again with that binding included; the var"
            + " is at " + var.pointer() + ".");
      }
      return partial(var, label, type, type);
    }

    /**
     * Returns where vars use {@code var}, an unobserved var: their pointers, such as {@code
     * /vars/var3/kwargs/width}. The uses of every unobserved var are found in one pass over the
     * document, the first time one is asked for.
     */
    private List<String> usesOf(AiJsonVar var) {
      if (unobservedUses == null) {
        unobservedUses = new HashMap<>();
        for (AiJsonVar user : document.vars()) {
          AiJsonValues.ReferenceVisitor use = (ref, pointer) -> {
            if (document.var(ref.var()).kind() == AiJsonVar.Kind.UNOBSERVED) {
              List<String> uses = unobservedUses.computeIfAbsent(ref.var(), k -> new ArrayList<>());
              if (uses.size() < MAX_USES_SHOWN) {
                uses.add(pointer.get());
              }
            }
          };
          if (user.receiver() != null) {
            use.visit(user.receiver(), () -> user.pointer() + "/receiver");
          }
          AiJsonValues.forEachReference(user.kwargs(), user.pointer() + "/kwargs", use);
          AiJsonValues.forEachReference(user.members(), user.pointer() + "/members", use);
        }
      }
      return unobservedUses.getOrDefault(var.name(), List.of());
    }

    private static String unconstructible(Class<?> type) {
      if (type.isInterface() || type.isPrimitive() || type.isArray()) {
        return "is not a class";
      }
      if (Modifier.isAbstract(type.getModifiers())) {
        return "is abstract";
      }
      return type.isEnum() ? "is an enum" : null;
    }

    /**
     * Checks a module var: a Guice module the policy allows, whose recorded fields it has, and
     * how replay makes it from them: a non-private constructor whose parameters are exactly those
     * fields by name and type, or else a non-private no-argument constructor and then the fields
     * set, if none is final. A module that neither can make is not a problem of the document; it
     * is reported (see {@link ReplayStep#moduleProblem}) unless serving supplies the module.
     */
    private ReplayStep module(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      if (!ReplaySecurity.implementsModule(type)) {
        problem(var, "/caller", label + ": " + type.getName() + " is not a Guice module (it does"
            + " not implement com.google.inject.Module), but a module var names the module whose"
            + " @Provides methods made other vars. Fix \"module\" and \"caller\" at "
            + var.pointer() + ".");
        return partial(var, label, type, type);
      }
      Refusal refused = refusal(new Question("module", type, null), policy -> policy.refuseModule(type));
      if (refused != null) {
        refused(var, label, refused);
        return partial(var, label, type, type);
      }
      Map<String, Field> fields = ModuleFields.of(type);
      Map<String, Decoded> values = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : var.members().entrySet()) {
        String key = entry.getKey();
        Field field = fields.get(key);
        String pointer = pointer(var, "members", key);
        if (field == null) {
          problems.add(new Problem(pointer, label + ": member \"" + key + "\" names no instance"
              + " field of the module " + type.getName() + "; its fields are "
              + (fields.isEmpty() ? "none" : String.join(", ", fields.keySet())) + ". Fix or"
              + " remove the member at " + pointer + "."));
          continue;
        }
        values.put(key, decodeOrNull(entry.getValue(),
            field.getGenericType(), new Where(pointer, label + ": field \"" + key + "\"")));
      }
      // an abstract, anonymous, local or inner class: no constructor of it makes the module alone
      boolean makeable = ModuleFields.unfit(type) == null;
      Constructor<?> constructor = makeable ? ModuleFields.constructor(type, var.members().keySet(), fields) : null;
      Constructor<?> taking = constructor == null ? null : open(var, "/caller", label, constructor);
      if (taking != null) {
        List<Decoded> args = new ArrayList<>();
        for (java.lang.reflect.Parameter parameter : taking.getParameters()) {
          args.add(values.get(parameter.getName()));
        }
        return step(var, label, type, type, taking, args.toArray(NO_ARGS), List.of());
      }
      Constructor<?> none = makeable ? ModuleFields.noArgumentConstructor(type) : null;
      List<String> finals = new ArrayList<>();
      for (String key : values.keySet()) {
        if (Modifier.isFinal(fields.get(key).getModifiers())) {
          finals.add(key);
        }
      }
      Constructor<?> noArgument = constructor == null && none != null && finals.isEmpty()
          ? open(var, "/caller", label, none) : null;
      if (noArgument != null) {
        List<MemberStep> members = new ArrayList<>();
        for (Map.Entry<String, Decoded> value : values.entrySet()) {
          Field declared = fields.get(value.getKey());
          // set by reflection, not passed to the module's own constructor: a field of a library
          // superclass is set only as any injected member is
          Refusal refusal = ask(policy -> policy.refuseModuleField(type, declared));
          if (refusal != null) {
            String pointer = pointer(var, "members", value.getKey());
            problems.add(new Problem(pointer, label + ": field \"" + value.getKey() + "\": "
                + counted(refusal) + ". Give " + type.getName() + " a non-private constructor"
                + " that takes the recorded fields by name and type, supply the module with"
                + " withInstance(\"" + var.name() + "\", module), or remove the member at "
                + pointer + "."));
            continue;
          }
          Field field = open(var, AiJsonException.pointer("members", value.getKey()), label, declared);
          if (field != null) {
            members.add(new MemberStep(field, List.of(value.getValue()), value.getKey()));
          }
        }
        return step(var, label, type, type, noArgument, NO_ARGS, ValueDecoder.kept(members));
      }
      String needs = ModuleFields.needs(type, var.members().keySet(), fields, none, finals);
      ReplayStep step = partial(var, label, type, type);
      return step.withModuleProblem(label + ": replay cannot rebuild the module " + type.getName()
          + " from its recorded fields (" + String.join(", ", var.members().keySet()) + "): "
          + needs + ". Add a non-private constructor that takes exactly those fields by name and"
          + " type and stores them (compiled with -parameters), or supply the module with"
          + " withInstance(\"" + var.name() + "\", module). The module var is at " + var.pointer()
          + ".");
    }

    private ReplayStep provides(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      if (var.receiver() != null) {
        ReplayStep module = steps.get(position(var.receiver()));
        if (module.var.kind() != AiJsonVar.Kind.MODULE) {
          problem(var, "/receiver", label + ": its receiver \"" + var.receiver() + "\" is a "
              + module.var.kind().jsonName() + " var, but a provides var's receiver is the module"
              + " var whose method made it. Fix the receiver at " + var.pointer() + "/receiver.");
        } else if (module.type != null && !type.isAssignableFrom(module.type)) {
          problem(var, "/receiver", label + ": its receiver \"" + var.receiver() + "\" is the"
              + " module " + module.type.getName() + ", which is not "
              + ValueDecoder.article(type.getName()) + ". Fix the receiver at " + var.pointer()
              + "/receiver.");
        }
      }
      Lookup lookup = method(var, label, type, "provides");
      Method method = (Method) lookup.executable();
      if (method == null || !allowed(var, label, lookup)) {
        return partial(var, label, type, method == null ? null : product(method));
      }
      Decoded[] args = arguments(var, label, method, lookup.parameters(), "the method");
      return step(var, label, type, product(method), method, args, List.of());
    }

    private ReplayStep call(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      Lookup lookup = method(var, label, type, "call");
      Method method = (Method) lookup.executable();
      checkReceiver(var, label, type);
      if (method == null || !allowed(var, label, lookup)) {
        return partial(var, label, type, method == null ? null : product(method));
      }
      Decoded[] args = arguments(var, label, method, lookup.parameters(), "the method");
      return step(var, label, type, product(method), method, args, List.of());
    }

    /**
     * Returns the lookup of the method a provides or call var names (its executable null if there
     * is none, after adding the problem), asking the policy about it as {@code what}.
     */
    private Lookup method(AiJsonVar var, ReplayStep.Label label, Class<?> type, String what) {
      Lookup lookup = lookups.get(var.signature());
      if (lookup == null || !lookup.isFor(what, type, var, false)) {
        String name = var.methodName();
        Method found = name == null ? null : (Method) executables
            .computeIfAbsent(List.of(type, name, var.signature()),
                k -> Optional.ofNullable(ReplayLookup.method(type, name, var.signature())))
            .orElse(null);
        lookup = lookup(what, type, var, false, found, found == null ? null
            : what.equals("call")
                ? refusal(new Question(what, type, found), policy -> policy.refuseCall(type, found))
                : refusal(new Question(what, type, found), policy -> policy.refuseProvides(type, found)));
      }
      if (var.caller().indexOf('#') < 0) { // no method name (asked without cutting one out)
        problem(var, "/caller", label + ": a " + var.kind().jsonName() + " var's caller names its"
            + " method, as Class#method. Fix the caller at " + var.pointer() + "/caller.");
        return lookup;
      }
      Method method = (Method) lookup.executable();
      if (method == null) {
        problem(var, "/signature", label + ": " + type.getName() + " has no method "
            + var.methodName() + signature(var) + "; it has "
            + ReplayLookup.describeMethods(type, var.methodName()) + ". Fix the caller or the"
            + " signature at " + var.pointer() + ", or replay with the version of the class that"
            + " was recorded.");
      }
      return lookup;
    }

    /** Makes and keeps the lookup of a var's executable, opening it if the policy allows it. */
    private Lookup lookup(String what, Class<?> type, AiJsonVar var, boolean byFactory,
        Executable executable, Refusal refusal) {
      String failure = null;
      if (executable != null && refusal == null) {
        Opened open = opened(executable);
        executable = (Executable) open.object();
        failure = open.failure();
      }
      Parameters declared = executable == null ? null : parameters.computeIfAbsent(executable,
          e -> new Parameters(ReplayLookup.parameterTypes(e), e.getParameters()));
      Lookup lookup = new Lookup(what, type, var.caller(), byFactory, executable, refusal, failure, declared);
      lookups.put(var.signature(), lookup);
      return lookup;
    }

    private void checkReceiver(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      Class<?> receiver = steps.get(document.position(var.receiver().var())).product;
      if (receiver != null && !type.isAssignableFrom(receiver)) {
        problem(var, "/receiver", label + ": its receiver \"" + var.receiver() + "\" builds "
            + ValueDecoder.article(receiver.getName()) + ", which is not "
            + ValueDecoder.article(type.getName()) + ". Fix the receiver at " + var.pointer()
            + "/receiver.");
      }
    }

    /** Returns the class of a method's result, or null if it is a type variable. */
    private static Class<?> product(Method method) {
      return method.getGenericReturnType() instanceof TypeVariable<?> ? null : method.getReturnType();
    }

    /** Returns the security policy's answer for {@code what}, asking it once per distinct question. */
    private Refusal refusal(Question what, Function<ReplaySecurity, String> question) {
      Optional<Refusal> known = refusals.get(what);
      if (known == null) {
        known = Optional.ofNullable(ask(question));
        refusals.put(what, known);
      }
      return known.orElse(null);
    }

    /** Whether the policy allows a var's executable and it opened; else adds the problem. */
    private boolean allowed(AiJsonVar var, ReplayStep.Label label, Lookup lookup) {
      if (lookup.refusal() != null) {
        refused(var, label, lookup.refusal());
        return false;
      }
      if (lookup.openFailure() != null) {
        problem(var, "/caller", label + ": " + lookup.executable() + " cannot be made accessible ("
            + lookup.openFailure() + "). Open its package to aijson, or replay another class than"
            + " the one at " + var.pointer() + "/caller.");
        return false;
      }
      return true;
    }

    /**
     * Returns the opened copy of {@code object} that every step using it shares, or null after
     * adding the problem if it cannot be opened.
     */
    @SuppressWarnings("unchecked")
    private <T extends AccessibleObject> T open(AiJsonVar var, String suffix, ReplayStep.Label label, T object) {
      Opened open = opened(object);
      if (open.failure() != null) {
        problem(var, suffix, label + ": " + object + " cannot be made accessible (" + open.failure()
            + "). Open its package to aijson, or replay another class than the one at "
            + var.pointer() + suffix + ".");
        return null;
      }
      return (T) open.object();
    }

    /** Returns the first copy equal to {@code object}, opened once, and why it could not be. */
    private Opened opened(AccessibleObject object) {
      return opened.computeIfAbsent(object, o -> new Opened(o, ReplayLookup.open(o)));
    }

    /** Returns the decoded kwargs of {@code var}, in an array the step keeps as it is. */
    private Decoded[] arguments(
        AiJsonVar var, ReplayStep.Label label, Executable executable, Parameters declared, String what) {
      Type[] types = declared.types();
      // an AiJsonVar's kwargs are a document map: read by position, not copied or looked up
      Values.DocumentMap kwargs = (Values.DocumentMap) Values.copyObject(var.kwargs());
      if (kwargs.size() != types.length) {
        problem(var, "/kwargs", label + " has " + kwargs.size() + " kwargs, but " + what + " takes "
            + types.length + " parameters " + ReplayLookup.describe(executable) + "; every"
            + " parameter needs exactly one kwarg, in declaration order. Add the missing"
            + " arguments at " + var.pointer() + "/kwargs.");
        return NO_ARGS;
      }
      Decoded[] args = types.length == 0 ? NO_ARGS : new Decoded[types.length];
      java.lang.reflect.Parameter[] parameters = declared.parameters();
      for (int i = 0; i < types.length; i++) {
        String name = kwargs.keyAt(i);
        if (parameters.length == types.length && !ReplayLookup.isKwargName(name, parameters[i], i)) {
          problem(var, AiJsonException.pointer("kwargs", name), label + ": kwarg \"" + name
              + "\" stands where " + what + " takes its parameter " + (i + 1) + ", \""
              + ReplayLookup.kwargName(parameters[i], i) + "\" " + ReplayLookup.describe(executable)
              + "; kwargs are matched to parameters by name and declaration order. Rename it to \""
              + ReplayLookup.kwargName(parameters[i], i) + "\" at " + var.pointer() + AiJsonException.pointer("kwargs", name) + ","
              + " or put the kwargs in the order of the parameters." + (parameters[i].isNamePresent() ? ""
                  : ReplayLookup.missingAnnotationClasses(
                      executable.getDeclaringClass(), ReplayLookup.NAMED_ANNOTATIONS)));
        }
        args[i] = decoder.decodeArgument(kwargs.valueAt(i), types[i], var, "kwargs", name, "kwarg");
      }
      return args;
    }

    private List<MemberStep> members(AiJsonVar var, ReplayStep.Label label, Class<?> type) {
      if (var.members().isEmpty()) {
        return List.of(); // most constructor vars: no list, iterator or copy made for them
      }
      List<MemberStep> members = new ArrayList<>();
      for (Map.Entry<String, Object> entry : var.members().entrySet()) {
        MemberStep member = member(var, label, type, entry.getKey(), entry.getValue());
        if (member != null) {
          members.add(member);
        }
      }
      return ValueDecoder.kept(members);
    }

    private MemberStep member(AiJsonVar var, ReplayStep.Label label, Class<?> type, String key, Object value) {
      Member found = ReplayLookup.member(type, key, value);
      String pointer = pointer(var, "members", key);
      String unfit = found == null ? "names no field or method of " + type.getName()
          : ReplayLookup.isStatic(found) ? "is static"
          : found instanceof Field field && Modifier.isFinal(field.getModifiers()) ? "is final"
          : null;
      if (unfit != null) {
        problems.add(new Problem(pointer, label + ": member \"" + key + "\" " + unfit + "; replay"
            + " injects only its @Inject fields and methods (" + ReplayLookup.describeInjectable(type)
            + "). Fix or remove the member at " + pointer + "."
            + (ReplayLookup.describeInjectable(type).equals("none")
                ? ReplayLookup.missingAnnotationClasses(type, ReplayLookup.INJECT_ANNOTATIONS) : "")));
        return null;
      }
      Refusal refusal = ask(policy -> policy.refuseMember(found.getDeclaringClass(), (AnnotatedElement) found, key));
      if (refusal != null) {
        problems.add(new Problem(pointer, label + ": member \"" + key + "\": " + counted(refusal) + ". Fix"
            + " or remove the member at " + pointer + "."));
        return null;
      }
      Member member = (Member) open(var, AiJsonException.pointer("members", key), label, (AccessibleObject) found);
      if (member == null) {
        return null;
      }
      return member instanceof Field field
          ? fieldStep(field, value, new Where(pointer, label + ": member \"" + key + "\""), key)
          : methodStep(var, label, (Method) member, value, key);
    }

    private MemberStep fieldStep(Field field, Object value, Where where, String key) {
      return new MemberStep(field, List.of(decodeOrNull(value, field.getGenericType(), where)), key);
    }

    private MemberStep methodStep(AiJsonVar var, ReplayStep.Label label, Method method, Object value, String key) {
      String pointer = pointer(var, "members", key);
      Type[] types = ReplayLookup.parameterTypes(method);
      if (!(value instanceof Map<?, ?> map) || map.size() != types.length) {
        problems.add(new Problem(pointer, label + ": member \"" + key + "\" is "
            + ValueDecoder.show(value) + ", which is not an object of the " + types.length
            + " arguments of " + method.getName() + ReplayLookup.describe(method) + " by name."
            + " Fix the value at " + pointer + "."));
        return null;
      }
      List<Decoded> values = new ArrayList<>(types.length);
      int i = 0;
      for (Map.Entry<?, ?> argument : map.entrySet()) {
        String name = (String) argument.getKey();
        Where where = new Where(pointer + AiJsonException.pointer(name),
            label + ": member \"" + key + "\" argument \"" + name + "\"");
        values.add(decodeOrNull(argument.getValue(), types[i++], where));
      }
      return new MemberStep(method, ValueDecoder.kept(values), key);
    }

    private Decoded decodeOrNull(Object value, Type type, Where where) {
      Decoded decoded = decoder.decode(value, type, where);
      return decoded == null ? new Decoded.Constant(null) : decoded;
    }

    /**
     * Returns the position of the var {@code ref} names, which the document has checked exists:
     * its number, in a document numbered from var0 without gaps.
     */
    private int position(AiJsonRef ref) {
      String name = ref.var();
      // in a document numbered from var0 without gaps, var k is at position k
      int number = Documents.digits(name, 3);
      if (number < steps.size() && steps.get(number).var.name().equals(name)) {
        return number;
      }
      return document.position(name);
    }

    /**
     * Returns what the var {@code ref} names builds, made once for each var referenced (a var
     * such as a shared vocabulary is referenced by thousands): its step, checked before any var
     * that references it, does not change.
     */
    private ValueDecoder.Target target(AiJsonRef ref) {
      int position = position(ref);
      if (targets == null) {
        targets = new ValueDecoder.Target[document.vars().size()];
      }
      ValueDecoder.Target target = targets[position];
      if (target == null) {
        ReplayStep step = steps.get(position);
        target = new ValueDecoder.Target(
            position, step.product, step.var.name(), step.var.kind() == AiJsonVar.Kind.UNOBSERVED);
        targets[position] = target;
      }
      return target;
    }

    private ReplayStep partial(AiJsonVar var, ReplayStep.Label label, Class<?> type, Class<?> product) {
      return step(var, label, type, product, null, NO_ARGS, List.of());
    }

    private ReplayStep step(
        AiJsonVar var, ReplayStep.Label label, Class<?> type, Class<?> product, Executable executable,
        Decoded[] args, List<MemberStep> members) {
      int receiver = var.receiver() == null ? -1 : position(var.receiver());
      return new ReplayStep(var, type, product, executable, args, members, receiver);
    }

    /** Puts the distinct positions {@code var} references at the start of the buffer, in order; returns how many. */
    private int refs(AiJsonVar var) {
      refCount = 0;
      if (var.receiver() != null) {
        addRef(var.receiver());
      }
      collectRefs(var.kwargs());
      collectRefs(var.members());
      int[] refs = refBuffer;
      Arrays.sort(refs, 0, refCount);
      int distinct = 0;
      for (int i = 0; i < refCount; i++) {
        if (distinct == 0 || refs[distinct - 1] != refs[i]) {
          refs[distinct++] = refs[i];
        }
      }
      return distinct;
    }

    /** Adds the positions of the vars {@code value} references to the buffer of {@link #refs}. */
    private void collectRefs(Object value) {
      if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean) {
        // scalars, told by their final classes: a test against Map or List, interfaces these
        // classes do not implement, searches every interface they do (on JDK 17)
        return;
      }
      if (value instanceof AiJsonRef ref) {
        addRef(ref);
      } else if (value instanceof Values.DocumentMap map) {
        for (int i = 0; i < map.size(); i++) {
          collectRefs(map.valueAt(i));
        }
      } else if (value instanceof Map<?, ?> map) {
        for (Object element : map.values()) {
          collectRefs(element);
        }
      } else if (value instanceof List<?> list) {
        for (Object element : list) {
          collectRefs(element);
        }
      }
    }

    private void addRef(AiJsonRef ref) {
      if (refCount == refBuffer.length) {
        refBuffer = Arrays.copyOf(refBuffer, refCount * 2);
      }
      refBuffer[refCount++] = position(ref);
    }

    private void problem(AiJsonVar var, String suffix, String message) {
      problems.add(new Problem(var.pointer() + suffix, message));
    }

    private static String pointer(AiJsonVar var, String section, String key) {
      return var.pointer() + AiJsonException.pointer(section, key);
    }

    private static String signature(AiJsonVar var) {
      return "(" + Abbreviation.of(String.join(", ", var.signature())) + ")";
    }
  }
}
