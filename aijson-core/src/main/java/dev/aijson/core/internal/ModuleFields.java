package dev.aijson.core.internal;

import dev.aijson.core.recording.ModuleState;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How replay finds a Guice module's recorded fields and a way to make the module from them. The
 * fields are those the recorder records ({@link ModuleState#fieldsOf}), named as it names them:
 * by field name, and a name a superclass already used by the declaring class's simple name and a
 * dot ({@code Base.size}).
 */
final class ModuleFields {
  /** Guice's package: its module classes hold no state of the user's. */
  static final String GUICE = "com.google.inject";

  private ModuleFields() {}

  /** Returns the recorded fields of module class {@code type}, by the names the recorder gives. */
  static Map<String, Field> of(Class<?> type) {
    List<Field> declared = ModuleState.fieldsOf(type, GUICE);
    List<String> names = ModuleState.namesOf(declared);
    Map<String, Field> fields = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      fields.put(names.get(i), declared.get(i));
    }
    return fields;
  }

  /**
   * Returns the non-private constructor of {@code type} whose parameters are exactly the fields
   * {@code recorded}, by name (the class must be compiled with {@code -parameters}) and generic
   * type, or null if it has none.
   */
  static Constructor<?> constructor(Class<?> type, Set<String> recorded, Map<String, Field> fields) {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (Modifier.isPrivate(constructor.getModifiers()) || constructor.isSynthetic()
          || constructor.getParameterCount() != recorded.size() || recorded.isEmpty()) {
        continue;
      }
      Set<String> names = new HashSet<>();
      boolean fits = true;
      for (Parameter parameter : constructor.getParameters()) {
        Field field = fields.get(parameter.getName());
        fits &= parameter.isNamePresent() && field != null && recorded.contains(parameter.getName())
            && AiJsonTypes.name(field.getGenericType()).equals(AiJsonTypes.name(parameter.getParameterizedType()))
            && names.add(parameter.getName());
      }
      if (fits) {
        return constructor;
      }
    }
    return null;
  }

  /** Returns the non-private no-argument constructor of {@code type}, or null. */
  static Constructor<?> noArgumentConstructor(Class<?> type) {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == 0 && !Modifier.isPrivate(constructor.getModifiers())) {
        return constructor;
      }
    }
    return null;
  }

  /** Returns what replay would need to make {@code type} from {@code recorded}, for a message. */
  static String needs(Class<?> type, Set<String> recorded, Map<String, Field> fields,
      Constructor<?> noArgument, List<String> finals) {
    String unfit = unfit(type);
    if (unfit != null) {
      return "it " + unfit;
    }
    StringBuilder needs = new StringBuilder("no non-private constructor takes exactly "
        + (recorded.size() == 1 ? "that field" : "those fields") + " by name and type");
    if (noArgument == null) {
      needs.append(", and it has no non-private no-argument constructor after which to set them");
    } else if (!finals.isEmpty()) {
      needs.append(", and ").append(String.join(", ", finals))
          .append(finals.size() == 1 ? " is" : " are")
          .append(" final, so cannot be set after its no-argument constructor");
    }
    boolean named = true;
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      for (Parameter parameter : constructor.getParameters()) {
        named &= parameter.isNamePresent();
      }
    }
    if (!named) {
      needs.append(" (its constructors' parameter names are not in the class file: compile it"
          + " with -parameters)");
    }
    return needs.toString();
  }

  /** Returns why a module class can be made by no constructor at all, or null. */
  static String unfit(Class<?> type) {
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      return "is abstract";
    }
    if (type.isAnonymousClass()) {
      return "is an anonymous class";
    }
    if (type.isLocalClass()) {
      return "is a local class";
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      return "is an inner (non-static) class";
    }
    return null;
  }
}
