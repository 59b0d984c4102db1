package dev.aijson.core.internal;

/**
 * The one check of a null argument to a public method of aijson: a {@link NullPointerException}
 * whose message names the call, the parameter and the fix, never a bare one.
 */
public final class NullArguments {
  private NullArguments() {}

  /**
   * Returns {@code value} if it is not null.
   *
   * @param <T> the parameter's type
   * @param value the argument
   * @param call the method called, such as {@code "AiJsonReplayer.withInstance"}
   * @param parameter the parameter's name, such as {@code "var"}
   * @param fix the sentence that says what to pass instead, such as {@code "Pass a var name such
   *     as \"var2\"."}
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null, naming the call, the parameter and the
   *     fix
   */
  public static <T> T check(T value, String call, String parameter, String fix) {
    if (value == null) {
      throw new NullPointerException(call + ": " + parameter + " is null. " + fix);
    }
    return value;
  }
}
