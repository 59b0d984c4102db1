package dev.aijson.tools.codegen;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonException.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The problems of one run, thrown together at the end so that the user sees them all at once. */
final class Problems {
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> messages = new HashSet<>();

  /**
   * Adds a problem, unless one with the same message was added: a class is checked everywhere
   * the source names it (a constructor call, a return type, another method's parameter), and
   * the message already says which var and which class.
   */
  void add(String pointer, String message) {
    if (messages.add(message)) {
      problems.add(new Problem(pointer, message));
    }
  }

  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw AiJsonException.of(problems);
    }
  }
}
