package dev.aijson.guice;

import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.NullArguments;
import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.matcher.Matcher;
import com.google.inject.matcher.Matchers;
import dev.aijson.core.AiJson;
import com.google.inject.spi.InjectionPoint;
import dev.aijson.core.recording.AiJsonRecorder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records how the injector it is installed in wires its components, as an aijson document.
 *
 * <p>Every object the injector provisions (constructor bindings, explicit, just-in-time and
 * linked; {@code @Provides} methods) becomes a var with every argument it got, constants and
 * defaults included; {@code @AiJson} methods called on injector-built objects become {@code call}
 * vars. An assisted-inject factory ({@code FactoryModuleBuilder}, where guice-assistedinject is on
 * the class path) is a {@code factory} var, and each object it makes a constructor var with the
 * call's arguments and the factory method named. Get the document from the {@link AiJsonLog} the
 * module binds.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new AiJsonModule().onlyPackages("com.acme.models"),
 *     new SentimentModule());
 * SentimentPipeline pipeline = injector.getInstance(SentimentPipeline.class);
 * injector.getInstance(AiJsonLog.class).writeTo(Path.of("pipeline.json"));
 * }</pre>
 *
 * <p>Guice intercepts methods only in a subclass it generates, so the {@code @AiJson} methods of a
 * final class, or of a class whose injectable constructor is private, are not recorded: the
 * module leaves such a class out of its interception, the object is built as plain Guice builds
 * it, and the log says so at {@code WARNING} once per class, with the fix (make the class
 * non-final, or the constructor package-private or public). Its provisions are recorded as any.
 *
 * <p>Each injector records on its own: there is no global state, and installing the same module
 * instance in two injectors gives two independent logs. Objects are tracked weakly, by identity,
 * and at most {@link AiJsonRecorder#DEFAULT_CAP} vars and {@link
 * AiJsonRecorder#DEFAULT_BYTE_BUDGET} estimated bytes of document text are kept unless {@link
 * #withVarCap} or {@link #withByteBudget} says otherwise. Instances are immutable; the withers
 * return new modules.
 */
public final class AiJsonModule extends AbstractModule {
  private static final Logger LOGGER = Logger.getLogger(AiJsonModule.class.getName());
  private static final Matcher<Method> AI_JSON_METHODS = new AiJsonMethods();

  private final Matcher<? super Binding<?>> bindings;
  private final Matcher<? super Class<?>> classes;
  private final int cap;
  private final long byteBudget;
  private final boolean environment;

  /**
   * Creates a module that logs every component of the injector, up to 100,000 vars, with an
   * {@code environment} section.
   */
  public AiJsonModule() {
    this(Matchers.any(), Matchers.any(), AiJsonRecorder.DEFAULT_CAP,
        AiJsonRecorder.DEFAULT_BYTE_BUDGET, true);
  }

  private AiJsonModule(
      Matcher<? super Binding<?>> bindings, Matcher<? super Class<?>> classes, int cap,
      long byteBudget, boolean environment) {
    this.bindings = bindings;
    this.classes = classes;
    this.cap = cap;
    this.byteBudget = byteBudget;
    this.environment = environment;
  }

  /**
   * Returns a module that logs only components whose class is in one of {@code packages} or
   * their subpackages. A component from elsewhere that is injected into a logged one appears as
   * an {@code opaque} var; excluded bindings are not listened to at all.
   *
   * @param packages package names such as {@code com.acme.models}
   * @return the restricted module
   * @throws NullPointerException if {@code packages} or one of them is null
   * @throws IllegalArgumentException if no name is given, or a name is not a package name (such
   *     as {@code com.acme.*}), which would match no class and record nothing
   */
  public AiJsonModule onlyPackages(String... packages) {
    NullArguments.check(packages, "AiJsonModule.onlyPackages", "packages", "Pass package names"
        + " such as \"com.acme.models\".");
    if (packages.length == 0) {
      throw new IllegalArgumentException("AiJsonModule.onlyPackages: no package name was given,"
          + " and a module restricted to no package would record nothing. Pass package names"
          + " such as \"com.acme.models\", or leave onlyPackages out to record every package.");
    }
    for (int i = 0; i < packages.length; i++) {
      NullArguments.check(packages[i], "AiJsonModule.onlyPackages", "packages[" + i + "]",
          "Pass package names such as \"com.acme.models\".");
      if (!AiJsonTypes.isPackageName(packages[i])) {
        throw new IllegalArgumentException("AiJsonModule.onlyPackages: \"" + packages[i] + "\" is"
            + " not a package name, so no class would match it and nothing would be recorded."
            + " Write it as com.acme.models (sub-packages are included, no wildcard).");
      }
    }
    List<String> names = List.of(packages);
    // asked once per binding of the injector, so kept cheap
    List<String> prefixes = names.stream().map(p -> p + ".").toList();
    Matcher<Class<?>> inPackages = new AbstractMatcher<>() {
      @Override
      public boolean matches(Class<?> type) {
        String name = type.getPackageName();
        for (int i = 0; i < names.size(); i++) {
          if (name.startsWith(prefixes.get(i)) || name.equals(names.get(i))) {
            return true;
          }
        }
        return false;
      }

      @Override
      public String toString() {
        return "inPackages" + names;
      }
    };
    Matcher<Binding<?>> bindingsInPackages = new AbstractMatcher<>() {
      @Override
      public boolean matches(Binding<?> binding) {
        return inPackages.matches(Guiced.subject(binding));
      }

      @Override
      public String toString() {
        return "bindingsInPackages" + names;
      }
    };
    return new AiJsonModule(bindingsInPackages, inPackages, cap, byteBudget, environment);
  }

  /**
   * Returns a module that logs only the bindings {@code matcher} accepts; {@code @AiJson} calls
   * are logged on every class.
   *
   * @param matcher decides, once per binding, whether its provisions are logged
   * @return the restricted module
   */
  public AiJsonModule onlyBindings(Matcher<? super Binding<?>> matcher) {
    return new AiJsonModule(Objects.requireNonNull(matcher, "onlyBindings: the matcher is null. Pass a Matcher<Binding<?>>, such as Matchers.any()."), classes, cap, byteBudget, environment);
  }

  /**
   * Returns a module that keeps at most {@code cap} vars; past it, the document says how many
   * were dropped.
   *
   * @param cap the most vars to keep, at least 1
   * @return the changed module
   */
  public AiJsonModule withVarCap(int cap) {
    AiJsonRecorder.checkCap(cap);
    return new AiJsonModule(bindings, classes, cap, byteBudget, environment);
  }

  /**
   * Returns a module that keeps at most {@code byteBudget} estimated bytes of document text
   * (64 MiB by default); past it, the document says it was cut at the byte budget and how many
   * vars were dropped. A bound instance that many vars get (the same object) counts in full once
   * and as a reference after that.
   *
   * @param byteBudget the most estimated bytes to keep, at least 1
   * @return the changed module
   * @throws IllegalArgumentException if {@code byteBudget} is less than 1
   */
  public AiJsonModule withByteBudget(long byteBudget) {
    AiJsonRecorder.checkByteBudget(byteBudget);
    return new AiJsonModule(bindings, classes, cap, byteBudget, environment);
  }

  /**
   * Returns a module whose documents have no {@code environment} section. By default the
   * section records the Java version, the Guice version and, for each recorded class, the jar
   * it came from (by file name) and that jar's version, so that replay can warn when it runs on
   * other versions; leave it out for documents that must not change when only the classpath
   * does.
   *
   * @return the changed module
   */
  public AiJsonModule withoutEnvironment() {
    return new AiJsonModule(bindings, classes, cap, byteBudget, false);
  }

  /** What Guice's error names as the source of the log's binding when AiJsonModule is installed twice. */
  private static final String ONE_PER_INJECTOR_TREE = "aijson: AiJsonModule binds AiJsonLog (install one"
      + " AiJsonModule per injector tree: a child injector's provisions are recorded into its parent's"
      + " log, so remove AiJsonModule from the child injector's modules, or from the second install)";

  @Override
  protected void configure() {
    AiJsonRecorder recorder = AiJsonRecorder.withBounds(cap, byteBudget);
    Matcher<Binding<?>> recorded = Guiced.loggable(bindings);
    Recording recording = new Recording(recorder, recorded);
    // the source Guice names if the log is bound twice: AiJsonModule installed twice in one
    // injector, or in an injector and its child, which the parent's recording covers already
    binder().withSource(ONE_PER_INJECTOR_TREE).bind(AiJsonLog.class).toInstance(new AiJsonLog(recorder, environment));
    requestInjection(recording);
    bindListener(recorded, recording);
    bindInterceptor(new Interceptable(classes), AI_JSON_METHODS, recording);
  }

  /**
   * Matches the classes of {@code classes} whose methods Guice can intercept: not those it cannot
   * subclass (final classes) or cannot build a subclass of (a private injectable constructor),
   * for which Guice would refuse the binding that plain Guice builds. Such a class with an {@code
   * @AiJson} method is built as plain Guice builds it, and the log says so once per class.
   */
  private static final class Interceptable extends AbstractMatcher<Class<?>> {
    private static final String FINAL = "the class is final";
    private static final String PRIVATE_CONSTRUCTOR = "its injectable constructor is private";

    private final Matcher<? super Class<?>> classes;
    // by name: the module keeps no class of the application alive
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    Interceptable(Matcher<? super Class<?>> classes) {
      this.classes = classes;
    }

    @Override
    public boolean matches(Class<?> type) {
      if (!classes.matches(type)) {
        return false;
      }
      String reason = obstacle(type);
      if (reason == null) {
        return true;
      }
      Method method = aiJsonMethod(type);
      if (method != null && logged.add(type.getName()) && LOGGER.isLoggable(Level.WARNING)) {
        LOGGER.warning("aijson: calls of " + type.getName() + "#" + method.getName() + " and the"
            + " class's other @AiJson methods are not recorded: " + reason + ", and Guice"
            + " intercepts methods only in a subclass it generates, so the object is built as"
            + " plain Guice builds it. "
            + (FINAL.equals(reason) ? "Make the class non-final" : "Make the constructor package-private or public")
            + " to record them.");
      }
      return false;
    }

    /** Returns why Guice cannot intercept the methods of {@code type}'s objects, or null. */
    private static String obstacle(Class<?> type) {
      if (Modifier.isFinal(type.getModifiers())) {
        return FINAL;
      }
      Constructor<?> constructor;
      try {
        constructor = (Constructor<?>) InjectionPoint.forConstructorOf(type).getMember();
      } catch (RuntimeException e) {
        return null; // no constructor Guice would use: Guice reports that for the binding itself
      }
      return Modifier.isPrivate(constructor.getModifiers()) ? PRIVATE_CONSTRUCTOR : null;
    }

    /** Returns the first {@code @AiJson} method a subclass of {@code type} would intercept, or null. */
    private static Method aiJsonMethod(Class<?> type) {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Method method : c.getDeclaredMethods()) {
          int modifiers = method.getModifiers();
          if (AI_JSON_METHODS.matches(method) && !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers)) {
            return method;
          }
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return "interceptable(" + classes + ")";
    }
  }

  /** Matches {@code @AiJson} methods, but not bridge methods, which would log a call twice. */
  private static final class AiJsonMethods extends AbstractMatcher<Method> {
    @Override
    public boolean matches(Method method) {
      return method.isAnnotationPresent(AiJson.class) && !method.isSynthetic();
    }
  }
}
