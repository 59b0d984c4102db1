package dev.aijson.guice;

import com.google.inject.Key;
import com.google.inject.name.Named;
import dev.aijson.core.AiJsonTypes;
import java.lang.annotation.Annotation;

/** Writes Guice keys the way documents show them: {@code @com.google.inject.name.Named("x") a.B}. */
final class Keys {
  private Keys() {}

  static String name(Key<?> key) {
    String type = AiJsonTypes.name(key.getTypeLiteral().getType());
    Annotation annotation = key.getAnnotation();
    if (annotation != null && annotation.annotationType().getDeclaredMethods().length > 0) {
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
