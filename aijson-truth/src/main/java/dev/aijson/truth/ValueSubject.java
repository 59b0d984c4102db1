package dev.aijson.truth;

import dev.aijson.core.internal.NullArguments;
import static com.google.common.truth.Fact.fact;

import com.google.common.truth.FailureMetadata;
import com.google.common.truth.Subject;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonValues;
import dev.aijson.core.AiJsonVar;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Truth subject for one value of a document (an argument or a member): compares it with a Java
 * value as the recorder would have written it, or checks that it references a var. Get one from
 * {@link VarSubject#kwarg(String)}.
 */
public final class ValueSubject extends Subject {
  private final Object actual;
  private final AiJsonDocument document;

  private ValueSubject(FailureMetadata metadata, Object actual, AiJsonDocument document) {
    super(metadata, actual);
    this.actual = actual;
    this.document = document;
  }

  static Subject.Factory<ValueSubject, Object> factory(AiJsonDocument document) {
    return (metadata, actual) -> new ValueSubject(metadata, actual, document);
  }

  /**
   * Fails unless the value equals {@code expected} as the recorder writes it: {@code 100} equals
   * a recorded {@code 100} whatever its integral type, {@code Mode.FAST} equals {@code "FAST"},
   * records and collections compare by their JSON form, and numbers by value ({@code 1} equals
   * {@code 1.0}).
   *
   * @param expected a JSON value (scalar, enum, record, collection, map, array), or an {@link
   *     AiJsonRef} for a reference; null expects the JSON null
   * @throws dev.aijson.core.AiJsonException if {@code expected} is not a JSON value
   */
  @Override
  public void isEqualTo(Object expected) {
    Object written = AiJsonValues.of(expected);
    if (!sameValue(actual, written)) {
      super.isEqualTo(written);
    }
  }

  /**
   * Fails if the value equals {@code unexpected} as the recorder writes it, by the rules of
   * {@link #isEqualTo(Object)}: {@code isNotEqualTo(100)} fails for a recorded {@code 100}.
   *
   * @param unexpected a JSON value, or an {@link AiJsonRef}; null for the JSON null
   * @throws dev.aijson.core.AiJsonException if {@code unexpected} is not a JSON value
   */
  @Override
  public void isNotEqualTo(Object unexpected) {
    Object written = AiJsonValues.of(unexpected);
    if (sameValue(actual, written)) {
      failWithActual(fact("expected not to be", written));
    }
  }

  /**
   * Fails unless the value is a reference to the one var with the given caller.
   *
   * @param caller as for {@link DocumentSubject#var(String)}
   * @throws NullPointerException if {@code caller} is null
   */
  public void isReferenceTo(String caller) {
    NullArguments.check(caller, "ValueSubject.isReferenceTo", "caller", "Pass a caller such as \"SubwordTokenizer\".");
    if (!(actual instanceof AiJsonRef ref)) {
      failWithActual(fact("expected a reference to a var with caller", caller));
      return;
    }
    AiJsonVar target = document == null ? null : document.find(ref.var()).orElse(null);
    if (target == null || !DocumentSubject.matches(target, caller)) {
      failWithoutActual(fact("expected a reference to a var with caller", caller),
          fact("but was", ref + (target == null ? "" : " (" + target.caller() + ")")));
    }
  }

  private static boolean sameValue(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    if (a instanceof java.util.List<?> la && b instanceof java.util.List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!sameValue(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof java.util.Map<?, ?> ma && b instanceof java.util.Map<?, ?> mb) {
      if (!ma.keySet().equals(mb.keySet())) {
        return false;
      }
      for (Object key : ma.keySet()) {
        if (!sameValue(ma.get(key), mb.get(key))) {
          return false;
        }
      }
      return true;
    }
    return java.util.Objects.equals(a, b);
  }

  private static boolean isNumber(Object value) {
    return value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal;
  }
}
