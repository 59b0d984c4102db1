package dev.aijson.core.internal;

import dev.aijson.core.AiJson;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replay security policy (the README's "Serving" section, and docs/FORMAT.md's "Replay: what
 * is checked against the classes"): replay constructs, calls and injects only in the
 * packages the caller allowed and in types and methods annotated {@code @AiJson}; an
 * {@code @Inject} constructor, a Guice module or an {@code @Provides} method alone is not enough,
 * since a document is input. Annotations and supertypes are compared by name, because aijson-core does
 * not depend on Guice, javax.inject or jakarta.inject, and reading them never initialises a class.
 */
public final class ReplaySecurity {
  static final String AIJSON = "dev.aijson.core.AiJson";
  static final String PROVIDES = "com.google.inject.Provides";
  static final String MODULE = "com.google.inject.Module";
  static final String ASSISTED_INJECT = "com.google.inject.assistedinject.AssistedInject";
  static final String ASSISTED = "com.google.inject.assistedinject.Assisted";
  private static final Set<String> PROVIDERS =
      Set.of("com.google.inject.Provider", "javax.inject.Provider", "jakarta.inject.Provider");
  private static final Set<String> INJECT =
      Set.of("javax.inject.Inject", "jakarta.inject.Inject", "com.google.inject.Inject");

  private final List<String> allowedPackages;

  ReplaySecurity(List<String> allowedPackages) {
    this.allowedPackages = List.copyOf(allowedPackages);
  }

  /** Returns whether the package of {@code type} is one the caller allowed, or inside one. */
  boolean allowsPackage(Class<?> type) {
    String name = type.getPackageName();
    for (String allowed : allowedPackages) {
      if (name.equals(allowed) || !allowed.isEmpty() && name.startsWith(allowed + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the fix every refusal ends with: allowing the package of {@code type}, with the
   * replayer's call or the module's, or annotating the type.
   */
  static String fix(Class<?> type) {
    String name = "(\"" + type.getPackageName() + "\")";
    return " Allow it with AiJsonReplayer.allowing" + name + " or allowPackages" + name
        + ", or annotate the class with @AiJson";
  }

  /** Returns whether {@code type} or {@code member} was opted in with {@code @AiJson}. */
  private boolean optedIn(Class<?> type, AnnotatedElement member) {
    return has(type, AIJSON) || member != null && has(member, AIJSON);
  }

  /**
   * Returns why {@code constructor} may not be replayed, or null if it may: its class is in an
   * allowed package, or it or its class is annotated {@code @AiJson}. An {@code @Inject}
   * constructor alone is not enough: a library's {@code @Inject} class is a gadget like any
   * other.
   */
  String refuseConstructor(Constructor<?> constructor, boolean byFactory) {
    Class<?> type = constructor.getDeclaringClass();
    if (optedIn(type, constructor) || allowsPackage(type)) {
      return null;
    }
    return "replay does not construct " + type.getName() + ": its package is not allowed and"
        + " the class is not annotated @AiJson (an @Inject" + (byFactory ? " or @AssistedInject" : "")
        + " constructor alone is not enough)." + fix(type);
  }

  /**
   * Returns why replay may not implement the assisted-inject factory interface {@code factory}
   * (making its proxy initialises it), or null if it may: it is annotated {@code @AiJson} or in an
   * allowed package. The constructors of the objects the document says it made are checked on
   * their own vars.
   */
  String refuseFactory(Class<?> factory, List<Constructor<?>> products) {
    if (has(factory, AIJSON) || allowsPackage(factory)) {
      return null;
    }
    return "replay does not implement the factory " + factory.getName() + ": its package is not"
        + " allowed and the interface is not annotated @AiJson." + fix(factory);
  }

  /**
   * Returns why replay may not make a configuration bean of class {@code type} (through its
   * constructor and setters, by Jackson), or null if it may: its class is in an allowed package or
   * annotated {@code @AiJson}.
   */
  String refuseBean(Class<?> type) {
    if (has(type, AIJSON) || allowsPackage(type)) {
      return null;
    }
    return "replay does not make the bean " + type.getName() + ": its package is not allowed and"
        + " the class is not annotated @AiJson." + fix(type);
  }

  /**
   * Returns why replay may not make or initialise a value of {@code type}, a record, an enum or a
   * bean that the document itself names (the elements of a multibinding), rather than a
   * parameter of an allowed class; null if it may: its class is in an allowed package or
   * annotated {@code @AiJson}.
   */
  String refuseInline(Class<?> type) {
    if (has(type, AIJSON) || allowsPackage(type)) {
      return null;
    }
    String what = type.isEnum() ? "enum" : type.isRecord() ? "record" : "bean";
    return "replay does not make the " + what + " " + type.getName() + ", which the document names"
        + " as the type of a multibinding's elements: its package is not allowed and the class is"
        + " not annotated @AiJson." + fix(type) + ".";
  }

  /**
   * Returns why replay may not make the Guice module {@code type} from its recorded fields, or
   * null if it may: its class is in an allowed package or annotated {@code @AiJson}.
   */
  String refuseModule(Class<?> type) {
    if (has(type, AIJSON) || allowsPackage(type)) {
      return null;
    }
    return "replay does not make the module " + type.getName() + ": its package is not allowed"
        + " and the class is not annotated @AiJson (a Module class alone is not enough)."
        + fix(type);
  }

  /** Returns whether {@code constructor} was written for an assisted-inject factory. */
  static boolean isAssisted(Constructor<?> constructor) {
    if (has(constructor, ASSISTED_INJECT)) {
      return true;
    }
    for (Annotation[] annotations : constructor.getParameterAnnotations()) {
      for (Annotation annotation : annotations) {
        if (annotation.annotationType().getName().equals(ASSISTED)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Returns whether {@code type} is in an allowed package or annotated {@code @AiJson}: its own
   * code may be called.
   */
  private boolean trusts(Class<?> type) {
    return has(type, AIJSON) || allowsPackage(type);
  }

  /**
   * Returns why the method {@code method}, which a var names on {@code type} (a module class for
   * {@code @Provides}, a receiver's class for a call), may not be replayed, or null: the method
   * is annotated {@code @AiJson}, or both {@code type} and the class that declares the method are
   * in allowed packages or annotated {@code @AiJson}. Annotating a class opts in the methods it
   * declares, not those it inherits: a user's class extending {@code Thread} does not make
   * {@code start()} callable.
   */
  private String refuseMethod(Class<?> type, Method method, String what, String alone) {
    Class<?> declaring = method.getDeclaringClass();
    if (has(method, AIJSON) || trusts(type) && trusts(declaring)) {
      return null;
    }
    String named = "replay does not call " + type.getName() + "#" + method.getName();
    if (trusts(type)) {
      return named + ": the method is declared by " + declaring.getName() + ", whose package is"
          + " not allowed and which is not annotated @AiJson (allowing or annotating " + type.getName()
          + " opts in the methods it declares, not those it inherits). Allow it with"
          + " AiJsonReplayer.allowing(\"" + declaring.getPackageName() + "\") or allowPackages(\""
          + declaring.getPackageName() + "\") if that package is trusted, or record an @AiJson"
          + " method " + type.getSimpleName() + " declares itself";
    }
    return named + ": its package is not allowed and neither the " + what + " nor the method is"
        + " annotated @AiJson" + alone + "." + fix(type);
  }

  /**
   * Returns why the {@code @Provides} method {@code method} may not be replayed, or null (see
   * {@link #refuseMethod}). A {@code Module} class alone is not enough: replay would
   * instantiate a library's module.
   */
  String refuseProvides(Class<?> module, Method method) {
    return refuseMethod(module, method, "module",
        " (a Guice module with an @Provides method alone is not enough)");
  }

  /**
   * Returns why the logged call of {@code method} on {@code type} may not be replayed, or null
   * (see {@link #refuseMethod}). {@code get()} of a provider is no exception: a library's
   * provider is a gadget too.
   */
  String refuseCall(Class<?> type, Method method) {
    return refuseMethod(type, method, "class", "");
  }

  /**
   * Returns why the injected field or method {@code member} may not be set, or null: its class
   * is in an allowed package, or the class or the member is annotated {@code @AiJson}.
   */
  String refuseMember(Class<?> type, AnnotatedElement member, String name) {
    if (optedIn(type, member) || allowsPackage(type)) {
      return null;
    }
    return "replay does not inject " + name + " of " + type.getName() + ": its package is not"
        + " allowed and neither the class nor the member is annotated @AiJson (@Inject alone is"
        + " not enough)." + fix(type);
  }

  /**
   * Returns why replay may not set the recorded field {@code field} of a module of class {@code
   * module}, after the module's no-argument constructor, or null: the class that declares the
   * field is in an allowed package, or it or the field is annotated {@code @AiJson}. Allowing the
   * module's class does not open the fields of a library superclass.
   */
  String refuseModuleField(Class<?> module, java.lang.reflect.Field field) {
    Class<?> type = field.getDeclaringClass();
    if (optedIn(type, field) || allowsPackage(type)) {
      return null;
    }
    return "replay does not set " + field.getName() + ", declared by " + type.getName() + ", a"
        + " superclass of the module " + module.getName() + ": its package is not allowed and"
        + " neither that class nor the field is annotated @AiJson." + fix(type);
  }

  static boolean isInject(AnnotatedElement element) {
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      if (INJECT.contains(annotation.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }

  static boolean has(AnnotatedElement element, String annotationName) {
    for (Annotation annotation : element.getDeclaredAnnotations()) {
      if (annotation.annotationType().getName().equals(annotationName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether {@code method} is {@code get()} of a provider class: Guice records a provider
   * binding as that call, and would make the same call itself.
   */
  static boolean isProviderGet(Class<?> type, Method method) {
    return method.getName().equals("get") && method.getParameterCount() == 0
        && implementsAny(type, PROVIDERS);
  }

  /** Returns whether {@code type} implements Guice's {@code Module}, through any supertype. */
  static boolean implementsModule(Class<?> type) {
    return implementsAny(type, Set.of(MODULE));
  }

  /** Returns whether {@code type} or a supertype has one of {@code names}. */
  static boolean implementsAny(Class<?> type, Set<String> names) {
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.push(type);
    while (!pending.isEmpty()) {
      Class<?> next = pending.pop();
      if (!seen.add(next)) {
        continue;
      }
      if (names.contains(next.getName())) {
        return true;
      }
      if (next.getSuperclass() != null) {
        pending.push(next.getSuperclass());
      }
      for (Class<?> implemented : next.getInterfaces()) {
        pending.push(implemented);
      }
    }
    return false;
  }
}
