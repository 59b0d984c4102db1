package dev.aijson.core.recording;

import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.lang.ref.WeakReference;

/**
 * One var as the recorder holds it, and the weak reference to the object it made, so that one
 * object per var is all the log keeps: a var recorded through a {@link VarTemplate} keeps its
 * template, its key and its encoded values (references to other vars as their {@code Recorded});
 * any other var keeps its {@link AiJsonVar}. Names and {@link AiJsonRef}s are made at export.
 */
final class Recorded extends WeakReference<Object> {
  /** The var's number, shifted left once, with its singleton flag in the lowest bit. */
  private final int bits;
  /** The {@link VarTemplate}, or the whole {@link AiJsonVar}. */
  final Object body;
  /** The encoded kwargs then member values, in the template's order; null for a whole var. */
  final Object[] values;
  final String key;

  Recorded(Object product, int index, VarTemplate template, String key, boolean singleton, Object[] values) {
    super(product);
    this.bits = index << 1 | (singleton ? 1 : 0);
    this.body = template;
    this.values = values;
    this.key = key;
  }

  Recorded(Object product, int index, AiJsonVar var) {
    super(product);
    this.bits = index << 1;
    this.body = var;
    this.values = null;
    this.key = null;
  }

  int index() {
    return bits >>> 1;
  }

  boolean singleton() {
    return (bits & 1) != 0;
  }

  /** Returns a new reference to this var, for values encoded outside the template path. */
  AiJsonRef ref() {
    return AiJsonRef.to("var" + index());
  }
}
