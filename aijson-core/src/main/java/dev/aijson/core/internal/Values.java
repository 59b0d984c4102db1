package dev.aijson.core.internal;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues.ReferenceVisitor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Checks and copies document values (the JSON data model plus {@link AiJsonRef}). Copies are
 * {@link DocumentMap}s and {@link DocumentList}s: immutable, compact (a large document holds
 * hundreds of thousands of them) and deep, so that copying one again returns it as it is.
 */
public final class Values {
  /** The empty object. */
  public static final Map<String, Object> EMPTY_OBJECT = new DocumentMap(new String[0], new Object[0]);

  private Values() {}

  public static Map<String, Object> copyObject(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return EMPTY_OBJECT;
    }
    if (map instanceof DocumentMap document) {
      return document;
    }
    String[] keys = new String[map.size()];
    Object[] values = new Object[keys.length];
    int i = 0;
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      keys[i] = Objects.requireNonNull(entry.getKey(), "a key of a document object");
      values[i++] = copy(entry.getValue());
    }
    return new DocumentMap(keys, values);
  }

  public static Object copy(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof AiJsonRef) {
      return value;
    }
    // hold numbers as the reader gives them back, so that parse(toJson(doc)) equals doc
    if (value instanceof BigDecimal decimal) {
      return decimal.scale() == 0 ? copy(decimal.unscaledValue()) : decimal;
    }
    if (value instanceof BigInteger integer) {
      return integer.bitLength() < Long.SIZE ? (Object) integer.longValue() : integer;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof DocumentList || value instanceof DocumentMap) {
      return value;
    }
    if (value instanceof List<?> list) {
      Object[] copy = new Object[list.size()];
      int i = 0;
      for (Object element : list) {
        copy[i++] = copy(element);
      }
      return new DocumentList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      String[] keys = new String[map.size()];
      Object[] values = new Object[keys.length];
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException("map keys in a document must be strings: " + entry);
        }
        keys[i] = key;
        values[i++] = copy(entry.getValue());
      }
      return new DocumentMap(keys, values);
    }
    throw new IllegalArgumentException(
        "not a document value: " + value.getClass().getName()
            + "; use null, Boolean, String, Long, BigInteger, BigDecimal, AiJsonRef, List or Map");
  }

  /**
   * Calls {@code visitor} for every reference inside {@code value}, with its pointer. The pointer
   * is built only if the visitor asks for it: building one per element would cost the length of
   * its path each time, which long keys above long arrays multiply without bound.
   */
  public static void forEachRef(Object value, String pointer, ReferenceVisitor visitor) {
    walk(value, new Path(null, pointer), visitor);
  }

  private static void walk(Object value, Path path, ReferenceVisitor visitor) {
    if (value instanceof AiJsonRef ref) {
      visitor.visit(ref, path::render);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (isWalked(list.get(i))) {
          walk(list.get(i), new Path(path, Integer.toString(i)), visitor);
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (isWalked(entry.getValue())) {
          walk(entry.getValue(), new Path(path, String.valueOf(entry.getKey())), visitor);
        }
      }
    }
  }

  private static boolean isWalked(Object value) {
    return value instanceof AiJsonRef || value instanceof List || value instanceof Map;
  }

  /** A JSON Pointer kept as a chain of tokens; the root holds a finished pointer. */
  private record Path(Path parent, String token) {
    String render() {
      if (parent == null) {
        return token;
      }
      return parent.render() + AiJsonException.pointer(token);
    }
  }

  /**
   * Returns whether {@code test} accepts every reference inside {@code value}, stopping at the
   * first it refuses; unlike {@link #forEachRef}, works out no pointers.
   */
  public static boolean allRefs(Object value, Predicate<AiJsonRef> test) {
    if (value instanceof AiJsonRef ref) {
      return test.test(ref);
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!allRefs(element, test)) {
          return false;
        }
      }
    } else if (value instanceof DocumentMap map) {
      for (int i = 0; i < map.size(); i++) {
        if (!allRefs(map.valueAt(i), test)) {
          return false;
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object element : map.values()) {
        if (!allRefs(element, test)) {
          return false;
        }
      }
    }
    return true;
  }


  /**
   * An immutable object of document values, in insertion order: the keys and values arrays,
   * which the creator hands over and never changes (the keys array may be shared by many maps).
   * Small maps are searched in order; large ones get an index on first lookup.
   */
  public static final class DocumentMap extends AbstractMap<String, Object> {
    private static final int SCANNED = 8;

    private final String[] keys;
    private final Object[] values;
    private volatile Map<String, Integer> index;

    public DocumentMap(String[] keys, Object[] values) {
      if (keys.length != values.length) {
        throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
      }
      this.keys = keys;
      this.values = values;
    }

    private int find(Object key) {
      if (keys.length <= SCANNED) {
        for (int i = 0; i < keys.length; i++) {
          if (keys[i].equals(key)) {
            return i;
          }
        }
        return -1;
      }
      Map<String, Integer> positions = index;
      if (positions == null) {
        positions = new HashMap<>(keys.length * 2);
        for (int i = keys.length - 1; i >= 0; i--) {
          positions.put(keys[i], i);
        }
        index = positions;
      }
      Integer position = positions.get(key);
      return position == null ? -1 : position;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
      return find(key) >= 0;
    }

    @Override
    public Object get(Object key) {
      int i = find(key);
      return i < 0 ? null : values[i];
    }

    String keyAt(int i) {
      return keys[i];
    }

    Object valueAt(int i) {
      return values[i];
    }

    @Override
    public Set<String> keySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return keys.length;
        }

        @Override
        public boolean contains(Object key) {
          return find(key) >= 0;
        }

        @Override
        public Iterator<String> iterator() {
          return Arrays.asList(keys).iterator();
        }
      };
    }

    @Override
    public Collection<Object> values() {
      return Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
      for (int i = 0; i < keys.length; i++) {
        action.accept(keys[i], values[i]);
      }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return keys.length;
        }

        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Map.Entry<String, Object> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
            }
          };
        }
      };
    }
  }

  /** An immutable list of document values over an array the creator hands over. */
  static final class DocumentList extends AbstractList<Object> implements RandomAccess {
    private final Object[] elements;

    DocumentList(Object[] elements) {
      this.elements = elements;
    }

    @Override
    public Object get(int index) {
      Objects.checkIndex(index, elements.length);
      return elements[index];
    }

    @Override
    public int size() {
      return elements.length;
    }

    @Override
    public Object[] toArray() {
      return Arrays.copyOf(elements, elements.length);
    }

    // a document's signatures are looked up by list in a map of those read before: hashing and
    // comparing the array spares the iterators of AbstractList's (5% of a 1,000-var from(json))

    @Override
    public int hashCode() {
      return Arrays.hashCode(elements);
    }

    @Override
    public boolean equals(Object other) {
      if (other == this) {
        return true;
      }
      if (!(other instanceof List<?> list && other instanceof RandomAccess)) {
        return super.equals(other);
      }
      if (list.size() != elements.length) {
        return false;
      }
      for (int i = 0; i < elements.length; i++) {
        Object element = elements[i];
        Object theirs = list.get(i);
        if (element != theirs && (element == null || !element.equals(theirs))) {
          return false;
        }
      }
      return true;
    }
  }
}
