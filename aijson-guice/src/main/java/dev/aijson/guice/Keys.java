package dev.aijson.guice;

import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.internal.AiJsonTypes;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Writes and reads Guice keys the way documents show them: {@code @com.google.inject.name.Named("x") a.B}. */
final class Keys {
  private Keys() {}

  /**
   * Whether an annotation type has attributes, so that its instances differ by their values;
   * asked for every binding recorded, and reflection copies the methods at every call.
   */
  private static final ClassValue<Boolean> HAS_ATTRIBUTES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return type.getDeclaredMethods().length > 0;
    }
  };

  private static final String NAMED = "@" + Named.class.getName() + "(";

  static String name(Key<?> key) {
    String type = AiJsonTypes.name(key.getTypeLiteral().getType());
    Annotation annotation = key.getAnnotation();
    if (annotation instanceof Named named) {
      // the qualifier of most keys, named once per binding recorded: one concatenation
      String value = named.value();
      return isPlain(value) ? NAMED + "\"" + value + "\") " + type : NAMED + quote(value) + ") " + type;
    }
    if (annotation != null && HAS_ATTRIBUTES.get(annotation.annotationType())) {
      return annotation(annotation) + " " + type;
    }
    if (key.getAnnotationType() != null) {
      return "@" + key.getAnnotationType().getName() + " " + type;
    }
    return type;
  }

  /** Types Guice binds itself or refuses to bind, by name: a document cannot bind them. */
  private static final Set<String> UNBINDABLE = Set.of(
      "com.google.inject.AbstractModule", "com.google.inject.Binder", "com.google.inject.Binding",
      "com.google.inject.Injector", "com.google.inject.Key", "com.google.inject.MembersInjector",
      "com.google.inject.Module", "com.google.inject.Provider", "com.google.inject.Scope",
      "com.google.inject.Stage", "com.google.inject.TypeLiteral", "javax.inject.Provider",
      "jakarta.inject.Provider", "java.util.logging.Logger", "void", "java.lang.Void");

  /**
   * Returns whether Guice itself supplies {@code key} in every injector, so that an {@code opaque}
   * var of it is taken from the replaying injector and never bound: the {@code Injector}, and the
   * {@code java.util.logging.Logger} named after the class it is injected into.
   */
  static boolean suppliedByGuice(Key<?> key) {
    String type = key.getTypeLiteral().getType().getTypeName();
    return key.getAnnotationType() == null
        && (type.equals("com.google.inject.Injector") || type.equals("java.util.logging.Logger"));
  }

  /** Returns whether {@code key} is Guice's own {@code java.util.logging.Logger}. */
  static boolean isLogger(Key<?> key) {
    return key.getAnnotationType() == null && key.getTypeLiteral().getType() == java.util.logging.Logger.class;
  }

  /** Returns the key of {@code type} with the qualifier of {@code key}, if it has one. */
  static Key<?> withType(Key<?> key, java.lang.reflect.Type type) {
    return key.getAnnotation() != null ? Key.get(type, key.getAnnotation())
        : key.getAnnotationType() != null ? Key.get(type, key.getAnnotationType())
        : Key.get(type);
  }

  /** Returns why Guice will not let a module bind {@code key}, or null if it will. */
  static String unbindable(Key<?> key) {
    String type = key.getTypeLiteral().getRawType().getName();
    return UNBINDABLE.contains(type)
        ? "Guice binds or refuses " + type + " itself; a document may not bind it"
        : null;
  }

  static String annotation(Annotation annotation) {
    if (annotation instanceof Named named) {
      return NAMED + quote(named.value()) + ")";
    }
    return annotation.toString();
  }

  /**
   * Returns the key a document names, loading classes without initialising them.
   *
   * @throws IllegalArgumentException naming what in {@code text} cannot be read back
   */
  static Key<?> parse(String text, ClassLoader loader) {
    return parse(text, loader, new Types());
  }

  /**
   * The types of one document's keys, by name: keys of one type share its type literal (a key
   * made from a type makes a literal of its own, one more object for each key a replay binds).
   * The type of the last key read is checked first, in place: the many keys {@code @Named("block0")
   * a.Block}, {@code @Named("block1") a.Block} and on find it without their type's name cut out.
   */
  static final class Types {
    private final Map<String, TypeLiteral<?>> byName = new HashMap<>();
    private String lastName;
    private TypeLiteral<?> last;

    /** Returns the type named by {@code text} from {@code start} to its end. */
    TypeLiteral<?> of(String text, int start, ClassLoader loader) {
      int length = text.length() - start;
      if (lastName != null && lastName.length() == length && text.startsWith(lastName, start)) {
        return last;
      }
      String name = start == 0 ? text : text.substring(start);
      TypeLiteral<?> type = byName.get(name);
      if (type == null) {
        type = TypeLiteral.get(AiJsonTypes.parse(name, loader));
        byName.put(name, type);
      }
      lastName = name;
      last = type;
      return type;
    }
  }

  /**
   * Returns the key a document names, as {@link #parse(String, ClassLoader)} does, taking the
   * type from {@code types} if an earlier key of the same document had it.
   */
  static Key<?> parse(String text, ClassLoader loader, Types types) {
    if (!text.startsWith("@")) {
      return Key.get(types.of(text, 0, loader));
    }
    int end = AiJsonTypes.keyQualifierEnd(text);
    if (end < 0) {
      throw new IllegalArgumentException("the qualifier of key \"" + text + "\" is not followed by a type");
    }
    TypeLiteral<?> type = types.of(text, end + 1, loader);
    // the qualifier is text[1, end): a marker annotation's name, or Named("value")
    int open = text.indexOf('(', 1);
    if (open < 0 || open >= end) {
      String qualifier = text.substring(1, end);
      Class<?> marker;
      try {
        marker = Class.forName(qualifier, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalArgumentException("the qualifier " + qualifier + " cannot be found", e);
      }
      if (!marker.isAnnotation()) {
        throw new IllegalArgumentException(qualifier + " is not an annotation, so it cannot qualify a key");
      }
      if (!isQualifier(marker)) {
        // Guice's own message asks to annotate the type with @BindingAnnotation, which a
        // document's reader cannot do to a library's annotation such as java.lang.Deprecated
        throw new IllegalArgumentException(qualifier + " is an annotation but not a qualifier (it is"
            + " annotated neither @BindingAnnotation nor @Qualifier), so it cannot qualify a key");
      }
      return Key.get(type, marker.asSubclass(Annotation.class));
    }
    // @Named("value"): only the value is cut out of the text
    if (open + 1 == NAMED.length() && text.startsWith(NAMED, 0) && text.startsWith("\"", open + 1)
        && end - 2 >= open + 2 && text.startsWith("\")", end - 2)) {
      return Key.get(type, Names.named(unquote(text.substring(open + 2, end - 2))));
    }
    throw new IllegalArgumentException(
        "the qualifier " + text.substring(1, end) + " has attributes other than a @Named value,"
            + " which replay cannot rebuild; qualify the binding with @Named or a marker annotation");
  }

  /**
   * Returns whether annotation type {@code type} is a Guice binding annotation or a javax or
   * jakarta qualifier, read by name: reading its annotations does not initialise it.
   */
  private static boolean isQualifier(Class<?> type) {
    for (Annotation annotation : type.getDeclaredAnnotations()) {
      String name = annotation.annotationType().getName();
      if (name.equals("com.google.inject.BindingAnnotation") || name.equals("javax.inject.Qualifier")
          || name.equals("jakarta.inject.Qualifier")) {
        return true;
      }
    }
    return false;
  }

  private static String unquote(String quoted) {
    if (quoted.indexOf('\\') < 0) {
      return quoted;
    }
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) {
        c = quoted.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Returns whether {@code value} is quoted as it is: it has no quote or backslash to escape. */
  private static boolean isPlain(String value) {
    return value.indexOf('\\') < 0 && value.indexOf('"') < 0;
  }

  static String quote(String value) {
    if (isPlain(value)) {
      return "\"" + value + "\"";
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
