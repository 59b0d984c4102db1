package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.ReplayPlan;
import dev.aijson.core.internal.ReplayStep;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each var's method name, whether it is written, and the key it binds, decided up front. */
final class VarBindings {
  /** The key a var's method binds: an optional qualifier, in source form, and a type. */
  record Binding(String qualifier, Type type) {}

  /** A qualifier of a document key, {@code a.b.Q(args)}, split into class name and arguments. */
  record Qualifier(String annotation, String arguments) {
    static Qualifier parse(String text) {
      int open = text.indexOf('(');
      return open < 0 ? new Qualifier(text, "") : new Qualifier(text.substring(0, open),
          text.substring(open));
    }

    /**
     * Returns the qualifier in source form, once its annotation has been loaded. The arguments
     * are a document's text, never copied into the source as they are: each string is written
     * again from its value as a string literal (a newline or a backslash in a {@code @Named}
     * value as its escape), and outside strings only the names, numbers and punctuation of
     * annotation values are taken, so that no text of a key can end the annotation and add code.
     *
     * @throws IllegalArgumentException naming what in the arguments is not an annotation value
     */
    String source(Class<?> annotation, TypeNames types) {
      return "@" + types.typeName(annotation) + safeArguments();
    }

    private String safeArguments() {
      if (arguments.isEmpty()) {
        return "";
      }
      if (!arguments.endsWith(")")) {
        throw new IllegalArgumentException("the qualifier's arguments " + arguments + " do not end"
            + " with \")\"");
      }
      String inner = arguments.substring(1, arguments.length() - 1);
      StringBuilder out = new StringBuilder("(");
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (c == '"') {
          // a string as documents quote it: a backslash escapes the next character
          StringBuilder value = new StringBuilder();
          int j = i + 1;
          for (; j < inner.length() && inner.charAt(j) != '"'; j++) {
            if (inner.charAt(j) == '\\' && j + 1 < inner.length()) {
              j++;
            }
            value.append(inner.charAt(j));
          }
          if (j == inner.length()) {
            throw new IllegalArgumentException("a string in the qualifier's arguments is not closed");
          }
          out.append(ValueWriter.stringLiteral(value.toString()));
          i = j;
        } else if (c < 0x80 && Character.isLetterOrDigit(c) || "_$.=, {}+-".indexOf(c) >= 0) {
          out.append(c);
        } else {
          throw new IllegalArgumentException("the qualifier's arguments hold '"
              + ValueWriter.escapeRaw(String.valueOf(c)) + "' outside a string, which no"
              + " annotation value a recording writes holds, and which could end the annotation"
              + " in the generated source");
        }
      }
      return out.append(')').toString();
    }
  }

  private final ReplayPlan plan;
  private final AiJsonDocument document;
  private final ClassLoader loader;
  private final Imports imports;
  private final TypeNames types;
  private final Problems problems;
  private final String[] names;
  private final boolean[] used;
  private final Binding[] bindings;

  /** Decides for every var at once: a method names the methods and keys of the vars it uses. */
  VarBindings(ReplayPlan plan, String className, ClassLoader loader, Imports imports,
      TypeNames types, Problems problems) {
    this.plan = plan;
    this.document = plan.document;
    this.loader = loader;
    this.imports = imports;
    this.types = types;
    this.problems = problems;
    List<AiJsonVar> vars = document.vars();
    this.names = JavaNames.methodNames(vars, className);
    this.used = markUsed(document);
    this.bindings = new Binding[vars.size()];
    Map<String, Integer> lastOfKey = new HashMap<>();
    for (int i = 0; i < vars.size(); i++) {
      if (vars.get(i).key() != null) {
        lastOfKey.put(vars.get(i).key(), i);
      }
    }
    // where several vars have a key, replay binds it to the last; the others get their own
    for (int i = 0; i < vars.size(); i++) {
      AiJsonVar var = vars.get(i);
      boolean ownsKey = var.key() != null && lastOfKey.get(var.key()) == i;
      bindings[i] = isSkippedCall(i) ? new Binding(null, Object.class)
          : ownsKey ? recordedKey(i) : synthetic(i);
    }
  }

  AiJsonVar var(int i) {
    return document.vars().get(i);
  }

  /** Returns the name of var {@code i}'s method, which is also its parameter name elsewhere. */
  String name(int i) {
    return names[i];
  }

  /** Returns every method name, which no parameter may take. */
  List<String> names() {
    return List.of(names);
  }

  Binding binding(int i) {
    return bindings[i];
  }

  /**
   * Whether var {@code i} is the {@code opaque} var of what Guice supplies itself, the {@code
   * Injector} or the {@code java.util.logging.Logger} a component received: Guice refuses to bind
   * those keys, so the module neither takes nor binds it, and each method that uses it receives
   * Guice's own, as replay does.
   */
  boolean isSuppliedByGuice(int i) {
    AiJsonVar var = document.vars().get(i);
    return var.kind() == AiJsonVar.Kind.OPAQUE && (GuiceNames.INJECTOR.equals(var.key())
        || GuiceNames.LOGGER.equals(var.key()));
  }

  /** Whether var {@code i} is a call nothing uses, which replay does not run and codegen skips. */
  boolean isSkippedCall(int i) {
    AiJsonVar var = document.vars().get(i);
    return var.kind() == AiJsonVar.Kind.CALL && var.key() == null && !used[i];
  }

  /** Marks the vars whose object something uses: referenced, or received a call. */
  private static boolean[] markUsed(AiJsonDocument document) {
    boolean[] used = new boolean[document.vars().size()];
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < document.vars().size(); i++) {
      index.put(document.vars().get(i).name(), i);
    }
    for (AiJsonVar var : document.vars()) {
      AiJsonValues.ReferenceVisitor mark = (ref, pointer) -> used[index.get(ref.var())] = true;
      if (var.receiver() != null) {
        mark.visit(var.receiver(), () -> "");
      }
      AiJsonValues.forEachReference(var.kwargs(), "", mark);
      AiJsonValues.forEachReference(var.members(), "", mark);
    }
    return used;
  }

  private Binding recordedKey(int i) {
    AiJsonVar var = document.vars().get(i);
    String key = var.key();
    String pointer = var.pointer() + "/key";
    try {
      if (!key.startsWith("@")) {
        return new Binding(null, AiJsonTypes.parse(key, loader));
      }
      int end = AiJsonTypes.keyQualifierEnd(key);
      if (end < 0) {
        throw new IllegalArgumentException("the qualifier is not followed by a type");
      }
      Qualifier qualifier = Qualifier.parse(key.substring(1, end));
      Type type = AiJsonTypes.parse(key.substring(end + 1), loader);
      Class<?> annotation = Class.forName(qualifier.annotation(), false, loader);
      if (!annotation.isAnnotation()) {
        throw new IllegalArgumentException(qualifier.annotation() + " is not an annotation");
      }
      types.checkAccess(annotation, var, pointer);
      return new Binding(qualifier.source(annotation, types), type);
    } catch (IllegalArgumentException | ClassNotFoundException | LinkageError e) {
      problems.add(pointer, var.label() + ": key \"" + key + "\" cannot be written as Java: "
          + e.getMessage() + ". Fix the key at " + pointer + ", or put its classes on the class"
          + " path.");
      return synthetic(i);
    }
  }

  private Binding synthetic(int i) {
    return new Binding("@" + imports.use(GuiceNames.NAMED) + "(\""
        + document.vars().get(i).name() + "\")", productType(i));
  }

  /** Returns the type of what a var's method returns when it binds no recorded key. */
  private Type productType(int i) {
    ReplayStep step = plan.step(i);
    if (step.executable instanceof Method method) {
      Type type = method.getGenericReturnType();
      return type instanceof TypeVariable<?> ? method.getReturnType() : type;
    }
    return step.type != null ? step.type : Object.class;
  }
}
