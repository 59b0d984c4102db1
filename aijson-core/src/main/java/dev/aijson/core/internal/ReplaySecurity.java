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
 * The replay security policy of DESIGN.md: what replay may construct or call without the
 * caller's say-so. Annotations and supertypes are compared by name, because aijson-core does not
 * depend on Guice, javax.inject or jakarta.inject, and reading them never initialises a class.
 */
public final class ReplaySecurity {
  static final String AIJSON = "dev.aijson.core.AiJson";
  static final String PROVIDES = "com.google.inject.Provides";
  private static final String MULTIBINDINGS = "com.google.inject.multibindings";
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
   * Returns why {@code constructor} may not be replayed, or null if it may. An assisted-inject
   * factory also calls {@code @AssistedInject} constructors, which replay then calls for {@code
   * byFactory} vars.
   */
  String refuseConstructor(Constructor<?> constructor, boolean byFactory) {
    Class<?> type = constructor.getDeclaringClass();
    if (isInject(constructor) || byFactory && has(constructor, ASSISTED_INJECT)
        || has(type, AIJSON) || allowsPackage(type)) {
      return null;
    }
    return "replay does not construct " + type.getName() + ": the constructor is not annotated"
        + (byFactory ? " @Inject (javax, jakarta or Guice) or @AssistedInject" : " @Inject (javax,"
            + " jakarta or Guice)") + ", the class is not annotated @AiJson, and its package"
        + " is not allowed. Annotate the constructor with @Inject or the class with @AiJson, or"
        + " allow the package with allowPackages(\"" + type.getPackageName() + "\")";
  }

  /**
   * Returns why replay may not implement the assisted-inject factory interface {@code factory}
   * (making its proxy initialises it), or null if it may: it is annotated {@code @AiJson} or in an
   * allowed package, or one of {@code products}, the constructors of the objects the document
   * says it made, was written for a factory ({@code @AssistedInject}, or an {@code @Assisted}
   * parameter).
   */
  String refuseFactory(Class<?> factory, List<Constructor<?>> products) {
    if (has(factory, AIJSON) || allowsPackage(factory)) {
      return null;
    }
    for (Constructor<?> product : products) {
      if (isAssisted(product)) {
        return null;
      }
    }
    return "replay does not implement the factory " + factory.getName() + ": it is not annotated"
        + " @AiJson, its package is not allowed, and no object the document says it made has an"
        + " @AssistedInject constructor or @Assisted parameters. Annotate the interface with"
        + " @AiJson, or allow the package with allowPackages(\"" + factory.getPackageName() + "\")";
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

  /** Returns why the {@code @Provides} method {@code method} may not be replayed, or null. */
  String refuseProvides(Class<?> module, Method method) {
    if (allowsPackage(module) && allowsPackage(method.getDeclaringClass())
        || implementsModule(module) && isProvidesMethod(method)) {
      return null;
    }
    String rule = implementsModule(module)
        ? "its method " + method.getName() + " is not annotated @" + PROVIDES
        : "it does not implement " + MODULE;
    return "replay does not call " + module.getName() + "#" + method.getName() + ": " + rule
        + ", and its package is not allowed. Make it a Guice module with an @Provides method, or"
        + " allow the package with allowPackages(\"" + module.getPackageName() + "\")";
  }

  /** Returns whether Guice calls {@code method} to provide: {@code @Provides} or {@code @ProvidesInto...}. */
  private static boolean isProvidesMethod(Method method) {
    return has(method, PROVIDES) || has(method, MULTIBINDINGS + ".ProvidesIntoSet")
        || has(method, MULTIBINDINGS + ".ProvidesIntoMap")
        || has(method, MULTIBINDINGS + ".ProvidesIntoOptional");
  }

  /** Returns why the logged call of {@code method} on {@code type} may not be replayed, or null. */
  String refuseCall(Class<?> type, Method method) {
    if (has(method, AIJSON) || isProviderGet(type, method)
        || allowsPackage(type) && allowsPackage(method.getDeclaringClass())) {
      return null;
    }
    return "replay does not call " + type.getName() + "#" + method.getName() + ": the method is"
        + " not annotated @AiJson (nor get() of a provider), and its package is not allowed. Annotate the method with"
        + " @AiJson, or allow the package with allowPackages(\"" + type.getPackageName() + "\")";
  }

  /** Returns why the injected field or method {@code member} may not be set, or null. */
  String refuseMember(Class<?> type, AnnotatedElement member, String name) {
    if (isInject(member) || allowsPackage(type)) {
      return null;
    }
    return "replay does not inject " + name + " of " + type.getName() + ": it is not annotated"
        + " @Inject (javax, jakarta or Guice), and its package is not allowed. Annotate it with"
        + " @Inject, or allow the package with allowPackages(\"" + type.getPackageName() + "\")";
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
