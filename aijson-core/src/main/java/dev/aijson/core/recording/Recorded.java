package dev.aijson.core.recording;

import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.lang.ref.WeakReference;

/**
 * One var as the recorder holds it, and the weak reference to the object it made, so that one
 * object per var is all the log keeps: a var recorded through a {@link VarTemplate} keeps its
 * template, its key and its encoded values (references to other vars as their {@code Recorded}),
 * up to four in fields of its own (a var of a large graph has a few arguments; an array would
 * add its header and a pointer to each var); any other var keeps its {@link AiJsonVar}. Names
 * and {@link AiJsonRef}s are made at export.
 */
class Recorded extends WeakReference<Object> {
  /** The var's number, shifted left once, with its singleton flag in the lowest bit. */
  private final int bits;
  /** The {@link VarTemplate}, or the whole {@link AiJsonVar}. */
  final Object body;
  final String key;

  private Recorded(Object product, int index, Object body, String key, boolean singleton) {
    super(product);
    this.bits = index << 1 | (singleton ? 1 : 0);
    this.body = body;
    this.key = key;
  }

  /** Returns the var of a whole {@link AiJsonVar}. */
  Recorded(Object product, int index, AiJsonVar var) {
    this(product, index, var, null, false);
  }

  /** Returns the var of a template, holding {@code values} (encoded). */
  static Recorded of(Object product, int index, VarTemplate template, String key, boolean singleton, Object[] values) {
    return switch (values.length) {
      case 0 -> new Recorded(product, index, template, key, singleton);
      case 1 -> new One(product, index, template, key, singleton, values[0]);
      case 2 -> new Two(product, index, template, key, singleton, values[0], values[1]);
      case 3 -> new Three(product, index, template, key, singleton, values[0], values[1], values[2]);
      case 4 -> new Four(product, index, template, key, singleton, values[0], values[1], values[2], values[3]);
      default -> new Many(product, index, template, key, singleton, values);
    };
  }

  int index() {
    return bits >>> 1;
  }

  boolean singleton() {
    return (bits & 1) != 0;
  }

  /** Returns value {@code i} of a template's var. */
  Object value(int i) {
    throw new IndexOutOfBoundsException(i);
  }

  /** Returns a new reference to this var, for values encoded outside the template path. */
  AiJsonRef ref() {
    return AiJsonRef.to("var" + index());
  }

  private static final class One extends Recorded {
    private final Object v0;

    One(Object product, int index, VarTemplate template, String key, boolean singleton, Object v0) {
      super(product, index, template, key, singleton);
      this.v0 = v0;
    }

    @Override
    Object value(int i) {
      return i == 0 ? v0 : super.value(i);
    }
  }

  private static final class Two extends Recorded {
    private final Object v0;
    private final Object v1;

    Two(Object product, int index, VarTemplate template, String key, boolean singleton, Object v0, Object v1) {
      super(product, index, template, key, singleton);
      this.v0 = v0;
      this.v1 = v1;
    }

    @Override
    Object value(int i) {
      return i == 0 ? v0 : i == 1 ? v1 : super.value(i);
    }
  }

  private static final class Three extends Recorded {
    private final Object v0;
    private final Object v1;
    private final Object v2;

    Three(Object product, int index, VarTemplate template, String key, boolean singleton, Object v0, Object v1,
        Object v2) {
      super(product, index, template, key, singleton);
      this.v0 = v0;
      this.v1 = v1;
      this.v2 = v2;
    }

    @Override
    Object value(int i) {
      return i == 0 ? v0 : i == 1 ? v1 : i == 2 ? v2 : super.value(i);
    }
  }

  private static final class Four extends Recorded {
    private final Object v0;
    private final Object v1;
    private final Object v2;
    private final Object v3;

    Four(Object product, int index, VarTemplate template, String key, boolean singleton, Object v0, Object v1,
        Object v2, Object v3) {
      super(product, index, template, key, singleton);
      this.v0 = v0;
      this.v1 = v1;
      this.v2 = v2;
      this.v3 = v3;
    }

    @Override
    Object value(int i) {
      return i == 0 ? v0 : i == 1 ? v1 : i == 2 ? v2 : i == 3 ? v3 : super.value(i);
    }
  }

  private static final class Many extends Recorded {
    private final Object[] values;

    Many(Object product, int index, VarTemplate template, String key, boolean singleton, Object[] values) {
      super(product, index, template, key, singleton);
      this.values = values;
    }

    @Override
    Object value(int i) {
      return values[i];
    }
  }
}
