package dev.aijson.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** Calls {@code visitor} for every reference inside {@code value}, with its pointer. */
  static void forEachRef(Object value, String pointer, RefVisitor visitor) {
    if (value instanceof AiJsonRef ref) {
      visitor.visit(ref, pointer);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        forEachRef(list.get(i), pointer + "/" + i, visitor);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        forEachRef(entry.getValue(), pointer + AiJsonException.pointer(entry.getKey()), visitor);
      }
    }
  }

  /** Receives the references found by {@link #forEachRef}. */
  interface RefVisitor {
    void visit(AiJsonRef ref, String pointer);
  }
}
