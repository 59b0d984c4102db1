package dev.aijson.core.internal;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.core.AiJsonRef;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The rule that turns a Java value into a document value: scalars, enums by name, records,
 * configuration beans (see {@link Beans}), collections, maps with string keys and arrays of
 * those, with objects already recorded written as references. One rule for the recorder, for overrides and for {@code AiJsonValues}.
 */
public final class ValueEncoder {
  /** What {@link #inline} returns for a value that is not a JSON value. */
  public static final Object NOT_INLINE = new Object();
  /**
   * What {@link #inline(Object, int, int)} returns for a value that nests lists, maps, arrays or
   * records deeper than it allows.
   */
  static final Object TOO_DEEP = new Object();
  /** What {@link #inline(Object, int, int)} returns for a value of more nodes than it allows. */
  static final Object TOO_LARGE = new Object();

  private static final int MAX_VALUE_DEPTH = 32;
  private static final int MAX_VALUE_NODES = 100_000;
  /** The longest string written inline: what a reader with the default limits accepts. */
  private static final int MAX_STRING_CHARS = AiJsonLimits.defaults().maxStringChars();
  private static final Function<Object, AiJsonRef> NOTHING_TRACKED = value -> null;

  private static final Logger LOGGER = Logger.getLogger(ValueEncoder.class.getName());
  /** Records and beans that could not be written inline, by class name, so each is logged once. */
  private static final Set<String> UNREADABLE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private ValueEncoder() {}

  /**
   * Returns {@code value} as a document value, for a JSON value by the rules of the format.
   *
   * @throws AiJsonException if {@code value} is not a JSON value, naming its class, or nests
   *     deeper or has more nodes than the recorder writes; the pointer is {@code pointer}
   */
  public static Object encode(Object value, String pointer) {
    if (value instanceof AiJsonRef) {
      return value;
    }
    Object inline = inline(value, MAX_VALUE_DEPTH, MAX_VALUE_NODES);
    if (inline == TOO_DEEP) {
      throw new AiJsonException(pointer, "The value nests lists, maps, arrays and records deeper"
          + " than " + MAX_VALUE_DEPTH + " levels, the most the recorder writes. Pass a value that"
          + " nests less.");
    }
    if (inline == TOO_LARGE) {
      throw new AiJsonException(pointer, "The value has more than " + MAX_VALUE_NODES + " nodes,"
          + " the most the recorder writes. Pass a smaller value.");
    }
    if (inline == NOT_INLINE) {
      throw new AiJsonException(pointer, notJson(value) + ". Pass a JSON value.");
    }
    return inline;
  }

  /**
   * Returns {@code value} as a document value, or {@link #NOT_INLINE} if it is not a JSON value;
   * nothing is tracked, so an object is never a reference.
   */
  public static Object inline(Object value) {
    return inline(value, 0, NOTHING_TRACKED);
  }

  /**
   * Returns {@code value} as a document value, as {@link #inline(Object)} does but nested at most
   * {@code levels} deep and of at most {@code nodes} nodes; a value past one of those is {@link
   * #TOO_DEEP} or {@link #TOO_LARGE}, not {@link #NOT_INLINE}, so that its refusal names the rule
   * it breaks.
   */
  static Object inline(Object value, int levels, int nodes) {
    Walk walk = new Walk(nodes, levels);
    Object inline = inline(value, 0, walk, NOTHING_TRACKED);
    if (inline != NOT_INLINE) {
      return inline;
    }
    return walk.budget < 0 ? TOO_LARGE : walk.tooDeep ? TOO_DEEP : NOT_INLINE;
  }

  /** Returns the rule a value that is not a JSON value breaks, naming its class. */
  public static String notJson(Object value) {
    return value.getClass().getName() + " is not a JSON value (scalar, enum, record, bean,"
        + " collection, map with string keys or array of those)";
  }

