package dev.aijson.truth;

import dev.aijson.core.internal.NullArguments;
import static com.google.common.truth.Fact.fact;
import static com.google.common.truth.Fact.simpleFact;

import com.google.common.truth.FailureMetadata;
import com.google.common.truth.Subject;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import dev.aijson.tools.diff.AiJsonDiff;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Truth subject for an {@link AiJsonDocument}: finds vars to assert about, counts them, and
 * compares whole documents by their wiring. Get one from {@link AiJsonSubjects#assertThat}.
 */
public final class DocumentSubject extends Subject {
  private static final int MAX_LISTED = 20;

  private final AiJsonDocument actual;

  DocumentSubject(FailureMetadata metadata, AiJsonDocument actual) {
    super(metadata, actual);
    this.actual = actual;
  }

  /**
   * Returns a subject for the one var with the given caller, failing if there is none or more
   * than one.
   *
   * @param caller a caller such as {@code SubwordTokenizer} or {@code SentimentModule#layer}, a
   *     binary class name, or a caller without its enclosing classes
   * @return the var's subject
   * @throws NullPointerException if {@code caller} is null
   */
  public VarSubject var(String caller) {
    NullArguments.check(caller, "DocumentSubject.var", "caller", "Pass a caller such as \"SubwordTokenizer\".");
    if (actual == null) {
      failWithActual(simpleFact("expected a document"));
      return ignoreCheck().about(AiJsonSubjects.vars()).that(null);
    }
    List<AiJsonVar> found = matching(actual, caller);
    if (found.size() == 1) {
      return check("var(%s)", caller).about((metadata, var) -> new VarSubject(metadata,
          (AiJsonVar) var, actual)).that(found.get(0));
    }
    if (found.isEmpty()) {
      failWithoutActual(fact("expected var with caller", caller),
          fact("but document had", callers(actual)));
    } else {
      failWithoutActual(fact("expected exactly one var with caller", caller),
          fact("but document had " + found.size(), found.stream().map(AiJsonVar::name)
              .collect(Collectors.joining(", "))),
          simpleFact("use varNamed(\"" + found.get(0).name() + "\") to pick one"));
    }
    return ignoreCheck().about(AiJsonSubjects.vars()).that(null);
  }

  /**
   * Returns a subject for the var of the given name, failing if the document has none.
   *
   * @param name a var name such as {@code var3}
   * @return the var's subject
   * @throws NullPointerException if {@code name} is null
   */
  public VarSubject varNamed(String name) {
    NullArguments.check(name, "DocumentSubject.varNamed", "name", "Pass a var name such as \"var3\".");
    AiJsonVar var = actual == null ? null : actual.find(name).orElse(null);
    if (var == null) {
      if (actual == null) {
        failWithActual(simpleFact("expected a document"));
      } else {
        failWithoutActual(fact("expected var named", name),
            fact("but document had", names(actual)));
      }
      return ignoreCheck().about(AiJsonSubjects.vars()).that(null);
    }
    return check("varNamed(%s)", name).about((metadata, v) -> new VarSubject(metadata,
        (AiJsonVar) v, actual)).that(var);
  }

  /**
   * Fails unless the document has at least one var with the given caller.
   *
   * @param caller as for {@link #var(String)}
   * @throws NullPointerException if {@code caller} is null
   */
  public void hasVar(String caller) {
    NullArguments.check(caller, "DocumentSubject.hasVar", "caller", "Pass a caller such as \"SubwordTokenizer\".");
    if (actual == null) {
      failWithActual(simpleFact("expected a document"));
    } else if (matching(actual, caller).isEmpty()) {
      failWithoutActual(fact("expected var with caller", caller),
          fact("but document had", callers(actual)));
    }
  }

  /**
   * Fails if the document has a var with the given caller.
   *
   * @param caller as for {@link #var(String)}
   * @throws NullPointerException if {@code caller} is null
   */
  public void doesNotHaveVar(String caller) {
    NullArguments.check(caller, "DocumentSubject.doesNotHaveVar", "caller", "Pass a caller such as \"SubwordTokenizer\".");
    if (actual == null) {
      failWithActual(simpleFact("expected a document"));
      return;
    }
    List<AiJsonVar> found = matching(actual, caller);
    if (!found.isEmpty()) {
      failWithoutActual(fact("expected no var with caller", caller),
          fact("but document had", found.stream().map(v -> v.name() + " (" + v.className() + ")")
              .collect(Collectors.joining(", "))));
    }
  }

  /**
   * Fails unless the document has exactly {@code count} vars.
   *
   * @param count the expected number of vars
   */
  public void hasVarCount(int count) {
    if (actual == null) {
      failWithActual(simpleFact("expected a document"));
    } else if (actual.vars().size() != count) {
      failWithoutActual(fact("expected var count", count),
          fact("but was", actual.vars().size()), fact("document had", callers(actual)));
    }
  }

  /**
   * Fails unless the document describes the same wiring as {@code expected}: the same vars,
   * matched by structure, with the same values. Var numbers and the environment section do not
   * count (see {@link AiJsonDiff}).
   *
   * @param expected the document to compare with, such as the one training wrote
   * @throws NullPointerException if {@code expected} is null
   */
  public void hasSameWiringAs(AiJsonDocument expected) {
    NullArguments.check(expected, "DocumentSubject.hasSameWiringAs", "expected", "Pass the document to compare with.");
    if (actual == null) {
      failWithActual(simpleFact("expected a document"));
      return;
    }
    AiJsonDiff diff = AiJsonDiff.between(expected, actual);
    if (!diff.isEmpty()) {
      failWithoutActual(simpleFact("expected the same wiring as the expected document"),
          fact("but differences were", diff.report().strip()));
    }
  }

  /** Fails if the recording stopped at its var cap or its byte budget, so that vars are missing. */
  public void isNotCut() {
    if (actual == null) {
      failWithActual(simpleFact("expected a document"));
    } else if (actual.isCut() && actual.byteBudget() > 0) {
      failWithoutActual(simpleFact("expected a document that was not cut"),
          fact("but it stopped at its byte budget of", actual.byteBudget() + " bytes, dropping "
              + actual.droppedVars() + " vars"));
    } else if (actual.isCut()) {
      failWithoutActual(simpleFact("expected a document that was not cut"),
          fact("but it stopped at its cap of", actual.cap() + " vars, dropping "
              + actual.droppedVars()));
    }
  }

  /** Shows the document in failure messages by its vars, not its whole JSON. */
  @Override
  protected String actualCustomStringRepresentation() {
    return actual == null ? "null" : actual.vars().size() + " vars: " + callers(actual);
  }

  static List<AiJsonVar> matching(AiJsonDocument document, String caller) {
    return document.vars().stream().filter(v -> matches(v, caller)).toList();
  }

  static boolean matches(AiJsonVar var, String caller) {
    if (caller == null) {
      return false;
    }
    String method = var.methodName() == null ? "" : "#" + var.methodName();
    String simple = var.caller().substring(var.caller().lastIndexOf('$', var.caller().indexOf('#') < 0
        ? var.caller().length() : var.caller().indexOf('#')) + 1);
    return caller.equals(var.caller()) || caller.equals(var.className() + method)
        || caller.equals(simple);
  }

  private static String callers(AiJsonDocument document) {
    if (document.vars().isEmpty()) {
      return "no vars";
    }
    String listed = document.vars().stream().limit(MAX_LISTED)
        .map(v -> v.name() + " " + v.caller()).collect(Collectors.joining(", "));
    int more = document.vars().size() - MAX_LISTED;
    return more > 0 ? listed + " and " + more + " more" : listed;
  }

  private static String names(AiJsonDocument document) {
    List<AiJsonVar> vars = document.vars();
    return vars.isEmpty() ? "no vars" : vars.get(0).name() + " to " + vars.get(vars.size() - 1).name();
  }
}
