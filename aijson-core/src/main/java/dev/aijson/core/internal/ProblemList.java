package dev.aijson.core.internal;

import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The problems found in one document: the first {@link #MAX} are kept and the rest only counted,
 * so that a document with millions of faults cannot fill the heap with their messages.
 */
public final class ProblemList extends AbstractList<Problem> {
  /** The most problems listed in one exception. */
  static final int MAX = 100;

  private final List<Problem> kept = new ArrayList<>();
  private long more;

  @Override
  public boolean add(Problem problem) {
    if (kept.size() < MAX) {
      kept.add(problem);
    } else {
      more++;
    }
    return true;
  }

  @Override
  public Problem get(int index) {
    return kept.get(index);
  }

  /** Returns how many problems are kept; {@link #count()} tells how many were found. */
  @Override
  public int size() {
    return kept.size();
  }

  /** Returns how many problems were found, kept or not. */
  long count() {
    return kept.size() + more;
  }

  /** Returns the exception listing the kept problems and how many more there were. */
  public AiJsonException toException() {
    List<Problem> listed = new ArrayList<>(kept);
    if (more > 0) {
      listed.add(new Problem("", "... and " + more + " more problems not listed here. Fix the ones"
          + " above first."));
    }
    return AiJsonException.of(listed);
  }

  /**
   * Returns {@code e} with each problem's message rewritten by {@code rewrite} (a fix named in the
   * terms of the module that reports it), keeping each problem's pointer and {@code e}'s stack
   * trace; {@code e} itself if no message changes.
   */
  public static AiJsonException rewritten(AiJsonException e, UnaryOperator<String> rewrite) {
    List<Problem> problems = new ArrayList<>(e.problems().size());
    boolean changed = false;
    for (Problem problem : e.problems()) {
      String message = rewrite.apply(problem.message());
      changed |= !message.equals(problem.message());
      problems.add(new Problem(problem.path(), message));
    }
    if (!changed) {
      return e;
    }
    AiJsonException rewritten = AiJsonException.of(problems);
    rewritten.setStackTrace(e.getStackTrace());
    return rewritten;
  }
}