  /**
   * Returns {@code value} as a document value if it is one at {@code depth}, with objects that
   * {@code tracked} knows written as references; else {@link #NOT_INLINE}.
   */
  public static Object inline(Object value, int depth, Function<Object, AiJsonRef> tracked) {
    return inline(value, depth, new Walk(MAX_VALUE_NODES, MAX_VALUE_DEPTH), tracked);
  }

  /**
   * One walk over a value: the nodes it may still visit, how deep it may nest, and whether a
   * list, map, array or record stood deeper.
   */
  private static final class Walk {
    int budget;
    final int levels;
    boolean tooDeep;
    // whether a double or float was written as a string (see specialsFit)
    boolean special;

    Walk(int budget, int levels) {
      this.budget = budget;
      this.levels = levels;
    }
  }

  /**
   * Returns {@code value} as a document value if it is written inline: a JSON scalar, an enum, or
   * a record, map with string keys, collection or array whose contents are inline values or
   * objects {@code tracked} knows (written as references). Otherwise returns {@link #NOT_INLINE}.
   * Creates no var; {@code walk} bounds the depth and the nodes visited, so that a value sharing
   * sub-collections cannot take exponential time.
   */
  private static Object inline(
      Object value, int depth, Walk walk, Function<Object, AiJsonRef> tracked) {
    if (--walk.budget < 0) {
      return NOT_INLINE;
    }
    if (value instanceof String text && text.length() > MAX_STRING_CHARS) {
      return NOT_INLINE; // a reader with the default limits would refuse the document
    }
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value instanceof Double d) {
      if (isWrittenAsString(d)) {
        walk.special = true;
        return special(d);
      }
      return new BigDecimal(Double.toString(d));
    }
    if (value instanceof Float f) {
      if (isWrittenAsString(f.doubleValue())) {
        walk.special = true;
        return special(f.doubleValue());
      }
      return new BigDecimal(Float.toString(f));
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (depth >= walk.levels) {
      walk.tooDeep |= value instanceof Record || value instanceof Map || value instanceof Collection
          || value.getClass().isArray();
      return NOT_INLINE;
    }
    if (value instanceof Record record) {
      Map<String, Object> components = new LinkedHashMap<>();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        Object raw = componentValue(component, record);
        Object element = raw == NOT_INLINE ? NOT_INLINE : element(raw, depth, walk, tracked);
        if (element == NOT_INLINE) {
          return NOT_INLINE;
        }
        components.put(component.getName(), element);
      }
      return components;
    }
    if (guardsItself(value.getClass())) {
      synchronized (value) { // iterated as the wrapper asks: no change can come between two reads
        return value instanceof Map<?, ?> map ? inlineMap(map, depth, walk, tracked)
            : inlineCollection((Collection<?>) value, depth, walk, tracked);
      }
    }
    if (value instanceof Map<?, ?> map) {
      return inlineMap(map, depth, walk, tracked);
    }
    if (!value.getClass().isArray() && !(value instanceof Collection)) {
      // an object a var made is that var: it is no configuration bean to read, nor one to warn about
      AiJsonRef known = tracked.apply(value);
      return known != null ? known : bean(value, depth, walk);
    }
    List<Object> list = new ArrayList<>();
    if (value.getClass().isArray()) {
      for (int i = 0, n = Array.getLength(value); i < n; i++) {
        Object element = element(Array.get(value, i), depth, walk, tracked);
        if (element == NOT_INLINE) {
          return NOT_INLINE;
        }
        list.add(element);
      }
      return list;
    }
    if (!(value instanceof Collection<?> collection)) {
      return NOT_INLINE;
    }
    return inlineCollection(collection, depth, walk, tracked);
  }

  private static Object inlineCollection(
      Collection<?> collection, int depth, Walk walk, Function<Object, AiJsonRef> tracked) {
    List<Object> list = new ArrayList<>();
    for (Object item : collection) {
      Object element = element(item, depth, walk, tracked);
      if (element == NOT_INLINE) {
        return NOT_INLINE;
      }
      list.add(element);
    }
    if (collection instanceof Set ? !(collection instanceof SortedSet
        || collection instanceof LinkedHashSet || collection instanceof EnumSet)
        : !(collection instanceof List) && !definesOrder(collection)) {
      // a hash set's order depends on identity hash codes (and a map's values(), or Set.of's
      // order, on a salt drawn per JVM); sort so that output is deterministic
      list.sort((a, b) -> DocumentWriter.valueJson(a).compareTo(DocumentWriter.valueJson(b)));
    }
    return list;
  }

  /**
   * Returns whether objects of {@code type} are one of the JDK's synchronized wrappers ({@code
   * Collections.synchronizedList} and the like), which guard themselves by their own monitor: a
   * reader holds it while it iterates one, as their documentation asks, so that a change another
   * thread makes under that monitor never comes in the middle of the read.
   *
   * @param type the class of a value
   * @return whether to hold a value's monitor while reading it
   */
  public static boolean guardsItself(Class<?> type) {
    return SYNCHRONIZED.get(type);
  }

  private static final ClassValue<Boolean> SYNCHRONIZED = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return type.getName().startsWith("java.util.Collections$Synchronized");
    }
  };

  /**
   * Returns whether a collection that is neither a list nor a set defines the order it iterates
   * in, as its spliterator says ({@code ORDERED}: a deque, a queue, an unmodifiable view of a
   * list); a map's {@code values()} and an unmodifiable view of a hash set do not.
   */
  public static boolean definesOrder(Collection<?> collection) {
    try {
      return collection.spliterator().hasCharacteristics(java.util.Spliterator.ORDERED);
    } catch (RuntimeException e) {
      return true; // a collection that cannot say: written in the order it iterated in
    }
  }

  private static Object inlineMap(
      Map<?, ?> map, int depth, Walk walk, Function<Object, AiJsonRef> tracked) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey() instanceof Enum<?> e ? e.name() : entry.getKey();
      if (!(key instanceof String name) || name.length() > MAX_STRING_CHARS) {
        return NOT_INLINE;
      }
      Object element = element(entry.getValue(), depth, walk, tracked);
      if (element == NOT_INLINE) {
        return NOT_INLINE;
      }
      object.put(name, element);
    }
    if (map instanceof SortedMap || map instanceof LinkedHashMap || map instanceof EnumMap) {
      return object;
    }
    return new LinkedHashMap<>(new TreeMap<>(object));
  }

  private static Object element(
      Object value, int depth, Walk walk, Function<Object, AiJsonRef> tracked) {
    Object inline = inline(value, depth + 1, walk, tracked);
    if (inline != NOT_INLINE) {
      return inline;
    }
    AiJsonRef known = value == null ? null : tracked.apply(value);
    return known != null ? known : NOT_INLINE;
  }

  /**
   * Returns a configuration bean as the object of its properties, or {@link #NOT_INLINE} if
   * {@code value} is no bean, or is one whose round trip would lose something (said once per
   * class in the log), or one of whose properties is not a JSON value. A bean's properties are
   * values, never references: replay makes the bean from them alone.
   */
  private static Object bean(Object value, int depth, Walk walk) {
    Beans.Shape shape = Beans.shape(value.getClass());
    if (!shape.isBean()) {
      if (shape.lossy() != null) {
        opaqueBean(value.getClass(), shape.lossy());
      }
      return NOT_INLINE;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    for (Beans.Property property : shape.properties()) {
      Object raw;
      try {
        raw = property.read(value);
      } catch (RuntimeException | LinkageError e) {
        Throwable cause = e;
        for (int hops = 0; hops < 8 && cause.getCause() != null && cause.getCause() != cause; hops++) {
          cause = cause.getCause(); // Jackson's and reflection's wrappers, down to the getter's own
        }
        opaqueBean(value.getClass(), "reading property \"" + property.name() + "\" threw " + cause);
        return NOT_INLINE;
      }
      Object element = inline(raw, depth + 1, walk, NOTHING_TRACKED);
      if (element == NOT_INLINE) {
        if (walk.budget >= 0) {
          opaqueBean(value.getClass(), "property \"" + property.name() + "\" holds "
              + (raw == null ? "null" : "a " + raw.getClass().getName()) + ", which is not a JSON"
              + " value");
        }
        return NOT_INLINE;
      }
      properties.put(property.name(), element);
    }
    return properties;
  }

  /** Logs, once per class, why a bean is recorded as an opaque var rather than its properties. */
  private static void opaqueBean(Class<?> type, String why) {
    if (UNREADABLE.add(type.getName()) && LOGGER.isLoggable(Level.WARNING)) {
      LOGGER.warning("aijson: " + type.getName() + " is recorded as an opaque var, not as its"
          + " properties: " + why + ". Serving must then supply it (withInstance). To record its"
          + " values, give every property a getter and a setter (or a @JsonCreator constructor)"
          + " and make each a JSON value.");
    }
  }

  /**
   * Whether a double is written as a string: NaN, an infinity, or negative zero, which a JSON
   * number read as a decimal cannot tell from zero.
   */
  private static boolean isWrittenAsString(double d) {
    return !Double.isFinite(d) || d == 0 && Double.doubleToRawLongBits(d) != 0;
  }

  private static String special(double d) {
    return Double.isNaN(d) ? "NaN" : d == 0 ? "-0.0" : d > 0 ? "Infinity" : "-Infinity";
  }

  /**
   * Returns {@code value} as a document value, as {@link #inline(Object, int, Function)} does,
   * but {@link #NOT_INLINE} if it holds a double or float written as a string ({@code "NaN"},
   * {@code "Infinity"}, {@code "-Infinity"}, {@code "-0.0"}) where {@code declared} says an
   * {@code Object} goes (an {@code Object} parameter, a {@code List<Object>}'s element): replay
   * would read the string back as a {@code String}.
   *
   * @param declared the declared type of the place the value goes, or null if it is not known
   *     (then no such double is refused)
   */
  public static Object inline(Object value, java.lang.reflect.Type declared, int depth,
      Function<Object, AiJsonRef> tracked) {
    Walk walk = new Walk(MAX_VALUE_NODES, MAX_VALUE_DEPTH);
    Object inline = inline(value, depth, walk, tracked);
    if (inline != NOT_INLINE && walk.special && declared != null && !specialsFit(value, declared, 0)) {
      return NOT_INLINE;
    }
    return inline;
  }

  /**
   * Returns {@code value} as a document value, as {@link #inline(Object)} does, but {@link
   * #NOT_INLINE} for a double written as a string where {@code declared} says an {@code Object}
   * goes (see {@link #inline(Object, java.lang.reflect.Type, int, Function)}).
   */
  public static Object inline(Object value, java.lang.reflect.Type declared) {
    return inline(value, declared, 0, NOTHING_TRACKED);
  }

  /**
   * Whether every double or float of {@code value} that is written as a string goes where its
   * declared type is not {@code Object}, as far as the declared types say: elements by the type
   * arguments of a collection or map, components and properties by their declared types.
   */
  private static boolean specialsFit(Object value, java.lang.reflect.Type declared, int depth) {
    if (value instanceof Double || value instanceof Float) {
      return !isWrittenAsString(((Number) value).doubleValue()) || declaredRaw(declared) != Object.class;
    }
    if (value == null || value instanceof String || value instanceof Enum<?> || value instanceof Number
        || value instanceof Boolean || value instanceof Character || depth > MAX_VALUE_DEPTH) {
      return true;
    }
    java.lang.reflect.Type type = bound(declared);
    if (value instanceof Record record) {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        Object raw = componentValue(component, record);
        if (raw != NOT_INLINE && !specialsFit(raw, substitute(component.getGenericType(), record.getClass(), type),
            depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (guardsItself(value.getClass())) {
      synchronized (value) {
        return specialsFitContainer(value, type, depth);
      }
    }
    return specialsFitContainer(value, type, depth);
  }

  private static boolean specialsFitContainer(Object value, java.lang.reflect.Type type, int depth) {
    if (value instanceof Map<?, ?> map) {
      java.lang.reflect.Type element = typeArgument(type, 1, 2);
      for (Object element1 : map.values()) {
        if (!specialsFit(element1, element, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Collection<?> collection) {
      java.lang.reflect.Type element = typeArgument(type, 0, 1);
      for (Object item : collection) {
        if (!specialsFit(item, element, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (value.getClass().isArray()) {
      if (value.getClass().getComponentType().isPrimitive()) {
        return true; // a double[] or float[] says what its elements are
      }
      java.lang.reflect.Type element = type instanceof java.lang.reflect.GenericArrayType array
          ? array.getGenericComponentType()
          : type instanceof Class<?> c && c.isArray() ? c.getComponentType() : Object.class;
      for (Object item : (Object[]) value) {
        if (!specialsFit(item, element, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    Beans.Shape shape = Beans.shape(value.getClass());
    for (Beans.Property property : shape.properties()) {
      try {
        if (!specialsFit(property.read(value), property.type(), depth + 1)) {
          return false;
        }
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
    return true;
  }

  /** Returns a wildcard's or type variable's upper bound, as replay reads it; other types as they are. */
  private static java.lang.reflect.Type bound(java.lang.reflect.Type type) {
    for (int hops = 0; hops < 16; hops++) {
      if (type instanceof java.lang.reflect.WildcardType wildcard) {
        type = wildcard.getUpperBounds()[0];
      } else if (type instanceof java.lang.reflect.TypeVariable<?> variable) {
        type = variable.getBounds()[0];
      } else {
        return type;
      }
    }
    return Object.class;
  }

  private static Class<?> declaredRaw(java.lang.reflect.Type declared) {
    java.lang.reflect.Type type = bound(declared);
    return type instanceof Class<?> c ? c : AiJsonTypes.rawType(type);
  }

  /**
   * Returns the type argument at {@code index} of a collection or map type with {@code count}
   * type arguments, or {@code Object} where the declared type does not say (a raw type, or a
   * class of its own).
   */
  private static java.lang.reflect.Type typeArgument(java.lang.reflect.Type type, int index, int count) {
    if (type instanceof java.lang.reflect.ParameterizedType parameterized
        && parameterized.getActualTypeArguments().length == count) {
      return parameterized.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  /**
   * Returns a record component's declared type with the record's type variables replaced by the
   * type arguments {@code declared} gives them, as replay reads a generic record.
   */
  private static java.lang.reflect.Type substitute(java.lang.reflect.Type component, Class<?> record,
      java.lang.reflect.Type declared) {
    if (component instanceof java.lang.reflect.TypeVariable<?> variable
        && declared instanceof java.lang.reflect.ParameterizedType parameterized
        && parameterized.getRawType() == record) {
      java.lang.reflect.TypeVariable<?>[] variables = record.getTypeParameters();
      for (int i = 0; i < variables.length; i++) {
        if (variables[i].equals(variable)) {
          return parameterized.getActualTypeArguments()[i];
        }
      }
    }
    return component;
  }

  /**
   * Returns a record component's value, or {@link #NOT_INLINE} if its accessor fails: the record
   * is then not a value that can be written, and the application never sees the failure.
   */
  private static Object componentValue(RecordComponent component, Record record) {
    try {
      component.getAccessor().setAccessible(true);
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e instanceof java.lang.reflect.InvocationTargetException thrown ? thrown.getCause() : e;
      if (UNREADABLE.add(record.getClass().getName()) && LOGGER.isLoggable(Level.WARNING)) {
        LOGGER.warning("aijson: the record " + record.getClass().getName() + " cannot be read: its"
            + " accessor " + component.getName() + "() threw " + cause + ". It is recorded as an"
            + " opaque var. Make the accessor return its component, or bind the record as an"
            + " instance that serving supplies.");
      }
      return NOT_INLINE;
    }
  }
}
