package dev.aijson.tools.codegen;

import static dev.aijson.tools.codegen.SourceText.code;
import static dev.aijson.tools.codegen.SourceText.wrap;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.Decoded;
import dev.aijson.core.internal.ReplayLookup;
import dev.aijson.core.internal.ReplayPlan;
import dev.aijson.core.internal.ReplayStep;
import dev.aijson.core.internal.ReplayStep.MemberStep;
import dev.aijson.tools.graphs.AiJsonGraphs;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** Writes one var's {@code @Provides} method, or the comment that stands for a skipped call. */
final class MethodWriter {
  private final ReplayPlan plan;
  private final ClassLoader loader;
  private final VarBindings bindings;
  private final TypeNames types;
  private final ValueWriter values;
  private final Imports imports;
  private final Problems problems;

  MethodWriter(ReplayPlan plan, ClassLoader loader, VarBindings bindings, TypeNames types,
      ValueWriter values, Imports imports, Problems problems) {
    this.plan = plan;
    this.loader = loader;
    this.bindings = bindings;
    this.types = types;
    this.values = values;
    this.imports = imports;
    this.problems = problems;
  }

  /** Appends what stands for var {@code i} in the module. */
  void write(int i, StringBuilder out) {
    if (bindings.isSkippedCall(i)) {
      skippedCall(i, out);
    } else if (bindings.isSuppliedByGuice(i)) {
      AiJsonVar var = bindings.var(i);
      out.append(SourceText.lineComment(var.name() + ": the " + AiJsonGraphs.shorten(var.key())
          + " Guice supplies itself and refuses to bind: each method that uses it receives"
          + (var.key().equals(GuiceNames.INJECTOR) ? " the injector," : " the logger named after"
              + " the class that received it,") + " as replay gives it."));
    } else {
      method(i, out);
    }
  }

  private void skippedCall(int i, StringBuilder out) {
    AiJsonVar var = bindings.var(i);
    out.append(SourceText.lineComment(var.name() + ": the call "
        + AiJsonGraphs.shorten(var.className()).replace('$', '.') + "#" + var.methodName()
        + " on " + var.receiver().var() + " (" + bindings.name(position(var.receiver())) + ")"
        + " was recorded, but nothing in the document uses its result, so it is not run here, as"
        + " replay does not run it either."));
  }

  private void method(int i, StringBuilder out) {
    AiJsonVar var = bindings.var(i);
    ReplayStep step = plan.step(i);
    VarBindings.Binding binding = bindings.binding(i);
    MethodParameters params = new MethodParameters(bindings, types, loader, problems);
    // the body first: it declares the parameters it uses
    String body;
    switch (var.kind()) {
      case OPAQUE -> body = "    return " + bindings.name(i) + ";\n";
      case CONSTRUCTOR, MODULE -> body = constructorBody(i, step, params);
      case PROVIDES -> body = providesBody(var, step, params);
      case CALL -> body = callBody(var, step, params);
      case MULTIBINDING -> body = collectionBody(var, step, params);
      default -> throw new IllegalStateException(var.kind().toString());
    }
    params.checkCount(var);
    out.append(SourceText.javadoc(describe(i), "  "));
    out.append("  @").append(imports.use(GuiceNames.PROVIDES)).append('\n');
    if (var.singleton()) {
      out.append("  @").append(imports.use(GuiceNames.SINGLETON)).append('\n');
    }
    if (binding.qualifier() != null) {
      out.append("  ").append(binding.qualifier()).append('\n');
    }
    String header = "  " + types.typeName(binding.type(), var, var.pointer()) + " "
        + bindings.name(i) + "(";
    out.append(wrap(header, params.declared(), ") {", "      ")).append('\n')
        .append(body).append("  }\n");
  }

  private String describe(int i) {
    AiJsonVar var = bindings.var(i);
    String what = switch (var.kind()) {
      case CONSTRUCTOR -> "constructs " + code(var.className());
      case PROVIDES ->
          "calls the provides method " + code(var.className() + "#" + var.methodName());
      case CALL -> "calls " + code(var.className() + "#" + var.methodName()) + " on "
          + var.receiver().var();
      case OPAQUE -> "the " + code(var.className()) + " given to the constructor (opaque: the"
          + " document cannot rebuild it)";
      case MODULE -> "makes the module " + code(var.className()) + " from its recorded fields,"
          + " for the methods of it that the vars after it call";
      case UNOBSERVED, FACTORY -> throw new IllegalStateException("refused by the plan: " + var);
      case MULTIBINDING -> "the collection " + code(var.key()) + " that Guice's "
          + var.caller() + " built, with its elements in the recorded order";
    };
    StringBuilder out = new StringBuilder(var.name()).append(": ").append(what);
    if (var.singleton()) {
      out.append("; singleton");
    }
    if (var.key() != null) {
      out.append("; key ").append(code(var.key()));
      String qualifier = bindings.binding(i).qualifier();
      if (qualifier != null && qualifier.endsWith("(\"" + var.name() + "\")")) {
        out.append(", which a later var binds, so this one is bound as ").append(code("@Named(\""
            + var.name() + "\")"));
      }
    }
    return out.append('.').toString();
  }

