package dev.aijson.example;

import javax.inject.Inject;
import javax.inject.Named;

/**
 * Shortens runs of one repeated character to at most {@code maxRepeat}, so that "sooooo goood"
 * and "soo good" give the same tokens: reviews stretch words for emphasis.
 */
public final class RepeatLimiter implements TextNormalizer {
  private final int maxRepeat;

  /**
   * Creates the step.
   *
   * @param maxRepeat the longest run of one character kept, at least 1
   */
  @Inject
  public RepeatLimiter(@Named("maxRepeat") int maxRepeat) {
    if (maxRepeat < 1) {
      throw new IllegalArgumentException("maxRepeat is " + maxRepeat + ", but a run keeps at least"
          + " one character. Pass 1 or more.");
    }
    this.maxRepeat = maxRepeat;
  }

  /** Returns the longest run of one character kept. */
  public int maxRepeat() {
    return maxRepeat;
  }

  @Override
  public String normalize(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = i > 0 && text.charAt(i - 1) == c ? run + 1 : 1;
      if (run <= maxRepeat) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
