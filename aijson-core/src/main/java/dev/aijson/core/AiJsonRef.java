package dev.aijson.core;

import dev.aijson.core.internal.Documents;

/**
 * A reference from one var's arguments to another var, written {@code "$varN"} in JSON.
 *
 * @param var the name of the referenced var, such as {@code var3}
 */
public record AiJsonRef(String var) {

  /**
   * Checks that {@code var} is a var name such as {@code var3}.
   *
   * @param var the name of the referenced var, such as {@code var3}
   * @throws IllegalArgumentException if {@code var} is null or not a var name
   */
  public AiJsonRef {
    if (var == null || !isVarName(var)) {
      throw new IllegalArgumentException(
          "\"" + var + "\" is not a var name: var names are var0, var1, var2 and so on, with no"
              + " leading zeros. Pass the name of a var such as \"var3\".");
    }
  }

  /**
   * Returns the reference to the named var.
   *
   * @param var a var name such as {@code var3}
   * @return the reference
   */
  public static AiJsonRef to(String var) {
    return new AiJsonRef(var);
  }

  /**
   * Returns whether {@code name} is a well-formed var name ({@code var0}, {@code var1}, ...).
   *
   * @param name the candidate; null is no var name
   * @return true for {@code var} followed by a number without leading zeros
   */
  public static boolean isVarName(String name) {
    return name != null && Documents.isVarName(name, 0);
  }


  /**
   * Returns the number of the referenced var: 3 for {@code var3}.
   *
   * @return the number after {@code var} in the name
   */
  public int number() {
    return Integer.parseInt(var.substring(3));
  }

  /** Returns the JSON form, {@code $var3}. */
  @Override
  public String toString() {
    return "$" + var;
  }
}
