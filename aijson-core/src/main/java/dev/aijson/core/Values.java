package dev.aijson.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Checks and copies document values (the JSON data model plus {@link AiJsonRef}). */
final class Values {
  private Values() {}

  static Map<String, Object> copyObject(Map<String, ?> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      copy.put(entry.getKey(), copy(entry.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  static Object copy(Object value) {
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
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        copy.add(copy(element));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException("map keys in a document must be strings: " + entry);
        }
        copy.put(key, copy(entry.getValue()));
      }
      return Collections.unmodifiableMap(copy);
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
  static void forEachRef(Object value, String pointer, RefVisitor visitor) {
    walk(value, new Path(null, pointer), visitor);
  }

  private static void walk(Object value, Path path, RefVisitor visitor) {
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

  /** Receives the references found by {@link #forEachRef}. */
  interface RefVisitor {
    /**
     * Receives one reference.
     *
     * @param ref the reference
     * @param pointer gives its JSON Pointer, when a problem needs it
     */
    void visit(AiJsonRef ref, Supplier<String> pointer);
  }
}
