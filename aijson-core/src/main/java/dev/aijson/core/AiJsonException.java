package dev.aijson.core;

import dev.aijson.core.internal.NullArguments;
import java.util.List;

/**
 * The one exception for a bad aijson document or a recording or replay that cannot be done.
 *
 * <p>Its message names the offender, the rule that was broken and the fix. {@link #path()} gives
 * the JSON Pointer of the offending node, for example {@code /vars/var3/kwargs/vocabSize}. Where a
 * document has several problems, all of them are listed in the message and in {@link
 * #problems()}, and {@link #path()} names the first.
 *
 * <pre>{@code
 * try {
 *   AiJsonDocument.parse(json);
 * } catch (AiJsonException e) {
 *   System.err.println(e.path() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public final class AiJsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem found in a document: where it is and what is wrong.
   *
   * @param path the JSON Pointer of the offending node ({@code ""} for the whole document)
   * @param message what is wrong and how to fix it
   */
  public record Problem(String path, String message) {
    /**
     * Checks that both parts are present.
     *
     * @param path the JSON Pointer of the offending node ({@code ""} for the whole document)
     * @param message what is wrong and how to fix it
     * @throws NullPointerException if either part is null
     */
    public Problem {
      NullArguments.check(path, "AiJsonException.Problem", "path", "Pass a JSON Pointer, \"\" for the whole document.");
      NullArguments.check(message, "AiJsonException.Problem", "message", "Pass the sentence that names the rule and the fix.");
    }
  }

  private final transient List<Problem> problems;

  /**
   * Creates an exception for one problem.
   *
   * @param path the JSON Pointer of the offending node ({@code ""} for the whole document)
   * @param message what is wrong, naming the offender, the rule and the fix
   */
  public AiJsonException(String path, String message) {
    this(List.of(new Problem(path, message)), null);
  }

  /**
   * Creates an exception for one problem, keeping its cause.
   *
   * @param path the JSON Pointer of the offending node
   * @param message what is wrong, naming the offender, the rule and the fix
   * @param cause the underlying failure, or null if there is none
   */
  public AiJsonException(String path, String message, Throwable cause) {
    this(List.of(new Problem(path, message)), cause);
  }

  private AiJsonException(List<Problem> problems, Throwable cause) {
    super(render(problems), cause);
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns an exception listing every problem, whose {@link #path()} is the first one's.
   *
   * @param problems at least one problem
   * @return the exception to throw
   */
  public static AiJsonException of(List<Problem> problems) {
    NullArguments.check(problems, "AiJsonException.of", "problems", "Pass at least one problem.");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("AiJsonException.of got an empty list of problems, but an"
          + " exception needs at least one. Throw only when a problem was found.");
    }
    return new AiJsonException(problems, null);
  }

  /**
   * Returns the JSON Pointer of the (first) offending node; {@code ""} is the whole document.
   *
   * @return the JSON Pointer, such as {@code /vars/var3/kwargs/vocabSize}
   */
  public String path() {
    return problems.get(0).path();
  }

  /**
   * Returns every problem this exception reports, in the order they were found.
   *
   * @return at least one problem, unmodifiable
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * Returns the JSON Pointer (RFC 6901) made of the given reference tokens, escaping {@code ~}
   * and {@code /} inside them.
   *
   * @param tokens object member names or array indexes, outermost first
   * @return for example {@code /vars/var3/kwargs/vocabSize}
   * @throws NullPointerException if {@code tokens} is null
   */
  public static String pointer(Object... tokens) {
    NullArguments.check(tokens, "AiJsonException.pointer", "tokens", "Pass the member names and"
        + " indexes, none for the whole document.");
    StringBuilder out = new StringBuilder();
    for (Object token : tokens) {
      out.append('/').append(String.valueOf(token).replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }

  private static String render(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).message();
    }
    StringBuilder out = new StringBuilder();
    out.append(problems.size()).append(" problems in the aijson document:");
    int n = 1;
    for (Problem problem : problems) {
      out.append("\n  ").append(n++).append(". ").append(problem.message());
    }
    return out.toString();
  }
}