  private String constructorBody(int i, ReplayStep step, MethodParameters params) {
    AiJsonVar var = bindings.var(i);
    Constructor<?> constructor = (Constructor<?>) step.executable;
    types.checkAccess(constructor, var);
    String type = types.typeName(step.type, var, var.pointer());
    String diamond = step.type.getTypeParameters().length > 0 ? "<>" : "";
    List<String> args = values.arguments(var, step, constructor, params);
    if (step.members.isEmpty()) {
      return wrap("    return new " + type + diamond + "(", args, ");", "        ") + "\n";
    }
    StringBuilder out = new StringBuilder();
    String local = bindings.name(i);
    out.append(wrap("    " + type + " " + local + " = new " + type + diamond + "(", args, ");",
        "        ")).append('\n');
    for (MemberStep member : step.members) {
      String pointer = var.pointer() + AiJsonException.pointer("members", member.key());
      types.checkAccess(member.member(), var, pointer);
      Class<?> owner = member.member().getDeclaringClass();
      // a member of a superclass is set through a cast, in case the subclass hides it
      String target = owner == step.type ? local
          : "((" + types.typeName(owner, var, pointer) + ") " + local + ")";
      if (member.member() instanceof Field field) {
        out.append("    ").append(target).append('.').append(field.getName()).append(" = ")
            .append(values.value(member.values().get(0), field.getGenericType(), var, pointer,
                params))
            .append(";\n");
      } else {
        Method method = (Method) member.member();
        Type[] parameterTypes = ReplayLookup.parameterTypes(method);
        List<String> arguments = new ArrayList<>();
        for (int j = 0; j < parameterTypes.length; j++) {
          arguments.add(values.value(member.values().get(j), parameterTypes[j], var, pointer,
              params));
        }
        out.append(wrap("    " + target + "." + method.getName() + "(", arguments, ");",
            "        ")).append('\n');
      }
    }
    out.append("    return ").append(local).append(";\n");
    return out.toString();
  }

  private String providesBody(AiJsonVar var, ReplayStep step, MethodParameters params) {
    Method method = (Method) step.executable;
    types.checkAccess(method, var);
    String owner;
    if (Modifier.isStatic(method.getModifiers())) {
      owner = types.typeName(method.getDeclaringClass(), var, var.pointer());
    } else if (var.receiver() != null) {
      // the module made from its recorded fields, by the module var's own method
      int receiver = position(var.receiver());
      params.reference(receiver);
      owner = bindings.name(receiver);
    } else {
      Constructor<?> noArgs = noArgConstructor(step.type);
      if (noArgs == null || !types.isAccessible(noArgs) || step.type.isAnonymousClass()) {
        problems.add(var.pointer() + "/caller", var.label() + ": the module "
            + step.type.getName() + " has no " + (noArgs == null ? "" : "accessible ")
            + "constructor without arguments, so the generated code cannot make one to call "
            + method.getName() + " on. Give it a public constructor without arguments.");
        owner = "null";
      } else {
        owner = "new " + types.typeName(step.type, var, var.pointer()) + "()";
      }
    }
    return wrap("    return " + owner + "." + method.getName() + "(",
        values.arguments(var, step, method, params), ");", "        ") + "\n";
  }

