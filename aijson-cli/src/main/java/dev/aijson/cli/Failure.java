package dev.aijson.cli;

import dev.aijson.core.AiJsonException;

/** Ends a command with an exit code and a message for standard error. */
final class Failure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int INVALID = 1;
  static final int USAGE = 2;

  private final int exitCode;

  Failure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  /** Returns the failure for a problem with {@code what}, listing each problem with its path. */
  static Failure invalid(String command, String what, AiJsonException e) {
    StringBuilder out = new StringBuilder("aijson ").append(command).append(": ").append(what);
    int count = e.problems().size();
    out.append(count == 1 ? ":" : " (" + count + " problems):");
    int n = 1;
    for (AiJsonException.Problem problem : e.problems()) {
      out.append("\n  ");
      if (count > 1) {
        out.append(n++).append(". ");
      }
      if (!problem.path().isEmpty()) {
        out.append(problem.path()).append(": ");
      }
      out.append(problem.message());
    }
    if (e.problems().stream().anyMatch(p -> p.message().contains("cannot be loaded"))) {
      out.append("\n  Pass the jars and class folders that hold the document's classes with"
          + " --classpath PATH.");
    }
    return new Failure(INVALID, out.toString(), e);
  }
}
