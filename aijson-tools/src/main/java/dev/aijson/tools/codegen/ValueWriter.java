package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.internal.Beans;
import dev.aijson.core.internal.Decoded;
import dev.aijson.core.internal.ReplayLookup;
import dev.aijson.core.internal.ReplayStep;
import dev.aijson.core.internal.ValueDecoder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Writes decoded values as Java expressions of their declared types, and argument lists. */
final class ValueWriter {
  private final VarBindings bindings;
  private final TypeNames types;
  private final Imports imports;
  private final Problems problems;
  private boolean needsLinkedMap;

  ValueWriter(VarBindings bindings, TypeNames types, Imports imports, Problems problems) {
    this.bindings = bindings;
    this.types = types;
    this.imports = imports;
    this.problems = problems;
  }

  /** Whether a value was written as a {@code linkedMap(...)} call, which the module declares. */
  boolean needsLinkedMap() {
    return needsLinkedMap;
  }

  /** Returns the arguments of a call of {@code executable}, cast where an overload needs it. */
  List<String> arguments(
      AiJsonVar var, ReplayStep step, Executable executable, MethodParameters params) {
    Type[] parameterTypes = ReplayLookup.parameterTypes(executable);
    boolean[] ambiguous = ambiguousPositions(executable);
    // a module var's constructor takes its recorded fields, by name
    boolean module = var.kind() == AiJsonVar.Kind.MODULE;
    List<String> names = module
        ? Arrays.stream(executable.getParameters()).map(java.lang.reflect.Parameter::getName).toList()
        : new ArrayList<>(var.kwargs().keySet());
    List<String> args = new ArrayList<>();
    for (int j = 0; j < parameterTypes.length; j++) {
      String pointer = var.pointer() + AiJsonException.pointer(module ? "members" : "kwargs", names.get(j));
      Decoded decoded = step.arg(j);
      String value = value(decoded, parameterTypes[j], var, pointer, params);
      boolean loose = decoded instanceof Decoded.Constant c && c.value() == null
          || decoded instanceof Decoded.Ref || decoded instanceof Decoded.Elements
          || decoded instanceof Decoded.Entries || decoded instanceof Decoded.ProviderOf;
      args.add(ambiguous[j] && loose && !value.startsWith("(")
          ? "(" + types.typeName(parameterTypes[j], var, pointer) + ") " + value : value);
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

  /** Returns {@code decoded} as an expression of type {@code declared}. */
  String value(Decoded decoded, Type declared, AiJsonVar var, String pointer,
      MethodParameters params) {
    Class<?> raw = AiJsonTypes.rawType(declared);
    if (decoded instanceof Decoded.Constant constant) {
      return literal(constant.value(), var, pointer);
    }
    if (decoded instanceof Decoded.EnumConstant constant) {
      types.checkAccess(constant.type(), var, pointer);
      return types.typeName(constant.type(), var, pointer) + "." + constant.name();
    }
    if (decoded instanceof Decoded.Ref ref && bindings.isSuppliedByGuice(ref.index())
        && GuiceNames.LOGGER.equals(bindings.var(ref.index()).key())) {
      // Guice would name a logger after the generated module: the receiving class's, as replay
      return imports.use(GuiceNames.LOGGER) + ".getLogger(" + stringLiteral(var.className()) + ")";
    }
    if (decoded instanceof Decoded.Ref ref) {
      params.reference(ref.index());
      Class<?> bound = AiJsonTypes.rawType(bindings.binding(ref.index()).type());
      String name = bindings.name(ref.index());
      return ValueDecoder.box(raw).isAssignableFrom(ValueDecoder.box(bound)) ? name
          : "(" + types.typeName(declared, var, pointer) + ") " + name;
    }
    if (decoded instanceof Decoded.ProviderOf provider) {
      return params.provider(provider.key(), declared, var, pointer);
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
      // List.of rejects nulls
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
        // Map.entry rejects a null value
        items.add(item instanceof Decoded.Constant c && c.value() == null
            ? "new " + imports.use("java.util.AbstractMap") + ".SimpleImmutableEntry<>(" + key
                + ", null)"
            : imports.use(Map.class.getName()) + ".entry(" + key + ", " + itemValue + ")");
      }
      needsLinkedMap = true;
      String map = JavaNames.LINKED_MAP + "(" + String.join(", ", items) + ")";
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
      return "new " + types.typeName(array.component(), var, pointer) + "[] {"
          + String.join(", ", items) + "}";
    }
    if (decoded instanceof Decoded.RecordOf record) {
      Constructor<?> constructor = record.constructor();
      types.checkAccess(constructor, var, pointer);
      Type[] componentTypes = ReplayLookup.parameterTypes(constructor);
      String[] componentNames = Arrays.stream(constructor.getDeclaringClass().getRecordComponents())
          .map(c -> c.getName()).toArray(String[]::new);
      List<String> items = new ArrayList<>();
      for (int j = 0; j < componentTypes.length; j++) {
        items.add(value(record.components().get(j), componentTypes[j], var,
            pointer + AiJsonException.pointer(componentNames[j]), params));
      }
      Class<?> type = constructor.getDeclaringClass();
      return "new " + types.typeName(type, var, pointer)
          + (type.getTypeParameters().length > 0 ? "<>" : "") + "("
          + String.join(", ", items) + ")";
    }
    if (decoded instanceof Decoded.BeanOf bean) {
      return bean(bean, var, pointer, params);
    }
    throw new IllegalStateException("unknown decoded value " + decoded);
  }

  /**
   * Returns a configuration bean as an expression: a call of its creator with the creator's
   * properties, or of its no-argument constructor, then its setters (and public fields) for the
   * others, inside a supplier so that it stays one expression.
   */
  private String bean(Decoded.BeanOf bean, AiJsonVar var, String pointer, MethodParameters params) {
    Class<?> type = AiJsonTypes.rawType(bean.type());
    types.checkAccess(type, var, pointer);
    String typeName = types.typeName(type, var, pointer);
    List<Beans.Property> properties = Beans.shape(type).properties();
    java.lang.reflect.Member creator = null;
    String[] creatorArgs = new String[0];
    List<String> setters = new ArrayList<>();
    for (int j = 0; j < properties.size(); j++) {
      Beans.Property property = properties.get(j);
      String at = pointer + AiJsonException.pointer(property.name());
      String value = value(bean.values().get(j), property.type(), var, at, params);
      if (property.creatorIndex() >= 0) {
        creator = property.mutator();
        int count = ((Executable) creator).getParameterCount();
        if (creatorArgs.length < count) {
          creatorArgs = Arrays.copyOf(creatorArgs, count);
        }
        creatorArgs[property.creatorIndex()] = value;
      } else if (property.mutator() instanceof java.lang.reflect.Method setter) {
        types.checkAccess(setter, var, at);
        setters.add("bean." + setter.getName() + "(" + value + ");");
      } else {
        setters.add("bean." + property.mutator().getName() + " = " + value + ";");
      }
    }
    String made;
    if (creator == null) {
      made = "new " + typeName + "()";
    } else {
      types.checkAccess(creator, var, pointer);
      String callee = creator instanceof Constructor<?> ? "new " + typeName
          : typeName + "." + creator.getName();
      made = callee + "(" + String.join(", ", creatorArgs) + ")";
    }
    if (setters.isEmpty()) {
      return made;
    }
    return "((" + imports.use("java.util.function.Supplier") + "<" + typeName + ">) () -> { "
        + typeName + " bean = " + made + "; " + String.join(" ", setters) + " return bean; }).get()";
  }

  /** Returns the {@code index}th type argument of {@code declared}, or Object if it has none. */
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
    problems.add(pointer, var.label() + ": the value " + value + " at " + pointer + " has no Java"
        + " literal form. Report this as a bug of aijson codegen.");
    return "null";
  }

  static String stringLiteral(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      out.append(c == '"' ? "\\\"" : c == '\'' ? "'" : escape(c));
    }
    return out.append('"').toString();
  }

  /**
   * Returns {@code text}, already Java source (a key's qualifier, whose quotes and backslashes are
   * escaped), with each control character and each character beyond ASCII written as its escape,
   * as string literals are written: a newline in a {@code @Named} value ends the line otherwise.
   */
  static String escapeRaw(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(c < 0x20 || c > 0x7e ? escape(c) : String.valueOf(c));
    }
    return out.toString();
  }

  private static String escape(char c) {
    return switch (c) {
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      case '\b' -> "\\b";
      case '\f' -> "\\f";
      // beyond ASCII too, so that the source does not depend on the compiler's encoding
      default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    };
  }
}
