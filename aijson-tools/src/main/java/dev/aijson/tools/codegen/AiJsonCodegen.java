package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.Decoded;
import dev.aijson.core.internal.ReplayLookup;
import dev.aijson.core.internal.ReplayPlan;
import dev.aijson.core.internal.ReplayStep.MemberStep;
import dev.aijson.core.internal.ReplayStep;
import dev.aijson.core.internal.ValueDecoder;
import dev.aijson.tools.graphs.AiJsonGraphs;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns a document into the Java source of a Guice module that wires the same object graph in
 * code: one {@code @Provides} method per var, for code review and for teams that prefer code to
 * JSON.
 *
 * <p>How the document becomes code:
 *
 * <ul>
 *   <li>A {@code constructor} var becomes a method that calls the recorded constructor with the
 *       recorded arguments, then sets its recorded {@code members} (fields and methods).
 *   <li>A {@code provides} var calls its {@code @Provides} method on a new instance of its module
 *       (or on the class, for a static method).
 *   <li>A {@code call} var whose result something uses, or that has a key (a provider's
 *       {@code get()}), calls the method on its receiver. A call nothing uses (a logged {@code
 *       fit}) is written as a comment and not run, as replay does not run it: serving never
 *       re-trains.
 *   <li>An {@code opaque} var, an instance the recording could not look into, becomes a
 *       constructor parameter of the generated module, which its method returns.
 *   <li>Each method binds the var's recorded key, with its qualifier and scope ({@code
 *       @Singleton} for singletons, so they stay shared). Where several vars have the same key
 *       (an unscoped key provisioned more than once), the last binds the key, as in replay, and
 *       the others, like vars without a key, bind {@code @Named("varN")} with their own class.
 *   <li>A reference becomes a parameter of the method, bound to the key of the var it names; a
 *       {@code {"provider": key}} argument becomes a {@code Provider} parameter of that key.
 *   <li>Values are written as Java literals of the declared parameter type: {@code 5L}, {@code
 *       0.1f}, enum constants, {@code new Config(...)} for records, {@code List.of(...)} for
 *       lists, {@code new LinkedHashSet<>(List.of(...))} and {@code new TreeSet<>(...)} for sets
 *       and a small {@code linkedMap(...)} helper for maps, so that iteration order is kept. Lists
 *       are immutable unless the parameter's type is a concrete class such as {@code ArrayList}.
 *   <li>Where a constructor or method has an overload of the same arity, an argument whose type
 *       is not exact ({@code null}, a reference, a collection) is cast to its parameter type, so
 *       that the compiler picks the recorded one.
 * </ul>
 *
 * <p>Unscoped vars behave as unscoped keys do in Guice: one instance per injection point. The
 * generated code calls constructors and methods directly, so they must be accessible from the
 * generated package: public, or package-private and generated into the same package (and loaded
 * by the same class loader). Anything else is reported, with every other problem, in one
 * {@link AiJsonException}. The document is first checked as replay checks it, with every package
 * it names allowed, so the classes must be on the class path given.
 *
 * <pre>{@code
 * AiJsonDocument document = AiJsonDocument.parse(Files.readString(Path.of("pipeline.json")));
 * String java = AiJsonCodegen.toJava(document, "com.acme.serving", "PipelineWiring");
 * Files.writeString(Path.of("src/main/java/com/acme/serving/PipelineWiring.java"), java);
 * // Guice.createInjector(new PipelineWiring(dataSource)).getInstance(SentimentPipeline.class)
 * }</pre>
 */
