package dev.aijson.truth;

import dev.aijson.core.internal.NullArguments;
import static com.google.common.truth.Fact.fact;
import static com.google.common.truth.Fact.simpleFact;

import com.google.common.truth.FailureMetadata;
import com.google.common.truth.Subject;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import java.util.Map;
import java.util.Objects;

/**
 * Truth subject for one var of a document: its kind, key, scope and arguments. Get one from
 * {@link DocumentSubject#var(String)}.
 */
public final class VarSubject extends Subject {
  private final AiJsonVar actual;
  private final AiJsonDocument document;

  VarSubject(FailureMetadata metadata, AiJsonVar actual, AiJsonDocument document) {
    super(metadata, actual == null ? null : new Shown(actual));
    this.actual = actual;
    this.document = document;
  }

  /** Shows a var in failure messages by its label, not its whole record. */
  private record Shown(AiJsonVar var) {
    @Override
    public String toString() {
      return var.name() + " (" + var.className()
          + (var.methodName() == null ? "" : "#" + var.methodName()) + ")";
    }
  }

  /**
   * Returns a subject for the value of one argument, failing if the var has no such argument.
   *
   * @param name the parameter name, such as {@code vocabSize}
   * @return the value's subject
   * @throws NullPointerException if {@code name} is null
   */
  public ValueSubject kwarg(String name) {
    NullArguments.check(name, "VarSubject.kwarg", "name", "Pass a kwarg name.");
    return argument("kwarg", actual == null ? null : actual.kwargs(), name);
  }

  /**
   * Returns a subject for the value of one injected field or method (an object of its
   * arguments), failing if the var has no such member.
   *
   * @param name the field or method name
   * @return the value's subject
   * @throws NullPointerException if {@code name} is null
   */
  public ValueSubject member(String name) {
    NullArguments.check(name, "VarSubject.member", "name", "Pass a member name.");
    return argument("member", actual == null ? null : actual.members(), name);
  }

  private ValueSubject argument(String what, Map<String, Object> values, String name) {
    if (actual == null) {
      failWithActual(simpleFact("expected a var"));
    } else if (!values.containsKey(name)) {
      failWithActual(fact("expected to have " + what, name),
          fact("but " + what + "s were", values.isEmpty() ? "none" : String.join(", ", values.keySet())));
    } else {
      return check("%s(%s)", what, name).about(ValueSubject.factory(document))
          .that(values.get(name));
    }
    return ignoreCheck().about(ValueSubject.factory(document)).that(null);
  }

  /** Fails unless the var's key is singleton-scoped. */
  public void isSingleton() {
    if (actual == null || !actual.singleton()) {
      failWithActual(simpleFact("expected a singleton var"));
    }
  }

  /** Fails if the var's key is singleton-scoped. */
  public void isNotSingleton() {
    if (actual == null || actual.singleton()) {
      failWithActual(simpleFact("expected an unscoped var"));
    }
  }

  /**
   * Fails unless the var was bound to the given Guice key, as the document writes keys.
   *
   * @param key such as {@code com.acme.Tokenizer} or {@code @com.google.inject.name.Named("main")
   *     com.acme.Layer}; null expects a var bound to no key
   */
  public void hasKey(String key) {
    if (actual == null || !Objects.equals(actual.key(), key)) {
      failWithActual(fact("expected key", key),
          fact("but was", actual == null || actual.key() == null ? "none" : actual.key()));
    }
  }

  /**
   * Fails unless the var was made the given way.
   *
   * @param kind constructor, provides, call or opaque
   * @throws NullPointerException if {@code kind} is null
   */
  public void hasKind(AiJsonVar.Kind kind) {
    NullArguments.check(kind, "VarSubject.hasKind", "kind", "Pass a kind such as Kind.CONSTRUCTOR.");
    if (actual == null || actual.kind() != kind) {
      failWithActual(fact("expected kind", kind == null ? null : kind.jsonName()),
          fact("but was", actual == null ? null : actual.kind().jsonName()));
    }
  }
}
