package dev.aijson.core.internal;

/**
 * Cuts text from a document short for a message: a hostile document may hold a key or a type name
 * of megabytes, and a message that repeats it whole is a problem of its own.
 */
public final class Abbreviation {
  /** The most characters of one document string a message shows. */
  public static final int SHOWN_CHARS = 120;

  private Abbreviation() {}

  /**
   * Returns {@code text}, or its first characters and {@code ...} if it is longer than {@link
   * #SHOWN_CHARS}.
   *
   * @param text any text, or null
   * @return the text to show
   */
  public static String of(String text) {
    return text == null || text.length() <= SHOWN_CHARS ? text
        : text.substring(0, SHOWN_CHARS - 3) + "... (" + text.length() + " characters)";
  }
}