  /**
   * Returns the body that builds a multibinding's collection from its elements, in their order:
   * the generated module provides the collection itself, as replay's binder provides it.
   */
  private String collectionBody(AiJsonVar var, ReplayStep step, MethodParameters params) {
    String collections = imports.use("java.util.Collections");
    List<String> parts = new ArrayList<>();
    List<Decoded> args = step.args();
    for (int j = 0; j < args.size(); j++) {
      String name = new ArrayList<>(var.kwargs().keySet()).get(j);
      String type = var.signature().get(j);
      Type declared = AiJsonTypes.parse(var.caller().equals("OptionalBinder") ? type
          : "java.util.List<" + type + ">", loader);
      parts.add(values.value(args.get(j), declared, var,
          var.pointer() + AiJsonException.pointer("kwargs", name), params));
    }
    return switch (var.caller()) {
      case "Multibinder" -> "    return " + collections + ".unmodifiableSet(new "
          + imports.use("java.util.LinkedHashSet") + "<>(" + parts.get(0) + "));\n";
      case "MapBinder" -> {
        String list = imports.use("java.util.List");
        String map = imports.use("java.util.Map");
        String keyType = types.typeName(AiJsonTypes.parse(var.signature().get(0), loader), var, var.pointer());
        String valueType = types.typeName(AiJsonTypes.parse(var.signature().get(1), loader), var, var.pointer());
        // the parameters are named after the vars they take (a class Values gives values)
        String keys = local("keys");
        String values = local("values");
        String result = local("map");
        String index = local("i");
        if (AiJsonTypes.isMultimapKey(var.key(), var.signature().get(0), var.signature().get(1))) {
          // the binder's Map<K, Set<V>>: each key once, with the values bound to it in order
          String set = imports.use("java.util.Set");
          String key = local("key");
          String each = local("each");
          yield "    " + list + "<" + keyType + "> " + keys + " = " + parts.get(0) + ";\n"
              + "    " + list + "<" + valueType + "> " + values + " = " + parts.get(1) + ";\n"
              + "    " + map + "<" + keyType + ", " + set + "<" + valueType + ">> " + result + " = new "
              + imports.use("java.util.LinkedHashMap") + "<>();\n"
              + "    for (int " + index + " = 0; " + index + " < " + keys + ".size(); " + index
              + "++) {\n"
              + "      " + result + ".computeIfAbsent(" + keys + ".get(" + index + "), " + key + " -> new "
              + imports.use("java.util.LinkedHashSet") + "<>()).add(" + values + ".get(" + index + "));\n"
              + "    }\n"
              + "    " + result + ".replaceAll((" + key + ", " + each + ") -> " + collections + ".unmodifiableSet(" + each + "));\n"
              + "    return " + collections + ".unmodifiableMap(" + result + ");\n";
        }
        yield "    " + list + "<" + keyType + "> " + keys + " = " + parts.get(0) + ";\n"
            + "    " + list + "<" + valueType + "> " + values + " = " + parts.get(1) + ";\n"
            + "    " + map + "<" + keyType + ", " + valueType + "> " + result + " = new "
            + imports.use("java.util.LinkedHashMap") + "<>();\n"
            + "    for (int " + index + " = 0; " + index + " < " + keys + ".size(); " + index
            + "++) {\n"
            + "      " + result + ".put(" + keys + ".get(" + index + "), " + values + ".get("
            + index + "));\n"
            + "    }\n"
            + "    return " + collections + ".unmodifiableMap(" + result + ");\n";
      }
      default -> "    return " + imports.use("java.util.Optional") + ".ofNullable(" + parts.get(0) + ");\n";
    };
  }

  private String callBody(AiJsonVar var, ReplayStep step, MethodParameters params) {
    Method method = (Method) step.executable;
    types.checkAccess(method, var);
    int receiver = position(var.receiver());
    params.reference(receiver);
    Class<?> bound = AiJsonTypes.rawType(bindings.binding(receiver).type());
    String target = method.getDeclaringClass().isAssignableFrom(bound) ? bindings.name(receiver)
        : "((" + types.typeName(step.type, var, var.pointer()) + ") " + bindings.name(receiver)
            + ")";
    List<String> args = values.arguments(var, step, method, params);
    String call = target + "." + method.getName() + "(";
    // a @Provides method must return a value, and a void call has none
    return method.getReturnType() == void.class
        ? wrap("    " + call, args, ");", "        ") + "\n    return null;\n"
        : wrap("    return " + call, args, ");", "        ") + "\n";
  }

  /**
   * Returns {@code base}, or it with {@code _} appended until it is no method's name: a local
   * variable must not take the name of a parameter, and every parameter is named after a var's
   * method (or ends with {@code Provider}).
   */
  private String local(String base) {
    String name = base;
    while (bindings.names().contains(name)) {
      name = name + "_";
    }
    return name;
  }

  private int position(AiJsonRef ref) {
    return plan.position(ref.var(), "AiJsonCodegen.toJava");
  }

  private static Constructor<?> noArgConstructor(Class<?> type) {
    try {
      return type.getDeclaredConstructor();
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }
}
