package dev.aijson.core.recording;

import dev.aijson.core.internal.ValueEncoder;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * What a bound collection, map, array or record held when it was last encoded, to tell exactly,
 * at a later provision, whether it still holds that: its containers' classes, sizes and elements
 * in iteration order, with strings, numbers, booleans, characters, enums and unchangeable records
 * kept as they are (they cannot change, so equal ones encode alike). A hash would not do: two
 * contents with one hash ({@code ["Aa"]} and {@code ["BB"]}) would be written alike.
 *
 * <p>{@link #of} takes a snapshot; {@link #matches} compares a value with one. A value that is, and
 * holds, only what cannot change (a {@code List.of} of strings) is {@link #FIXED}: it need never be
 * compared. A value holding anything else (a bean, an object of the graph) has no snapshot, and is
 * encoded again at each provision.
 */
final class Snapshot {
  /** What {@link #of} returns for a value that can never hold anything else. */
  static final Object FIXED = new Object();
  /** What the inner {@code of} returns for a value no snapshot can tell the changes of. */
  private static final Object NONE = new Object();

  /** The most nodes a snapshot holds: more than the recorder writes inline. */
  private static final int MAX_NODES = 100_001;
  /** The deepest a snapshot nests: more than the recorder writes inline. */
  private static final int MAX_DEPTH = 33;

  private final Class<?> type;
  /** The elements' snapshots (a map's keys and values in turn), or a primitive array's copy. */
  private final Object contents;

  private Snapshot(Class<?> type, Object contents) {
    this.type = type;
    this.contents = contents;
  }

  /** An element that cannot change (an immutable collection of fixed elements, a fixed record): compared by identity. */
  private record Same(Object instance) {}

  /**
   * Returns a snapshot of what {@code value} holds now, {@link #FIXED} if it can hold nothing else,
   * or null if no snapshot can tell its changes (it holds a bean or another object, is too large,
   * or reading it threw).
   */
  static Object of(Object value) {
    Object taken;
    try {
      taken = of(value, 0, new int[] {MAX_NODES});
    } catch (RuntimeException | StackOverflowError e) {
      return null; // changed while read, or an accessor threw: encoded at each provision
    }
    return taken == NONE ? null : taken instanceof Same || isScalar(value) ? FIXED : taken;
  }

  /**
   * Returns whether {@code value} holds what {@code snapshot} was taken of: the same classes of
   * containers, of the same sizes, with equal scalars of the same classes in the same order.
   */
  static boolean matches(Object value, Object snapshot) {
    try {
      return snapshot == FIXED || same(value, snapshot);
    } catch (RuntimeException | StackOverflowError e) {
      return false; // changed while read, or an accessor threw: encoded again
    }
  }

  private static Object of(Object value, int depth, int[] budget) {
    if (--budget[0] < 0 || depth > MAX_DEPTH) {
      return NONE;
    }
    if (isScalar(value)) {
      return value;
    }
    Class<?> type = value.getClass();
    if (ValueEncoder.guardsItself(type)) {
      synchronized (value) { // read as the wrapper asks (see ValueEncoder#guardsItself)
        return container(value, type, depth, budget);
      }
    }
    return container(value, type, depth, budget);
  }

  /** Returns {@link #of} of a value that is no scalar. */
  private static Object container(Object value, Class<?> type, int depth, int[] budget) {
    if (value instanceof Record record) {
      if (AiJsonRecorder.isFixedRecord(type)) {
        return new Same(value);
      }
      RecordComponent[] components = type.getRecordComponents();
      Object[] parts = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        parts[i] = of(component(components[i], record), depth + 1, budget);
        if (parts[i] == NONE) {
          return NONE;
        }
      }
      return new Snapshot(type, parts);
    }
    if (type.isArray()) {
      if (type.getComponentType().isPrimitive()) {
        int length = Array.getLength(value);
        if ((budget[0] -= length) < 0) {
          return NONE;
        }
        Object copy = Array.newInstance(type.getComponentType(), length);
        System.arraycopy(value, 0, copy, 0, length);
        return new Snapshot(type, copy);
      }
      Object[] array = (Object[]) value;
      return elements(value, java.util.Arrays.asList(array), array.length, false, depth, budget);
    }
    if (value instanceof Collection<?> collection) {
      return elements(value, collection, collection.size(), isImmutable(type), depth, budget);
    }
    if (value instanceof Map<?, ?> map) {
      int size = map.size();
      if (size > budget[0]) {
        return NONE;
      }
      Object[] parts = new Object[2 * size];
      int i = 0;
      boolean fixed = isImmutable(type);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (i == parts.length || !isScalar(entry.getKey())) {
          return NONE; // grew while read, or a key that is no string or enum: not written inline
        }
        Object element = of(entry.getValue(), depth + 1, budget);
        if (element == NONE) {
          return NONE;
        }
        parts[i++] = entry.getKey();
        parts[i++] = element;
        fixed &= !(element instanceof Snapshot);
      }
      return i != parts.length ? NONE : fixed ? new Same(value) : new Snapshot(type, parts);
    }
    return NONE; // a bean or another object: no snapshot tells its changes
  }

  private static Object component(RecordComponent component, Record record) {
    try {
      java.lang.reflect.Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e); // read as a change
    }
  }

  private static Object elements(Object value, Collection<?> collection, int size, boolean immutable, int depth,
      int[] budget) {
    if (size > budget[0]) {
      return NONE;
    }
    Object[] parts = new Object[size];
    int i = 0;
    boolean fixed = immutable;
    for (Object item : collection) {
      if (i == size) {
        return NONE; // grew while read
      }
      Object element = of(item, depth + 1, budget);
      if (element == NONE) {
        return NONE;
      }
      parts[i++] = element;
      fixed &= !(element instanceof Snapshot);
    }
    return i != size ? NONE : fixed ? new Same(value) : new Snapshot(value.getClass(), parts);
  }

  private static boolean same(Object value, Object snapshot) {
    if (snapshot instanceof Same same) {
      return value == same.instance();
    }
    if (!(snapshot instanceof Snapshot taken)) {
      // a scalar as it was: Double.equals compares bits, BigDecimal.equals the scale too
      return value == snapshot || value != null && snapshot != null && value.getClass() == snapshot.getClass()
          && value.equals(snapshot);
    }
    if (value == null || value.getClass() != taken.type) {
      return false;
    }
    if (ValueEncoder.guardsItself(taken.type)) {
      synchronized (value) { // read as the wrapper asks (see ValueEncoder#guardsItself)
        return sameContents(value, taken);
      }
    }
    return sameContents(value, taken);
  }

  /** Returns {@link #same} of a container of the class {@code taken} was taken of. */
  private static boolean sameContents(Object value, Snapshot taken) {
    if (value instanceof Record record) {
      Object[] parts = (Object[]) taken.contents;
      RecordComponent[] components = taken.type.getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        if (!same(component(components[i], record), parts[i])) {
          return false;
        }
      }
      return true;
    }
    if (taken.type.isArray() && taken.type.getComponentType().isPrimitive()) {
      // compares doubles and floats by their bits, as Double.equals does
      return java.util.Objects.deepEquals(value, taken.contents);
    }
    Object[] parts = (Object[]) taken.contents;
    if (value instanceof Map<?, ?> map) {
      if (map.size() * 2 != parts.length) {
        return false;
      }
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (i == parts.length || !same(entry.getKey(), parts[i]) || !same(entry.getValue(), parts[i + 1])) {
          return false;
        }
        i += 2;
      }
      return i == parts.length;
    }
    Collection<?> collection = value instanceof Object[] array ? java.util.Arrays.asList(array) : (Collection<?>) value;
    if (collection.size() != parts.length) {
      return false;
    }
    int i = 0;
    for (Object item : collection) {
      if (i == parts.length || !same(item, parts[i++])) {
        return false;
      }
    }
    return i == parts.length;
  }

  /**
   * Whether a value cannot change and is compared by equality: null, a string, a boolean, a
   * character, an enum constant, or a number of the JDK's own immutable classes.
   */
  private static boolean isScalar(Object value) {
    if (value == null || value instanceof Enum<?>) {
      return true;
    }
    Class<?> type = value.getClass();
    return type == String.class || type == Boolean.class || type == Character.class || type == Long.class
        || type == Integer.class || type == Short.class || type == Byte.class || type == Double.class
        || type == Float.class || type == BigDecimal.class || type == BigInteger.class;
  }

  /** Whether a collection or map class is one of the JDK's or Guava's immutable ones, whose elements are fixed. */
  static boolean isImmutable(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("com.google.common.collect.Immutable")
        || name.startsWith("com.google.common.collect.Regular") || name.startsWith("com.google.common.collect.Singleton");
  }
}
