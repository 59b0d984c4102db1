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
   * Fails unless the value equals one of {@code expected} by the rules of {@link
   * #isEqualTo(Object)}: {@code isIn(List.of(100, 200))} passes for a recorded {@code 100}.
   *
   * @param expected JSON values, or {@link AiJsonRef}s
   * @throws NullPointerException if {@code expected} is null
   * @throws dev.aijson.core.AiJsonException if one of them is not a JSON value
   */
  @Override
  public void isIn(Iterable<?> expected) {
    NullArguments.check(expected, "ValueSubject.isIn", "expected", "Pass the values, such as List.of(100, 200).");
    java.util.List<Object> written = writtenAll(expected);
    if (written.stream().noneMatch(value -> sameValue(actual, value))) {
      failWithActual(fact("expected any of", written));
    }
  }

  /**
   * Fails if the value equals one of {@code unexpected} by the rules of {@link #isEqualTo(Object)}.
   *
   * @param unexpected JSON values, or {@link AiJsonRef}s
   * @throws NullPointerException if {@code unexpected} is null
   * @throws dev.aijson.core.AiJsonException if one of them is not a JSON value
   */
  @Override
  public void isNotIn(Iterable<?> unexpected) {
    NullArguments.check(unexpected, "ValueSubject.isNotIn", "unexpected", "Pass the values, such as List.of(100, 200).");
    java.util.List<Object> written = writtenAll(unexpected);
    if (written.stream().anyMatch(value -> sameValue(actual, value))) {
      failWithActual(fact("expected not to be any of", written));
    }
  }

  /**
   * Fails unless the value equals one of the given values by the rules of {@link #isEqualTo(Object)}.
   *
   * @param first a JSON value, or an {@link AiJsonRef}; null for the JSON null
   * @param second another
   * @param rest more (a null array counts as none)
   */
  @Override
  public void isAnyOf(Object first, Object second, Object... rest) {
    isIn(listOf(first, second, rest));
  }

  /**
   * Fails if the value equals one of the given values by the rules of {@link #isEqualTo(Object)}.
   *
   * @param first a JSON value, or an {@link AiJsonRef}; null for the JSON null
   * @param second another
   * @param rest more (a null array counts as none)
   */
  @Override
  public void isNoneOf(Object first, Object second, Object... rest) {
    isNotIn(listOf(first, second, rest));
  }

  private static java.util.List<Object> listOf(Object first, Object second, Object... rest) {
    java.util.List<Object> values = new java.util.ArrayList<>();
    values.add(first);
    values.add(second);
    if (rest != null) {
      values.addAll(java.util.Arrays.asList(rest));
    }
    return values;
  }

  private static java.util.List<Object> writtenAll(Iterable<?> values) {
    java.util.List<Object> written = new java.util.ArrayList<>();
    for (Object value : values) {
      written.add(AiJsonValues.of(value));
    }
    return written;
  }

  /**
   * Fails unless the value is a reference to the one var with the given caller. The subject must
   * know the document: a var asserted on its own ({@link AiJsonSubjects#vars()}) fails, saying so.
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
    if (document == null) {
      // a var asserted on its own (AiJsonSubjects.vars()) has no document to find the var in
      failWithoutActual(fact("expected a reference to a var with caller", caller),
          fact("but was", ref + ", a var of a document this subject does not know"),
          fact("fix", "assert through AiJsonSubjects.assertThat(document).var(...), which knows the document"));
      return;
    }
    AiJsonVar target = document.find(ref.var()).orElse(null);
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
