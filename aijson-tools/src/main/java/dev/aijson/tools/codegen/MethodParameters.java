package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parameters Guice injects into one generated method: the vars and providers it uses. */
final class MethodParameters {
  private final VarBindings bindings;
  private final TypeNames types;
  private final ClassLoader loader;
  private final Problems problems;
  private final Set<Integer> references = new LinkedHashSet<>();
  private final Map<String, String> providers = new LinkedHashMap<>();
  private final List<String> declared = new ArrayList<>();

  MethodParameters(VarBindings bindings, TypeNames types, ClassLoader loader, Problems problems) {
    this.bindings = bindings;
    this.types = types;
    this.loader = loader;
    this.problems = problems;
  }

  /** The most parameters a generated method declares: each takes one of the JVM's 255 slots. */
  static final int MAX_PARAMETERS = 254;

  /** Returns the parameter declarations, in the order the body first used them. */
  List<String> declared() {
    return declared;
  }

  /**
   * Reports, before any code is written, a method that would declare more parameters than a Java
   * method may take (255 slots, one of them {@code this}): {@code javac} would refuse the file.
   */
  void checkCount(AiJsonVar var) {
    if (declared.size() > MAX_PARAMETERS) {
      problems.add(var.pointer(), var.label() + ": its generated method would take "
          + declared.size() + " parameters (the vars and providers it uses), more than the "
          + MAX_PARAMETERS + " a Java method may; javac would refuse it. Replay the document with"
          + " ReplayModule, which has no such limit, or record fewer inputs into one object.");
    }
  }

  /** Declares var {@code index} as a parameter, bound to the key its own method binds. */
  void reference(int index) {
    if (references.add(index)) {
      AiJsonVar var = bindings.var(index);
      VarBindings.Binding binding = bindings.binding(index);
      declared.add((binding.qualifier() == null ? "" : binding.qualifier() + " ")
          + types.typeName(binding.type(), var, var.pointer()) + " " + bindings.name(index));
    }
  }

  /** Returns the name of a parameter that provides {@code key} as {@code declaredType}. */
  String provider(String key, Type declaredType, AiJsonVar var, String pointer) {
    String known = providers.get(key + " " + declaredType);
    if (known != null) {
      return known;
    }
    String qualifier = null;
    if (key.startsWith("@")) {
      int end = AiJsonTypes.keyQualifierEnd(key);
      if (end > 0) {
        VarBindings.Qualifier parsed = VarBindings.Qualifier.parse(key.substring(1, end));
        try {
          Class<?> type = Class.forName(parsed.annotation(), false, loader);
          qualifier = parsed.source(type, types);
        } catch (ClassNotFoundException | LinkageError e) {
          problems.add(pointer, var.label() + ": the qualifier " + parsed.annotation()
              + " of provider key \"" + key + "\" cannot be loaded. Put it on the class path.");
        } catch (IllegalArgumentException e) {
          problems.add(pointer, var.label() + ": provider key \"" + key + "\" cannot be written as"
              + " Java: " + e.getMessage() + ". Fix the key at " + pointer + ".");
        }
      }
    }
    String base = JavaNames.providerBaseName(key);
    String name = base;
    Set<String> taken = new HashSet<>(bindings.names());
    taken.addAll(providers.values());
    for (int n = 2; taken.contains(name); n++) {
      name = base + n;
    }
    providers.put(key + " " + declaredType, name);
    declared.add((qualifier == null ? "" : qualifier + " ")
        + types.typeName(declaredType, var, pointer) + " " + name);
    return name;
  }
}
