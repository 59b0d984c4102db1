package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonException.Problem;
import java.util.ArrayList;
import java.util.List;

/** The problems of one run, thrown together at the end so that the user sees them all at once. */
final class Problems {
  private final List<Problem> problems = new ArrayList<>();

  void add(String pointer, String message) {
    problems.add(new Problem(pointer, message));
  }

  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw AiJsonException.of(problems);
    }
  }
}
