package dev.aijson.core.internal;

import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

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
}
