package dev.aijson.core.recording;

import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One var as the recorder holds it, and the weak reference to the object it made, so that one
 * object per var is all the log keeps. A var recorded through a {@link VarTemplate} keeps its
 * template, its key and its encoded values (references to other vars as their {@code Recorded}):
 * either a {@link Shape} it shares with the template's earlier vars of the same key and values
 * (a component provisioned again and again from the same constants and singletons), or up to
 * four values in fields of its own (a var of a large graph has a few arguments; an array would
 * add its header and a pointer to each var). Any other var keeps its {@link AiJsonVar}. Names and
 * {@link AiJsonRef}s are made at export.
 *
 * <p>What a var adds to the heap is what a log of every provision must keep: the log's vars
 * survive young collections, so their bytes are copied by each collection that finds them young,
 * and in a service provisioning per request that copying is most of the recording's cost.
 */
class Recorded extends WeakReference<Object> {
  /** The var's number, shifted left once, with its singleton flag in the lowest bit. */
  private final int bits;
  /** The whole {@link AiJsonVar}, the {@link Shape}, or (for an {@link Own} var) the {@link VarTemplate}. */
  final Object body;

  private Recorded(Object product, int index, Object body, boolean singleton) {
    super(product);
    this.bits = index << 1 | (singleton ? 1 : 0);
    this.body = body;
  }

  /** Returns the var of a whole {@link AiJsonVar}. */
  Recorded(Object product, int index, AiJsonVar var) {
    this(product, index, var, false);
  }

  /** Returns a var of {@code shape}'s template, key and values. */
  Recorded(Object product, int index, Shape shape, boolean singleton) {
    this(product, index, (Object) shape, singleton);
  }

  /** Returns a var of a template holding its key and {@code values} (encoded) itself. */
  static Recorded of(Object product, int index, VarTemplate template, String key, boolean singleton, Object[] values) {
    return switch (values.length) {
      case 0 -> new Own(product, index, template, key, singleton);
      case 1 -> new One(product, index, template, key, singleton, values[0]);
      case 2 -> new Two(product, index, template, key, singleton, values[0], values[1]);
      case 3 -> new Three(product, index, template, key, singleton, values[0], values[1], values[2]);
      case 4 -> new Four(product, index, template, key, singleton, values[0], values[1], values[2], values[3]);
      default -> new Many(product, index, template, key, singleton, values.clone());
    };
  }

  int index() {
    return bits >>> 1;
  }

  boolean singleton() {
    return (bits & 1) != 0;
  }

  /** Returns the template of a template's var. */
  VarTemplate template() {
    return ((Shape) body).template;
  }

  /** Returns the key of a template's var. */
  String key() {
    return ((Shape) body).key;
  }

  /** Returns value {@code i} of a template's var. */
  Object value(int i) {
    return ((Shape) body).values[i];
  }

  /**
   * Returns whether this template's var is written as a var of {@code key} and {@code values}
   * (encoded) would be: the same key, and each value the same object or an equal scalar.
   */
  final boolean matches(String key, Object[] values) {
    if (!java.util.Objects.equals(key(), key)) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (!same(value(i), values[i])) {
        return false;
      }
    }
    return true;
  }

  /** Returns a new reference to this var, for values encoded outside the template path. */
  AiJsonRef ref() {
    return AiJsonRef.to("var" + index());
  }

  /**
   * Returns whether two encoded values are written alike: the same object, or equal scalars of one
   * class. Lists and maps count only as the same object (a map's equality ignores the order its
   * entries are written in), which is what a bound value encoded once is.
   */
  private static boolean same(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      return false;
    }
    Class<?> type = a.getClass();
    return (type == String.class || type == Long.class || type == Boolean.class || type == BigDecimal.class
        || type == BigInteger.class || type == AiJsonRef.class) && a.equals(b);
  }

  /**
   * What vars of one template with the same key and values share: the template, the key, the
   * values, and the bytes such a var counts against the budget beyond its name. Immutable.
   */
  static final class Shape {
    final VarTemplate template;
    final String key;
    private final Object[] values;
    /** What {@code ByteEstimate.of} counts for a var of this shape, less the digits of its number. */
    final long bytes;

    /** Returns the shape of {@code var}'s template, key and values, estimated at {@code bytes} beyond its number. */
    Shape(Recorded var, long bytes) {
      this.template = var.template();
      this.key = var.key();
      this.values = new Object[template.types.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = var.value(i);
      }
      this.bytes = bytes;
    }
  }

  /** A template's var that holds its template and key, and its values in the subclasses. */
  private static class Own extends Recorded {
    private final String key;

    Own(Object product, int index, VarTemplate template, String key, boolean singleton) {
      super(product, index, template, singleton);
      this.key = key;
    }

    @Override
    final VarTemplate template() {
      return (VarTemplate) body;
    }

    @Override
    final String key() {
      return key;
    }

    @Override
    Object value(int i) {
      throw new IndexOutOfBoundsException(i);
    }
  }

  private static final class One extends Own {
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

  private static final class Two extends Own {
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

  private static final class Three extends Own {
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

  private static final class Four extends Own {
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

  private static final class Many extends Own {
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
