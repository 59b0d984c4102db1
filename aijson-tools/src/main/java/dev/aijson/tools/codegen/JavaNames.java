package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Java names: which strings are legal names, and the names of the generated methods. */
final class JavaNames {
  /** The map helper the generated module declares when a value is a map. */
  static final String LINKED_MAP = "linkedMap";

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
      "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize", LINKED_MAP);

  private JavaNames() {}

  /** Whether {@code name} can be a package declaration; {@code ""} is the default package. */
  static boolean isPackageName(String name) {
    return name != null && PACKAGE.matcher(name).matches()
        && Arrays.stream(name.split("\\.")).noneMatch(KEYWORDS::contains);
  }

  static boolean isClassName(String name) {
    return name != null && IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name);
  }

  /**
   * Returns the method name of each var: named after what it builds, numbered where that is
   * ambiguous or not a legal method name in a module called {@code className}.
   */
  static String[] methodNames(List<AiJsonVar> vars, String className) {
    Map<String, Integer> counts = new HashMap<>();
    String[] bases = new String[vars.size()];
    for (int i = 0; i < vars.size(); i++) {
      bases[i] = baseName(vars.get(i));
      counts.merge(bases[i], 1, Integer::sum);
    }
    String[] names = new String[vars.size()];
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
    return names;
  }

  /** Returns the name of a provider parameter of {@code key}, before it is made unique. */
  static String providerBaseName(String key) {
    return baseName(simpleTypeName(key)) + "Provider";
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

  private static String simpleTypeName(String key) {
    String type = key.startsWith("@") && AiJsonTypes.keyQualifierEnd(key) > 0
        ? key.substring(AiJsonTypes.keyQualifierEnd(key) + 1) : key;
    int generic = type.indexOf('<');
    String raw = generic < 0 ? type : type.substring(0, generic);
    String simple = raw.substring(raw.lastIndexOf('.') + 1);
    return simple.substring(simple.lastIndexOf('$') + 1).replace("[]", "s");
  }
}
