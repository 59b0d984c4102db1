package dev.aijson.core.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The grammar of Java type names in documents ({@code signature} entries and the type part of
 * {@code key}): binary class names ({@code com.acme.Outer$Inner}), primitives, {@code []} for
 * arrays and {@code <A, B>} for type arguments, such as {@code java.util.Map<java.lang.String,
 * int[]>}.
 *
 * <pre>{@code
 * String name = AiJsonTypes.name(new TypeLiteral<List<String>>() {}.getType());
 * Type type = AiJsonTypes.parse(name, getClass().getClassLoader()); // java.util.List<java.lang.String>
 * }</pre>
 */
public final class AiJsonTypes {
  /** A package name: dotted Java identifiers. */
  private static final java.util.regex.Pattern PACKAGE_NAME = java.util.regex.Pattern.compile(
      "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
          + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  /**
   * Returns whether {@code name} is a package name such as {@code com.acme.models} (dotted Java
   * identifiers; no wildcard, not empty), as the packages a recording or a replay is limited to
   * are given.
   */
  public static boolean isPackageName(String name) {
    return PACKAGE_NAME.matcher(name).matches();
  }

  private static final Map<String, Class<?>> PRIMITIVES =
      Map.of(
          "boolean", boolean.class, "byte", byte.class, "short", short.class, "char", char.class,
          "int", int.class, "long", long.class, "float", float.class, "double", double.class,
          "void", void.class);
  private static final int MAX_TYPE_DEPTH = 16;
  private static final int MAX_ARRAY_DIMENSIONS = 255;

  private AiJsonTypes() {}

  /**
   * Returns the document name of a type.
   *
   * @param type a class, parameterized type, array type or wildcard
   * @return for example {@code java.util.List<java.lang.String>} or {@code int[]}
   */
  public static String name(Type type) {
    if (type instanceof Class<?> cls) {
      return cls.isArray() ? name(cls.getComponentType()) + "[]" : cls.getName();
    }
    if (type instanceof ParameterizedType parameterized) {
      StringJoiner arguments = new StringJoiner(", ", "<", ">");
      for (Type argument : parameterized.getActualTypeArguments()) {
        arguments.add(name(argument));
      }
      return name(parameterized.getRawType()) + arguments;
    }
    if (type instanceof GenericArrayType array) {
      return name(array.getGenericComponentType()) + "[]";
    }
    if (type instanceof WildcardType wildcard) {
      if (wildcard.getLowerBounds().length > 0) {
        return "? super " + name(wildcard.getLowerBounds()[0]);
      }
      Type[] upper = wildcard.getUpperBounds();
      return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + name(upper[0]);
    }
    if (type instanceof TypeVariable<?> variable) {
      return variable.getName();
    }
    return type.getTypeName();
  }

  /**
   * Returns the type a document name stands for, loading classes without initialising them.
   *
   * @param name a type name as written by {@link #name(Type)}
   * @param loader the class loader to load classes from
   * @return the type
   * @throws IllegalArgumentException naming the part of {@code name} that is malformed, or the
   *     class that cannot be found
   */
  public static Type parse(String name, ClassLoader loader) {
    Parser parser = new Parser(name, loader);
    Type type = parser.type(0);
    parser.skipSpaces();
    if (parser.position != name.length()) {
      throw new IllegalArgumentException(
          "unexpected \"" + Abbreviation.of(name.substring(parser.position)) + "\" in type name \"" + Abbreviation.of(name) + "\"");
    }
    return type;
  }

  /**
   * Returns the index of the space that ends the qualifier of a document key, such as the space
   * before {@code com.acme.Layer} in {@code @com.google.inject.name.Named("a b") com.acme.Layer}:
   * the first space outside quotes and parentheses after the leading {@code @} (Java writes a
   * qualifier of several attributes with a space after each comma: {@code @com.acme.Region(zone=2,
   * value="eu")}); -1 if there is none.
   *
   * @param key a key as documents write it, starting with {@code @}
   * @return the index of the space between qualifier and type, or -1
   */
  public static int keyQualifierEnd(String key) {
    boolean quoted = false;
    int depth = 0;
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && depth > 0) {
        depth--;
      } else if (c == ' ' && !quoted && depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns whether a {@code MapBinder} var is the map binder's {@code Map<K, Set<V>>}, which it
   * binds where it permits duplicates: its key names that type, while its signature, as for the
   * binder's {@code Map<K, V>}, names {@code K} and {@code V}; its keys then repeat, once per
   * binding, in step with its values.
   *
   * @param key the var's key as documents write it, or null
   * @param keyType the first type of its signature ({@code K})
   * @param valueType the second type of its signature ({@code V})
   * @return true for {@code java.util.Map<K, java.util.Set<V>>}, with or without a qualifier
   */
  public static boolean isMultimapKey(String key, String keyType, String valueType) {
    if (key == null) {
      return false;
    }
    int end = key.startsWith("@") ? keyQualifierEnd(key) : -1;
    String type = end < 0 ? key : key.substring(end + 1);
    return type.equals("java.util.Map<" + keyType + ", java.util.Set<" + valueType + ">>");
  }

  /**
   * Returns the class a type erases to: {@code List} for {@code List<String>}.
   *
   * @param type a class, parameterized type, array type or wildcard
   * @return its raw class
   */
  public static Class<?> rawType(Type type) {
    if (type instanceof Class<?> cls) {
      return cls;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    if (type instanceof GenericArrayType array) {
      return java.lang.reflect.Array.newInstance(rawType(array.getGenericComponentType()), 0)
          .getClass();
    }
    if (type instanceof WildcardType wildcard) {
      return rawType(wildcard.getUpperBounds()[0]);
    }
    return Object.class;
  }

  private static final class Parser {
    private final String text;
    private final ClassLoader loader;
    private int position;

    Parser(String text, ClassLoader loader) {
      this.text = text;
      this.loader = loader;
    }

    Type type(int depth) {
      if (depth > MAX_TYPE_DEPTH) {
        throw new IllegalArgumentException(
            "type name \"" + Abbreviation.of(text) + "\" nests type arguments deeper than " + MAX_TYPE_DEPTH);
      }
      skipSpaces();
      if (peek() == '?') {
        position++;
        skipSpaces();
        if (text.startsWith("extends ", position)) {
          position += "extends ".length();
          return new Wildcard(new Type[] {type(depth + 1)}, new Type[0]);
        }
        if (text.startsWith("super ", position)) {
          position += "super ".length();
          return new Wildcard(new Type[] {Object.class}, new Type[] {type(depth + 1)});
        }
        return new Wildcard(new Type[] {Object.class}, new Type[0]);
      }
      int start = position;
      while (position < text.length()
          && (Character.isJavaIdentifierPart(text.charAt(position)) || text.charAt(position) == '.')) {
        position++;
      }
      String className = text.substring(start, position);
      if (className.isEmpty()) {
        throw new IllegalArgumentException(
            "expected a class name at position " + start + " of type name \"" + Abbreviation.of(text) + "\"");
      }
      Type type = load(className);
      skipSpaces();
      if (peek() == '<') {
        position++;
        List<Type> arguments = new ArrayList<>();
        do {
          arguments.add(type(depth + 1));
          skipSpaces();
        } while (peek() == ',' && position++ >= 0);
        expect('>');
        Class<?> raw = (Class<?>) type;
        if (raw.getTypeParameters().length != arguments.size()) {
          throw new IllegalArgumentException(
              raw.getName() + " takes " + raw.getTypeParameters().length + " type arguments, but \""
                  + Abbreviation.of(text) + "\" gives " + arguments.size());
        }
        type = new Parameterized(raw, arguments.toArray(new Type[0]));
      }
      skipSpaces();
      int dimensions = 0;
      while (text.startsWith("[]", position)) {
        position += 2;
        if (++dimensions > MAX_ARRAY_DIMENSIONS) {
          // the JVM's own limit; a name past it would only feed recursion in type code
          throw new IllegalArgumentException("type name \"" + Abbreviation.of(text) + "\" has more than "
              + MAX_ARRAY_DIMENSIONS + " array dimensions, the most a Java array type has");
        }
        type = type instanceof Class<?> cls
            ? java.lang.reflect.Array.newInstance(cls, 0).getClass()
            : new GenericArray(type);
        skipSpaces();
      }
      return type;
    }

    private Type load(String className) {
      Class<?> primitive = PRIMITIVES.get(className);
      if (primitive != null) {
        return primitive;
      }
      try {
        return Class.forName(className, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalArgumentException(
            "class " + className + " cannot be found (" + e.getClass().getSimpleName() + ")", e);
      }
    }

    char peek() {
      return position < text.length() ? text.charAt(position) : '\0';
    }

    void expect(char c) {
      skipSpaces();
      if (peek() != c) {
        throw new IllegalArgumentException(
            "expected '" + c + "' at position " + position + " of type name \"" + Abbreviation.of(text) + "\"");
      }
      position++;
    }

    void skipSpaces() {
      while (position < text.length() && text.charAt(position) == ' ') {
        position++;
      }
    }
  }

  private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ParameterizedType that
          && raw.equals(that.getRawType())
          && Objects.equals(getOwnerType(), that.getOwnerType())
          && Arrays.equals(arguments, that.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      return name(this);
    }
  }

  private record GenericArray(Type component) implements GenericArrayType {
    @Override
    public Type getGenericComponentType() {
      return component;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof GenericArrayType that
          && component.equals(that.getGenericComponentType());
    }

    @Override
    public int hashCode() {
      return component.hashCode();
    }

    @Override
    public String toString() {
      return name(this);
    }
  }

  private record Wildcard(Type[] upper, Type[] lower) implements WildcardType {
    @Override
    public Type[] getUpperBounds() {
      return upper.clone();
    }

    @Override
    public Type[] getLowerBounds() {
      return lower.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof WildcardType that
          && Arrays.equals(upper, that.getUpperBounds())
          && Arrays.equals(lower, that.getLowerBounds());
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(upper) ^ Arrays.hashCode(lower);
    }

    @Override
    public String toString() {
      return name(this);
    }
  }
}
