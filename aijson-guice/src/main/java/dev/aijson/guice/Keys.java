package dev.aijson.guice;

import com.google.inject.Key;
import com.google.inject.name.Named;
import dev.aijson.core.AiJsonTypes;
import java.lang.annotation.Annotation;
import java.util.concurrent.ConcurrentHashMap;

/** Writes Guice keys the way documents show them: {@code @com.google.inject.name.Named("x") a.B}. */
final class Keys {
  private static final ConcurrentHashMap<Key<?>, String> NAMES = new ConcurrentHashMap<>();

  private Keys() {}

  static String name(Key<?> key) {
    String name = NAMES.get(key);
    if (name == null) {
      name = compute(key);
      if (NAMES.size() < 10_000) {
        NAMES.putIfAbsent(key, name);
      }
    }
    return name;
  }

  private static String compute(Key<?> key) {
    String type = AiJsonTypes.name(key.getTypeLiteral().getType());
    Annotation annotation = key.getAnnotation();
    if (annotation != null) {
      return annotation(annotation) + " " + type;
    }
    if (key.getAnnotationType() != null) {
      return "@" + key.getAnnotationType().getName() + " " + type;
    }
    return type;
  }

  static String annotation(Annotation annotation) {
    if (annotation instanceof Named named) {
      return "@" + Named.class.getName() + "(" + quote(named.value()) + ")";
    }
    return annotation.toString();
  }

  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