public final class AiJsonCodegen {
  private static final Pattern IDENTIFIER =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
  private static final Pattern PACKAGE =
      Pattern.compile("(" + IDENTIFIER + "(\\." + IDENTIFIER + ")*)?");
  private static final Set<String> KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
      "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
      "long", "native", "new", "package", "private", "protected", "public", "return", "short",
      "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
      "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "yield",
      "record", "sealed", "permits", "_");
  /** Names a method of the generated module must not take: AbstractModule's and Object's. */
  private static final Set<String> RESERVED = Set.of(
      "configure", "binder", "bind", "bindConstant", "install", "addError", "requestInjection",
      "requestStaticInjection", "requireBinding", "getProvider", "getMembersInjector",
      "bindListener", "bindInterceptor", "bindScope", "convertToTypes", "currentStage",
      "requireAtInjectOnConstructors", "requireExactBindingAnnotations", "requireExplicitBindings",
      "disableCircularProxies", "scanModulesForAnnotatedMethods", "equals", "hashCode",
      "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize", "linkedMap");
  private static final String NAMED = "com.google.inject.name.Named";
  private static final int WIDTH = 100;

  private AiJsonCodegen() {}

  /**
   * Returns the Java source of a Guice module that wires {@code document}, loading its classes
   * from the thread's context class loader.
   *
   * @param document the document
   * @param packageName the package of the generated class, such as {@code com.acme.serving}
   * @param className the simple name of the generated class, such as {@code PipelineWiring}
   * @return the source of one compilation unit
   * @throws AiJsonException listing every problem: names that are not Java names, classes that do
   *     not load, members the generated package cannot access, and what replay would refuse
   */
  public static String toJava(AiJsonDocument document, String packageName, String className) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return toJava(document, packageName, className,
        context != null ? context : AiJsonCodegen.class.getClassLoader());
  }

  /**
   * Returns the Java source of a Guice module that wires {@code document}, loading its classes
   * from {@code classLoader}.
   *
   * @param document the document
   * @param packageName the package of the generated class ({@code ""} for the default package)
   * @param className the simple name of the generated class
   * @param classLoader the class loader of the document's classes
   * @return the source of one compilation unit
   * @throws AiJsonException listing every problem
   */
  public static String toJava(
      AiJsonDocument document, String packageName, String className, ClassLoader classLoader) {
    List<Problem> problems = new ArrayList<>();
    if (document == null) {
      throw new AiJsonException("", "AiJsonCodegen.toJava needs a document, but got null. Pass a"
          + " parsed AiJsonDocument.");
    }
    if (packageName == null || !PACKAGE.matcher(packageName).matches()
        || Arrays.stream(packageName.split("\\.")).anyMatch(KEYWORDS::contains)) {
      problems.add(new Problem("", "\"" + packageName + "\" is not a Java package name. Pass a"
          + " package such as com.acme.serving."));
    }
    if (className == null || !IDENTIFIER.matcher(className).matches()
        || KEYWORDS.contains(className)) {
      problems.add(new Problem("", "\"" + className + "\" is not a Java class name. Pass a simple"
          + " name such as PipelineWiring."));
    }
    if (!problems.isEmpty()) {
      throw AiJsonException.of(problems);
    }
    if (classLoader == null) {
      throw new AiJsonException("", "AiJsonCodegen.toJava needs the class loader of the document's"
          + " classes, but got null. Pass one, or use toJava(document, packageName, className).");
    }
    ReplayPlan plan = ReplayPlan.of(document, classLoader, rootPackages(document));
    return new Writer(plan, packageName, className, classLoader).write();
  }

  /** Allows everything the document names: codegen constructs nothing. */
  private static List<String> rootPackages(AiJsonDocument document) {
    Set<String> roots = new LinkedHashSet<>();
    for (AiJsonVar var : document.vars()) {
      int dot = var.module().indexOf('.');
      roots.add(dot < 0 ? var.module() : var.module().substring(0, dot));
    }
    return new ArrayList<>(roots);
  }

  /** Writes one module; collects problems and throws them all at the end. */
  private static final class Writer {
    private final ReplayPlan plan;
    private final AiJsonDocument document;
    private final String packageName;
    private final String className;
    private final ClassLoader loader;
    private final List<Problem> problems = new ArrayList<>();
    private final Imports imports;
    private final String[] names;
    private final Binding[] bindings;
    private final boolean[] used;
    private boolean needsLinkedMap;

    /** The key a var's method binds: an optional qualifier, in source form, and a type. */
    private record Binding(String qualifier, Type type) {}

    Writer(ReplayPlan plan, String packageName, String className, ClassLoader loader) {
      this.plan = plan;
      this.document = plan.document;
      this.packageName = packageName;
      this.className = className;
      this.loader = loader;
      this.imports = new Imports(packageName, className);
      int size = document.vars().size();
      this.names = new String[size];
      this.bindings = new Binding[size];
      this.used = new boolean[size];
    }

    String write() {
      List<AiJsonVar> vars = document.vars();
      for (String name : List.of("com.google.inject.AbstractModule", "com.google.inject.Provides",
          "com.google.inject.Singleton", NAMED)) {
        imports.claim(name);
      }
      nameVars();
      markUsed();
      Map<String, Integer> lastOfKey = new HashMap<>();
      for (int i = 0; i < vars.size(); i++) {
        if (vars.get(i).key() != null) {
          lastOfKey.put(vars.get(i).key(), i);
        }
      }
      for (int i = 0; i < vars.size(); i++) {
        AiJsonVar var = vars.get(i);
        boolean ownsKey = var.key() != null && lastOfKey.get(var.key()) == i;
        bindings[i] = isSkippedCall(i) ? new Binding(null, Object.class)
            : ownsKey ? recordedKey(i) : synthetic(i);
      }
      StringBuilder body = new StringBuilder();
      List<Integer> opaque = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        AiJsonVar var = vars.get(i);
        if (var.kind() == AiJsonVar.Kind.OPAQUE) {
          opaque.add(i);
        }
        body.append('\n');
        if (isSkippedCall(i)) {
          skippedCall(i, body);
        } else {
          method(i, body);
        }
      }
      if (needsLinkedMap) {
        body.append('\n').append(linkedMapHelper());
      }
      String constructor = constructor(opaque);
      if (!problems.isEmpty()) {
        throw AiJsonException.of(problems);
      }
      String superclass = imports.use("com.google.inject.AbstractModule");
      StringBuilder out = new StringBuilder();
      if (!packageName.isEmpty()) {
        out.append("package ").append(packageName).append(";\n\n");
      }
      for (String imported : imports.sorted()) {
        out.append("import ").append(imported).append(";\n");
      }
      out.append('\n').append(classJavadoc()).append("public final class ").append(className)
          .append(" extends ").append(superclass)
          .append(" {\n").append(constructor).append(body).append("}\n");
      return out.toString();
    }

    private String classJavadoc() {
      List<AiJsonVar> vars = document.vars();
      return "/**\n"
          + " * Wires the object graph an aijson document recorded (" + vars.size() + " vars) with"
          + " Guice: one\n"
          + " * {@code @Provides} method per var, named after what it builds, documented with the"
          + " var it\n"
          + " * comes from. Generated by aijson's AiJsonCodegen; edit it like any module.\n"
          + " */\n";
    }

    // ---- names and bindings

    private void nameVars() {
      List<AiJsonVar> vars = document.vars();
      Map<String, Integer> counts = new HashMap<>();
      String[] bases = new String[vars.size()];
      for (int i = 0; i < vars.size(); i++) {
        bases[i] = baseName(vars.get(i));
        counts.merge(bases[i], 1, Integer::sum);
      }
      Set<String> taken = new HashSet<>();
      for (int i = 0; i < vars.size(); i++) {
        String base = bases[i];
        String name = counts.get(base) > 1 || KEYWORDS.contains(base) || RESERVED.contains(base)
            || base.equals(className) ? base + AiJsonRef.to(vars.get(i).name()).number() : base;
        while (!taken.add(name)) {
          name = name + "_";
        }
        names[i] = name;
      }
    }

    private static String baseName(AiJsonVar var) {
      return baseName(var.methodName() != null ? var.methodName()
          : var.caller().substring(var.caller().lastIndexOf('$') + 1));
    }

    /** Returns a Java name made from {@code raw}: SubwordTokenizer to subwordTokenizer. */
    private static String baseName(String raw) {
      StringBuilder out = new StringBuilder();
      for (char c : raw.toCharArray()) {
        if (Character.isJavaIdentifierPart(c) && c != '$') {
          out.append(c);
        }
      }
      if (out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))) {
        out.insert(0, "var");
      }
      // lower the leading capitals: SubwordTokenizer -> subwordTokenizer, URLReader -> urlReader
      int upper = 0;
      while (upper < out.length() && Character.isUpperCase(out.charAt(upper))) {
        upper++;
      }
      int lower = upper > 1 && upper < out.length() ? upper - 1 : upper;
      return out.substring(0, lower).toLowerCase(Locale.ROOT) + out.substring(lower);
    }

    /** Marks the vars whose object something uses: referenced, or received a call. */
    private void markUsed() {
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
    }

    private boolean isSkippedCall(int i) {
      AiJsonVar var = document.vars().get(i);
      return var.kind() == AiJsonVar.Kind.CALL && var.key() == null && !used[i];
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
        String qualifier = key.substring(1, end);
        Type type = AiJsonTypes.parse(key.substring(end + 1), loader);
        int open = qualifier.indexOf('(');
        String annotationName = open < 0 ? qualifier : qualifier.substring(0, open);
        Class<?> annotation = Class.forName(annotationName, false, loader);
        if (!annotation.isAnnotation()) {
          throw new IllegalArgumentException(annotationName + " is not an annotation");
        }
        checkAccess(annotation, var, pointer);
        return new Binding("@" + typeName(annotation) + (open < 0 ? "" : qualifier.substring(open)),
            type);
      } catch (IllegalArgumentException | ClassNotFoundException | LinkageError e) {
        problems.add(new Problem(pointer, label(var) + ": key \"" + key + "\" cannot be written"
            + " as Java: " + e.getMessage() + ". Fix the key at " + pointer + ", or put its"
            + " classes on the class path."));
        return synthetic(i);
      }
    }

    private Binding synthetic(int i) {
      return new Binding("@" + imports.use(NAMED) + "(\"" + document.vars().get(i).name() + "\")",
          productType(i));
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

    // ---- methods

    private void skippedCall(int i, StringBuilder out) {
      AiJsonVar var = document.vars().get(i);
      String text = var.name() + ": the call "
          + AiJsonGraphs.shorten(var.className()).replace('$', '.') + "#" + var.methodName()
          + " on " + var.receiver().var() + " (" + names[position(var.receiver())] + ") was"
          + " recorded, but nothing in the document uses its result, so it is not run here, as"
          + " replay does not run it either.";
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ")) {
        if (line.length() > 0 && 5 + line.length() + 1 + word.length() > WIDTH) {
          out.append("  // ").append(line).append('\n');
          line.setLength(0);
        }
        line.append(line.length() == 0 ? "" : " ").append(word);
      }
      out.append("  // ").append(line).append('\n');
    }

    private void method(int i, StringBuilder out) {
      AiJsonVar var = document.vars().get(i);
      ReplayStep step = plan.step(i);
      Binding binding = bindings[i];
      Params params = new Params();
      String body;
      switch (var.kind()) {
        case OPAQUE -> body = "    return " + names[i] + ";\n";
        case CONSTRUCTOR -> body = constructorBody(i, step, params);
        case PROVIDES -> body = providesBody(i, step, params);
        case CALL -> body = callBody(i, step, params);
        default -> throw new IllegalStateException(var.kind().toString());
      }
      out.append(javadoc(describe(i), "  "));
      out.append("  @").append(imports.use("com.google.inject.Provides")).append('\n');
      if (var.singleton()) {
        out.append("  @").append(imports.use("com.google.inject.Singleton")).append('\n');
      }
      if (binding.qualifier() != null) {
        out.append("  ").append(binding.qualifier()).append('\n');
      }
      String header = "  " + typeName(binding.type(), var, var.pointer()) + " " + names[i] + "(";
      out.append(wrap(header, params.declared, ") {", "      ")).append('\n')
          .append(body).append("  }\n");
    }

    /**
     * Returns {@code start}, the items joined by ", " and {@code end} on one line if it fits in
     * {@value #WIDTH} columns, else with each item on its own line at {@code indent}.
     */
    private static String wrap(String start, List<String> items, String end, String indent) {
      String line = start + String.join(", ", items) + end;
      if (line.length() <= WIDTH || items.isEmpty()) {
        return line;
      }
      return start + "\n" + indent + String.join(",\n" + indent, items) + end;
    }

    /** Returns a javadoc comment of {@code text} at {@code indent}, wrapped at the width. */
    private static String javadoc(String text, String indent) {
      if (indent.length() + 8 + text.length() <= WIDTH) {
        return indent + "/** " + text + " */\n";
      }
      StringBuilder out = new StringBuilder(indent).append("/**\n");
      StringBuilder line = new StringBuilder();
      // a {@code ...} span is never broken: a line starting with @ would be a block tag
      StringBuilder joined = new StringBuilder();
      int depth = 0;
      for (char c : text.toCharArray()) {
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        joined.append(c == ' ' && depth > 0 ? '\u0000' : c);
      }
      for (String unit : joined.toString().split(" ")) {
        String word = unit.replace('\u0000', ' ');
        if (line.length() > 0 && indent.length() + 3 + line.length() + 1 + word.length() > WIDTH) {
          out.append(indent).append(" * ").append(line).append('\n');
          line.setLength(0);
        }
        line.append(line.length() == 0 ? "" : " ").append(word);
      }
      out.append(indent).append(" * ").append(line).append('\n');
      return out.append(indent).append(" */\n").toString();
    }

    private String describe(int i) {
      AiJsonVar var = document.vars().get(i);
      String what = switch (var.kind()) {
        case CONSTRUCTOR -> "constructs " + code(var.className());
        case PROVIDES -> "calls the provides method " + code(var.className() + "#" + var.methodName());
        case CALL -> "calls " + code(var.className() + "#" + var.methodName()) + " on "
            + var.receiver().var();
        case OPAQUE -> "the " + code(var.className()) + " given to the constructor (opaque: the"
            + " document cannot rebuild it)";
      };
      StringBuilder out = new StringBuilder(var.name()).append(": ").append(what);
      if (var.singleton()) {
        out.append("; singleton");
      }
      if (var.key() != null) {
        out.append("; key ").append(code(var.key()));
        if (bindings[i].qualifier() != null && bindings[i].qualifier().endsWith("(\"" + var.name() + "\")")) {
          out.append(", which a later var binds, so this one is bound as ").append(code("@Named(\""
              + var.name() + "\")"));
        }
      }
      return out.append('.').toString();
    }

    /** Returns {@code {@code text}} with package names dropped, for javadoc. */
    private static String code(String text) {
      String shortened = AiJsonGraphs.shorten(text).replace('$', '.');
      return shortened.contains("{") || shortened.contains("}") || shortened.contains("*/")
          ? shortened.replace("*/", "*&#47;").replace("@", "{@literal @}").replace("<", "&lt;")
              .replace(">", "&gt;")
          : "{@code " + shortened + "}";
    }

    private String constructorBody(int i, ReplayStep step, Params params) {
      AiJsonVar var = document.vars().get(i);
      Constructor<?> constructor = (Constructor<?>) step.executable;
      checkAccess(constructor, var);
      String type = typeName(step.type, var, var.pointer());
      String diamond = step.type.getTypeParameters().length > 0 ? "<>" : "";
      List<String> args = arguments(var, step, constructor, params);
      if (step.members.isEmpty()) {
        return wrap("    return new " + type + diamond + "(", args, ");", "        ") + "\n";
      }
      StringBuilder out = new StringBuilder();
      String local = names[i];
      out.append(wrap("    " + type + " " + local + " = new " + type + diamond + "(", args, ");",
          "        ")).append('\n');
      for (MemberStep member : step.members) {
        String pointer = var.pointer() + AiJsonException.pointer("members", member.key());
        checkAccess(member.member(), var, pointer);
        Class<?> owner = member.member().getDeclaringClass();
        String target = owner == step.type ? local
            : "((" + typeName(owner, var, pointer) + ") " + local + ")";
        if (member.member() instanceof Field field) {
          out.append("    ").append(target).append('.').append(field.getName()).append(" = ")
              .append(value(member.values().get(0), field.getGenericType(), var, pointer, params))
              .append(";\n");
        } else {
          Method method = (Method) member.member();
          Type[] types = ReplayLookup.parameterTypes(method);
          List<String> values = new ArrayList<>();
          for (int j = 0; j < types.length; j++) {
            values.add(value(member.values().get(j), types[j], var, pointer, params));
          }
          out.append(wrap("    " + target + "." + method.getName() + "(", values, ");", "        "))
              .append('\n');
        }
      }
      out.append("    return ").append(local).append(";\n");
      return out.toString();
    }

    private String providesBody(int i, ReplayStep step, Params params) {
      AiJsonVar var = document.vars().get(i);
      Method method = (Method) step.executable;
      checkAccess(method, var);
      String owner;
      if (Modifier.isStatic(method.getModifiers())) {
        owner = typeName(method.getDeclaringClass(), var, var.pointer());
      } else {
        Constructor<?> noArgs = noArgConstructor(step.type);
        if (noArgs == null || !isAccessible(noArgs) || step.type.isAnonymousClass()) {
          problems.add(new Problem(var.pointer() + "/caller", label(var) + ": the module "
              + step.type.getName() + " has no " + (noArgs == null ? "" : "accessible ")
              + "constructor without arguments, so the generated code cannot make one to call "
              + method.getName() + " on. Give it a public constructor without arguments."));
          owner = "null";
        } else {
          owner = "new " + typeName(step.type, var, var.pointer()) + "()";
        }
      }
      return wrap("    return " + owner + "." + method.getName() + "(",
          arguments(var, step, method, params), ");", "        ") + "\n";
    }

    private String callBody(int i, ReplayStep step, Params params) {
      AiJsonVar var = document.vars().get(i);
      Method method = (Method) step.executable;
      checkAccess(method, var);
      int receiver = position(var.receiver());
      params.reference(receiver);
      Class<?> bound = AiJsonTypes.rawType(bindings[receiver].type());
      String target = method.getDeclaringClass().isAssignableFrom(bound) ? names[receiver]
          : "((" + typeName(step.type, var, var.pointer()) + ") " + names[receiver] + ")";
      List<String> args = arguments(var, step, method, params);
      String call = target + "." + method.getName() + "(";
      return method.getReturnType() == void.class
          ? wrap("    " + call, args, ");", "        ") + "\n    return null;\n"
          : wrap("    return " + call, args, ");", "        ") + "\n";
    }

    private static Constructor<?> noArgConstructor(Class<?> type) {
      try {
        return type.getDeclaredConstructor();
      } catch (NoSuchMethodException | SecurityException e) {
        return null;
      }
    }

    private List<String> arguments(
        AiJsonVar var, ReplayStep step, Executable executable, Params params) {
      Type[] types = ReplayLookup.parameterTypes(executable);
      boolean[] ambiguous = ambiguousPositions(executable);
      List<String> names = new ArrayList<>(var.kwargs().keySet());
      List<String> args = new ArrayList<>();
      for (int j = 0; j < types.length; j++) {
        String pointer = var.pointer() + AiJsonException.pointer("kwargs", names.get(j));
        Decoded decoded = step.args.get(j);
        String value = value(decoded, types[j], var, pointer, params);
        boolean loose = decoded instanceof Decoded.Constant c && c.value() == null
            || decoded instanceof Decoded.Ref || decoded instanceof Decoded.Elements
            || decoded instanceof Decoded.Entries || decoded instanceof Decoded.ProviderOf;
        args.add(ambiguous[j] && loose && !value.startsWith("(")
            ? "(" + typeName(types[j], var, pointer) + ") " + value : value);
      }
      return args;
    }

    /**
     * Returns, for each parameter, whether another constructor or method of the same name and
     * arity takes another type there, so that an argument whose type is not exact needs a cast
     * for the compiler to pick the recorded one.
     */
    private static boolean[] ambiguousPositions(Executable executable) {
      boolean[] ambiguous = new boolean[executable.getParameterCount()];
      Executable[] siblings = executable instanceof Constructor<?> c
          ? c.getDeclaringClass().getDeclaredConstructors()
          : executable.getDeclaringClass().getDeclaredMethods();
      Class<?>[] mine = executable.getParameterTypes();
      for (Executable other : siblings) {
        if (!other.equals(executable) && other.getName().equals(executable.getName())
            && other.getParameterCount() == mine.length && !other.isSynthetic()) {
          Class<?>[] theirs = other.getParameterTypes();
          for (int j = 0; j < mine.length; j++) {
            ambiguous[j] |= theirs[j] != mine[j];
          }
        }
      }
      return ambiguous;
    }

    // ---- values

    private String value(Decoded decoded, Type declared, AiJsonVar var, String pointer,
        Params params) {
      Class<?> raw = AiJsonTypes.rawType(declared);
      if (decoded instanceof Decoded.Constant constant) {
        return literal(constant.value(), var, pointer);
      }
      if (decoded instanceof Decoded.EnumConstant constant) {
        checkAccess(constant.type(), var, pointer);
        return typeName(constant.type(), var, pointer) + "." + constant.name();
      }
      if (decoded instanceof Decoded.Ref ref) {
        params.reference(ref.index());
        Class<?> bound = AiJsonTypes.rawType(bindings[ref.index()].type());
        String name = names[ref.index()];
        return ValueDecoder.box(raw).isAssignableFrom(ValueDecoder.box(bound)) ? name
            : "(" + typeName(declared, var, pointer) + ") " + name;
      }
      if (decoded instanceof Decoded.ProviderOf provider) {
        return params.provider(provider.key(), declared, this, var, pointer);
      }
      if (decoded instanceof Decoded.Elements elements) {
        Type element = argument(declared, 0);
        List<String> items = new ArrayList<>();
        boolean nulls = false;
        for (int j = 0; j < elements.elements().size(); j++) {
          Decoded item = elements.elements().get(j);
          nulls |= item instanceof Decoded.Constant c && c.value() == null;
          items.add(value(item, element, var, pointer + "/" + j, params));
        }
        String list = (nulls ? imports.use(Arrays.class.getName()) + ".asList("
            : imports.use(List.class.getName()) + ".of(") + String.join(", ", items) + ")";
        return switch (elements.kind()) {
          case LIST -> raw == ArrayList.class
              ? "new " + imports.use(ArrayList.class.getName()) + "<>(" + list + ")" : list;
          case SET -> "new " + imports.use(LinkedHashSet.class.getName()) + "<>(" + list + ")";
          case SORTED_SET -> "new " + imports.use(TreeSet.class.getName()) + "<>(" + list + ")";
        };
      }
      if (decoded instanceof Decoded.Entries entries) {
        Type keyType = argument(declared, 0);
        Type valueType = argument(declared, 1);
        List<String> items = new ArrayList<>();
        for (int j = 0; j < entries.keys().size(); j++) {
          String key = value(entries.keys().get(j), keyType, var, pointer, params);
          Decoded item = entries.values().get(j);
          String itemValue = value(item, valueType, var, pointer + "/" + j, params);
          items.add(item instanceof Decoded.Constant c && c.value() == null
              ? "new " + imports.use("java.util.AbstractMap") + ".SimpleImmutableEntry<>(" + key
                  + ", null)"
              : imports.use(Map.class.getName()) + ".entry(" + key + ", " + itemValue + ")");
        }
        needsLinkedMap = true;
        String map = "linkedMap(" + String.join(", ", items) + ")";
        return entries.sorted() ? "new " + imports.use(TreeMap.class.getName()) + "<>(" + map + ")"
            : map;
      }
      if (decoded instanceof Decoded.ArrayOf array) {
        Type component = declared instanceof GenericArrayType generic
            ? generic.getGenericComponentType() : array.component();
        List<String> items = new ArrayList<>();
        for (int j = 0; j < array.elements().size(); j++) {
          items.add(value(array.elements().get(j), component, var, pointer + "/" + j, params));
        }
        return "new " + typeName(array.component(), var, pointer) + "[] {"
            + String.join(", ", items) + "}";
      }
      if (decoded instanceof Decoded.RecordOf record) {
        Constructor<?> constructor = record.constructor();
        checkAccess(constructor, var, pointer);
        Type[] types = ReplayLookup.parameterTypes(constructor);
        String[] componentNames = Arrays.stream(constructor.getDeclaringClass().getRecordComponents())
            .map(c -> c.getName()).toArray(String[]::new);
        List<String> items = new ArrayList<>();
        for (int j = 0; j < types.length; j++) {
          items.add(value(record.components().get(j), types[j], var,
              pointer + AiJsonException.pointer(componentNames[j]), params));
        }
        Class<?> type = constructor.getDeclaringClass();
        return "new " + typeName(type, var, pointer)
            + (type.getTypeParameters().length > 0 ? "<>" : "") + "("
            + String.join(", ", items) + ")";
      }
      throw new IllegalStateException("unknown decoded value " + decoded);
    }

    private static Type argument(Type declared, int index) {
      if (declared instanceof ParameterizedType parameterized
          && parameterized.getActualTypeArguments().length > index) {
        Type argument = parameterized.getActualTypeArguments()[index];
        if (argument instanceof WildcardType wildcard) {
          return wildcard.getUpperBounds()[0];
        }
        return argument;
      }
      return Object.class;
    }

    private String literal(Object value, AiJsonVar var, String pointer) {
      if (value == null) {
        return "null";
      }
      if (value instanceof String text) {
        return stringLiteral(text);
      }
      if (value instanceof Character c) {
        return "'" + (c == '\'' ? "\\'" : c == '"' ? "\"" : escape(c)) + "'";
      }
      if (value instanceof Boolean || value instanceof Integer) {
        return value.toString();
      }
      if (value instanceof Long) {
        return value + "L";
      }
      if (value instanceof Short) {
        return "(short) " + value;
      }
      if (value instanceof Byte) {
        return "(byte) " + value;
      }
      if (value instanceof Float f) {
        return f.isNaN() ? "Float.NaN" : f.isInfinite()
            ? (f > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY") : f + "f";
      }
      if (value instanceof Double d) {
        return d.isNaN() ? "Double.NaN" : d.isInfinite()
            ? (d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY") : d.toString();
      }
      if (value instanceof BigInteger || value instanceof BigDecimal) {
        return "new " + imports.use(value.getClass().getName()) + "(\"" + value + "\")";
      }
      problems.add(new Problem(pointer, label(var) + ": the value " + value + " at " + pointer
          + " has no Java literal form. Report this as a bug of aijson codegen."));
      return "null";
    }

    static String stringLiteral(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        out.append(c == '"' ? "\\\"" : c == '\'' ? "'" : escape(c));
      }
      return out.append('"').toString();
    }

    private static String escape(char c) {
      return switch (c) {
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
      };
    }

    // ---- constructor of the generated module

    private String constructor(List<Integer> opaque) {
      if (opaque.isEmpty()) {
        return "";
      }
      StringBuilder out = new StringBuilder();
      for (int i : opaque) {
        AiJsonVar var = document.vars().get(i);
        out.append("  private final ").append(typeName(bindings[i].type(), var, var.pointer()))
            .append(' ').append(names[i]).append(";\n");
      }
      out.append("\n  /**\n   * Creates the module with the objects the document could not rebuild.\n   *\n");
      for (int i : opaque) {
        AiJsonVar var = document.vars().get(i);
        out.append("   * @param ").append(names[i]).append(" the object of ").append(var.name())
            .append(" (").append(code(var.className())).append(")\n");
      }
      List<String> parameters = new ArrayList<>();
      for (int i : opaque) {
        AiJsonVar var = document.vars().get(i);
        parameters.add(typeName(bindings[i].type(), var, var.pointer()) + " " + names[i]);
      }
      out.append("   */\n").append(wrap("  public " + className + "(", parameters, ") {", "      "))
          .append('\n');
      for (int i : opaque) {
        out.append("    this.").append(names[i]).append(" = ")
            .append(imports.use(Objects.class.getName())).append(".requireNonNull(")
            .append(names[i]).append(", ").append(stringLiteral(names[i])).append(");\n");
      }
      out.append("  }\n");
      return out.toString();
    }

    private String linkedMapHelper() {
      String map = imports.use(Map.class.getName());
      String linked = imports.use(LinkedHashMap.class.getName());
      return "  /** Returns a map that keeps the order of its entries, as the document does. */\n"
          + "  @SafeVarargs\n"
          + "  private static <K, V> " + linked + "<K, V> linkedMap(\n"
          + "      " + map + ".Entry<? extends K, ? extends V>... entries) {\n"
          + "    " + linked + "<K, V> map = new " + linked + "<>();\n"
          + "    for (" + map + ".Entry<? extends K, ? extends V> entry : entries) {\n"
          + "      map.put(entry.getKey(), entry.getValue());\n"
          + "    }\n"
          + "    return map;\n"
          + "  }\n";
    }

    // ---- types, access and parameters

    private int position(AiJsonRef ref) {
      return plan.position(ref.var());
    }

    /** Returns the source form of {@code type}, importing what it names. */
    String typeName(Type type, AiJsonVar var, String pointer) {
      if (type instanceof Class<?> cls) {
        if (cls.isArray()) {
          return typeName(cls.getComponentType(), var, pointer) + "[]";
        }
        if (cls.isPrimitive()) {
          return cls.getName();
        }
        if (cls.getCanonicalName() == null || cls.isHidden()) {
          problems.add(new Problem(pointer, label(var) + ": " + cls.getName() + " is a local,"
              + " anonymous or hidden class, which Java source cannot name. Make it a named"
              + " class."));
          return "Object";
        }
        checkAccess(cls, var, pointer);
        return typeName(cls);
      }
      if (type instanceof ParameterizedType parameterized) {
        List<String> arguments = new ArrayList<>();
        for (Type argument : parameterized.getActualTypeArguments()) {
          arguments.add(typeName(argument, var, pointer));
        }
        return typeName(parameterized.getRawType(), var, pointer) + "<"
            + String.join(", ", arguments) + ">";
      }
      if (type instanceof GenericArrayType array) {
        return typeName(array.getGenericComponentType(), var, pointer) + "[]";
      }
      if (type instanceof WildcardType wildcard) {
        if (wildcard.getLowerBounds().length > 0) {
          return "? super " + typeName(wildcard.getLowerBounds()[0], var, pointer);
        }
        Type upper = wildcard.getUpperBounds()[0];
        return upper == Object.class ? "?" : "? extends " + typeName(upper, var, pointer);
      }
      return typeName(AiJsonTypes.rawType(type), var, pointer);
    }

    /** Returns the name of an accessible, named class: imported where its simple name is free. */
    private String typeName(Class<?> cls) {
      Class<?> top = cls;
      while (top.getDeclaringClass() != null) {
        top = top.getDeclaringClass();
      }
      String topName = imports.use(top.getName().replace('$', '.'));
      return topName + cls.getCanonicalName().substring(top.getCanonicalName().length());
    }

    private void checkAccess(Class<?> cls, AiJsonVar var, String pointer) {
      for (Class<?> c = cls; c != null; c = c.getDeclaringClass()) {
        if (c.isArray() || c.isPrimitive()) {
          return;
        }
        int modifiers = c.getModifiers();
        if (Modifier.isPrivate(modifiers) || !Modifier.isPublic(modifiers) && !samePackage(c)) {
          problems.add(new Problem(pointer, label(var) + ": " + c.getName() + " is "
              + visibility(modifiers) + ", so the generated class in package "
              + (packageName.isEmpty() ? "(default)" : packageName) + " cannot name it. Make it"
              + " public, or generate into " + (c.getPackageName().isEmpty() ? "the default package"
              : "package " + c.getPackageName()) + "."));
          return;
        }
      }
    }

    private void checkAccess(Executable executable, AiJsonVar var) {
      checkAccess(executable, var, var.pointer() + "/caller");
    }

    private void checkAccess(Member member, AiJsonVar var, String pointer) {
      checkAccess(member.getDeclaringClass(), var, pointer);
      if (!isAccessible(member)) {
        String what = member instanceof Constructor<?> ? "the constructor" : member instanceof Field
            ? "the field " + member.getName() : "the method " + member.getName();
        problems.add(new Problem(pointer, label(var) + ": " + what + " of "
            + member.getDeclaringClass().getName() + " is " + visibility(member.getModifiers())
            + ", so the generated class cannot use it. Make it public, or generate into package "
            + member.getDeclaringClass().getPackageName() + "."));
      }
    }

    private boolean isAccessible(Member member) {
      int modifiers = member.getModifiers();
      return Modifier.isPublic(modifiers)
          || !Modifier.isPrivate(modifiers) && samePackage(member.getDeclaringClass());
    }

    private boolean samePackage(Class<?> c) {
      return c.getPackageName().equals(packageName);
    }

    private static String visibility(int modifiers) {
      return Modifier.isPrivate(modifiers) ? "private" : Modifier.isProtected(modifiers)
          ? "protected" : Modifier.isPublic(modifiers) ? "public" : "package-private";
    }

    private static String label(AiJsonVar var) {
      return var.label();
    }

    /** The parameters of one method: the vars it references, then providers it needs. */
    private final class Params {
      private final Set<Integer> references = new LinkedHashSet<>();
      private final Map<String, String> providers = new LinkedHashMap<>();
      final List<String> declared = new ArrayList<>();

      void reference(int index) {
        if (references.add(index)) {
          AiJsonVar var = document.vars().get(index);
          Binding binding = bindings[index];
          declared.add((binding.qualifier() == null ? "" : binding.qualifier() + " ")
              + typeName(binding.type(), var, var.pointer()) + " " + names[index]);
        }
      }

      String provider(String key, Type declaredType, Writer writer, AiJsonVar var, String pointer) {
        String known = providers.get(key + " " + declaredType);
        if (known != null) {
          return known;
        }
        String qualifier = null;
        if (key.startsWith("@")) {
          int end = AiJsonTypes.keyQualifierEnd(key);
          if (end > 0) {
            String text = key.substring(1, end);
            int open = text.indexOf('(');
            String annotation = open < 0 ? text : text.substring(0, open);
            try {
              Class<?> type = Class.forName(annotation, false, loader);
              qualifier = "@" + writer.typeName(type) + (open < 0 ? "" : text.substring(open));
            } catch (ClassNotFoundException | LinkageError e) {
              problems.add(new Problem(pointer, label(var) + ": the qualifier " + annotation
                  + " of provider key \"" + key + "\" cannot be loaded. Put it on the class"
                  + " path."));
            }
          }
        }
        String base = baseName(simpleTypeName(key)) + "Provider";
        String name = base;
        Set<String> taken = new HashSet<>(Arrays.asList(names));
        taken.addAll(providers.values());
        for (int n = 2; taken.contains(name); n++) {
          name = base + n;
        }
        providers.put(key + " " + declaredType, name);
        declared.add((qualifier == null ? "" : qualifier + " ")
            + writer.typeName(declaredType, var, pointer) + " " + name);
        return name;
      }

      private String simpleTypeName(String key) {
        String type = key.startsWith("@") && AiJsonTypes.keyQualifierEnd(key) > 0
            ? key.substring(AiJsonTypes.keyQualifierEnd(key) + 1) : key;
        int generic = type.indexOf('<');
        String raw = generic < 0 ? type : type.substring(0, generic);
        String simple = raw.substring(raw.lastIndexOf('.') + 1);
        return simple.substring(simple.lastIndexOf('$') + 1).replace("[]", "s");
      }

    }
  }

  /** The imports of the generated file: one class per simple name, the rest fully qualified. */
  private static final class Imports {
    private final String packageName;
    private final Map<String, String> bySimpleName = new HashMap<>();
    private final Set<String> imported = new TreeSet<>();

    Imports(String packageName, String className) {
      this.packageName = packageName;
      bySimpleName.put(className, (packageName.isEmpty() ? "" : packageName + ".") + className);
    }

    /** Reserves the simple name of {@code qualified} for it, to be imported once used. */
    void claim(String qualified) {
      bySimpleName.putIfAbsent(qualified.substring(qualified.lastIndexOf('.') + 1), qualified);
    }

    /** Returns how the source names the top-level class {@code qualified}. */
    String use(String qualified) {
      int dot = qualified.lastIndexOf('.');
      String simple = qualified.substring(dot + 1);
      String owner = dot < 0 ? "" : qualified.substring(0, dot);
      String holder = bySimpleName.get(simple);
      if (holder == null) {
        if (!owner.equals("java.lang") && isJavaLang(simple)) {
          return qualified;
        }
        bySimpleName.put(simple, qualified);
        holder = qualified;
      }
      if (!holder.equals(qualified)) {
        return qualified;
      }
      if (!owner.equals("java.lang") && !owner.equals(packageName)) {
        imported.add(qualified);
      }
      return simple;
    }

    private static boolean isJavaLang(String simple) {
      try {
        Class.forName("java.lang." + simple, false, ClassLoader.getPlatformClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }

    List<String> sorted() {
      return new ArrayList<>(imported);
    }
  }
}
