package dev.aijson.core.recording;

import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates, cheaply and once per var, how many bytes of document text a var adds to a log, for
 * the recorder's byte budget: the characters of its names and strings plus a few per value for
 * quotes, separators and numbers; indentation is not counted. A value that many vars share by
 * identity (a bound structured instance, encoded once) counts in full where it is first counted
 * and as a reference everywhere else, as the log holds it once.
 */
final class ByteEstimate {
  /** What a reference to a value held elsewhere costs. */
  static final int REFERENCE = 8;
  /** What a var costs besides its strings and values: its field names and punctuation. */
  static final int VAR = 64;

  // encoded values that vars share by identity: whether they were counted in full yet
  private final Map<Object, Boolean> shared = new IdentityHashMap<>();

  /** Notes that {@code encoded} is shared by identity by every var that gets its instance. */
  void share(Object encoded) {
    shared.putIfAbsent(encoded, Boolean.FALSE);
  }

  /** Returns the estimated bytes of {@code var}, counting shared values seen before as references. */
  long of(AiJsonVar var) {
    long bytes = VAR + var.name().length() + var.module().length() + var.caller().length();
    if (var.key() != null) {
      bytes += var.key().length() + 10;
    }
    for (String type : var.signature()) {
      bytes += type.length() + 4;
    }
    return bytes + object(var.kwargs()) + object(var.members());
  }

  long value(Object value) {
    if (value instanceof String string) {
      return string.length() + 3L;
    }
    if (value instanceof AiJsonRef ref) {
      return ref.var().length() + 4L;
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      Boolean counted = shared.get(value);
      if (Boolean.TRUE.equals(counted)) {
        return REFERENCE;
      }
      if (counted != null) {
        shared.put(value, Boolean.TRUE);
      }
      if (value instanceof List<?> list) {
        long bytes = 2;
        for (Object element : list) {
          bytes += value(element) + 2;
        }
        return bytes;
      }
      return object((Map<?, ?>) value);
    }
    // numbers, booleans and null
    return 8;
  }

  /** Returns {@link #value} of a value that is no list or map, which reads no shared state. */
  long scalar(Object value) {
    return value instanceof String || value instanceof AiJsonRef ? value(value) : 8;
  }

  private long object(Map<?, ?> object) {
    long bytes = 2;
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      bytes += String.valueOf(entry.getKey()).length() + 5 + value(entry.getValue());
    }
    return bytes;
  }
}
