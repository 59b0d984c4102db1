package dev.aijson.core.internal;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Finds the constructors, methods and injected members a var names, by the generic parameter
 * type names of its {@code signature}, and describes what exists when nothing matches.
 */
public final class ReplayLookup {
  private ReplayLookup() {}

  /** Returns the constructor of {@code type} whose parameter type names are {@code signature}. */
  static Constructor<?> constructor(Class<?> type, List<String> signature) {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (!constructor.isSynthetic() && signature.equals(typeNames(constructor))) {
        return constructor;
      }
    }
    return null;
  }

  /**
   * Returns the method {@code name} with parameter type names {@code signature}, declared by
   * {@code type} or a superclass, public or not.
   */
  static Method method(Class<?> type, String name, List<String> signature) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals(name) && !method.isBridge() && !method.isSynthetic()
            && signature.equals(typeNames(method))) {
          return method;
        }
      }
    }
    return null;
  }

  /** Returns the document names of the generic parameter types of {@code executable}. */
  static List<String> typeNames(Executable executable) {
    List<String> names = new ArrayList<>();
    for (Type type : parameterTypes(executable)) {
      names.add(AiJsonTypes.name(type));
    }
    return names;
  }

  /** Returns the generic parameter types, falling back to the raw ones where they disagree. */
  public static Type[] parameterTypes(Executable executable) {
    try {
      Type[] generic = executable.getGenericParameterTypes();
      if (generic.length == executable.getParameterCount()) {
        return generic;
      }
    } catch (RuntimeException | LinkageError e) {
      // a malformed or missing generic signature: the raw types still identify the parameters
    }
    return executable.getParameterTypes();
  }

  /** Returns the constructors of {@code type} as their signatures, such as "(int), ()". */
  static String describeConstructors(Class<?> type) {
    StringJoiner out = new StringJoiner(", ");
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (!constructor.isSynthetic()) {
        out.add(describe(constructor));
      }
    }
    return out.length() == 0 ? "none" : out.toString();
  }

  /** Returns the methods named {@code name} of {@code type} and its superclasses. */
  static String describeMethods(Class<?> type, String name) {
    StringJoiner out = new StringJoiner(", ");
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals(name) && !method.isBridge() && !method.isSynthetic()) {
          out.add(name + describe(method));
        }
      }
    }
    return out.length() == 0 ? "no method named " + name : out.toString();
  }

  public static String describe(Executable executable) {
    StringJoiner out = new StringJoiner(", ", "(", ")");
    typeNames(executable).forEach(out::add);
    return out.toString();
  }

  /**
   * Returns the field or method that a {@code members} key names: {@code name}, the first of that
   * name in injection order (superclasses first, fields before methods, {@code @Inject} ones
   * before others), or {@code Simple.name}, the one declared by the class of that simple name.
   * Of a class's overloaded methods of that name (recorded as {@code name} and {@code
   * Simple.name}), the one whose parameters {@code value}'s argument names fit.
   */
  static Member member(Class<?> type, String key, Object value) {
    int dot = key.lastIndexOf('.');
    String owner = dot < 0 ? null : key.substring(0, dot);
    String name = key.substring(dot + 1);
    for (boolean injectOnly : new boolean[] {true, false}) {
      for (Class<?> c : hierarchy(type)) {
        if (owner == null || owner.equals(c.getSimpleName())) {
          Member found = declared(c, name, injectOnly);
          if (found instanceof Method && value instanceof Map<?, ?> arguments) {
            found = overload(c, (Method) found, arguments, injectOnly);
          }
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  /** Returns the names of the fields and methods of {@code type} that are marked {@code @Inject}. */
  static String describeInjectable(Class<?> type) {
    StringJoiner out = new StringJoiner(", ");
    for (Class<?> c : hierarchy(type)) {
      for (Field field : c.getDeclaredFields()) {
        if (ReplaySecurity.isInject(field)) {
          out.add(field.getName());
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (ReplaySecurity.isInject(m)) {
          out.add(m.getName() + "(...)");
        }
      }
    }
    return out.length() == 0 ? "none" : out.toString();
  }

  /** Returns {@code type} and its superclasses, topmost first, without {@code Object}. */
  static List<Class<?>> hierarchy(Class<?> type) {
    Deque<Class<?>> classes = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      classes.push(c);
    }
    return new ArrayList<>(classes);
  }

  private static Member declared(Class<?> type, String name, boolean injectOnly) {
    for (Field field : type.getDeclaredFields()) {
      if (field.getName().equals(name) && !field.isSynthetic()
          && (!injectOnly || ReplaySecurity.isInject(field))) {
        return field;
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equals(name) && !method.isBridge() && !method.isSynthetic()
          && (!injectOnly || ReplaySecurity.isInject(method))) {
        return method;
      }
    }
    return null;
  }

  /**
   * Returns the method of {@code type} named as {@code first} whose parameters {@code arguments}
   * fits by count and by the names a recording gives them; {@code first} if none or several do.
   */
  private static Method overload(Class<?> type, Method first, Map<?, ?> arguments, boolean injectOnly) {
    Method fit = null;
    for (Method method : type.getDeclaredMethods()) {
      if (!method.getName().equals(first.getName()) || method.isBridge() || method.isSynthetic()
          || injectOnly && !ReplaySecurity.isInject(method) || method.getParameterCount() != arguments.size()) {
        continue;
      }
      java.lang.reflect.Parameter[] parameters = method.getParameters();
      int i = 0;
      boolean named = true;
      for (Object argument : arguments.keySet()) {
        named &= argument instanceof String kwarg && isKwargName(kwarg, parameters[i], i);
        i++;
      }
      if (named) {
        if (fit != null) {
          return first; // the names do not tell them apart
        }
        fit = method;
      }
    }
    return fit != null ? fit : first;
  }

  /** Returns whether {@code member} is static. */
  static boolean isStatic(Member member) {
    return Modifier.isStatic(member.getModifiers());
  }

  /** Makes {@code object} accessible, returning the failure's message, or null on success. */
  static String open(AccessibleObject object) {
    try {
      object.setAccessible(true);
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private static final java.util.Set<String> NAMED = java.util.Set.of(
      "com.google.inject.name.Named", "javax.inject.Named", "jakarta.inject.Named");
  /** The annotations replay reads to match kwargs and members: Named, then Inject. */
  static final List<String> NAMED_ANNOTATIONS =
      List.of("javax.inject.Named", "jakarta.inject.Named", "com.google.inject.name.Named");
  static final List<String> INJECT_ANNOTATIONS =
      List.of("javax.inject.Inject", "jakarta.inject.Inject", "com.google.inject.Inject");

  /**
   * Returns a sentence saying which of {@code annotations} cannot be loaded where {@code type}
   * was loaded, or an empty string if every one can. Java silently drops an annotation whose
   * class is missing, so a parameter annotated {@code @javax.inject.Named} reads as unannotated
   * when javax.inject is not on the class path: the message then says so rather than only that
   * the annotation is absent.
   */
  static String missingAnnotationClasses(Class<?> type, List<String> annotations) {
    ClassLoader loader = type.getClassLoader();
    List<String> missing = new ArrayList<>();
    for (String annotation : annotations) {
      try {
        Class.forName(annotation, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        missing.add(annotation);
      }
    }
    if (missing.isEmpty()) {
      return "";
    }
    List<String> jars = missing.stream().map(a -> a.substring(0, a.lastIndexOf('.'))).distinct().toList();
    return " Note: the annotation class" + (missing.size() == 1 ? " " : "es ") + String.join(", ", missing)
        + " could not be loaded from the class path of "
        + type.getName() + ", and Java drops an annotation whose class is missing: if "
        + type.getSimpleName() + " uses " + (missing.size() == 1 ? "it" : "one of them") + ", add"
        + " the jar of " + String.join(" or ", jars) + " to the class path (aijson --classpath)"
        + " rather than changing the document.";
  }


  /**
   * Returns the kwarg name a recording gives {@code parameter}: its name where the class was
   * compiled with {@code -parameters}, else its {@code @Named} value, else {@code arg} and its
   * index.
   */
  static String kwargName(java.lang.reflect.Parameter parameter, int index) {
    if (parameter.isNamePresent()) {
      return parameter.getName();
    }
    String named = namedValue(parameter);
    return named != null ? named : "arg" + index;
  }

  /** Returns whether a recording may have named {@code parameter} {@code kwarg}. */
  static boolean isKwargName(String kwarg, java.lang.reflect.Parameter parameter, int index) {
    if (parameter.isNamePresent()) {
      return kwarg.equals(parameter.getName());
    }
    // a logged call names an unnamed parameter argN even where it is @Named
    return kwarg.equals("arg" + index) || kwarg.equals(namedValue(parameter));
  }

  private static String namedValue(java.lang.reflect.Parameter parameter) {
    for (java.lang.annotation.Annotation annotation : parameter.getAnnotations()) {
      if (NAMED.contains(annotation.annotationType().getName())) {
        try {
          Object value = annotation.annotationType().getMethod("value").invoke(annotation);
          return value instanceof String s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }
}
