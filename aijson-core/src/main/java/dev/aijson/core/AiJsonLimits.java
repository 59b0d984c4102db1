package dev.aijson.core;

/**
 * Bounds on the documents that are read, so that a hostile document cannot exhaust memory or
 * the stack. Past each bound, reading fails with an {@link AiJsonException} that names it.
 *
 * <pre>{@code
 * AiJsonDocument doc = AiJsonDocument.parse(json, AiJsonLimits.defaults().withMaxVars(5_000_000));
 * }</pre>
 *
 * @param maxChars the longest document, in characters
 * @param maxDepth the deepest nesting of JSON objects and arrays
 * @param maxVars the most vars in one document
 * @param maxStringChars the longest JSON string, in characters
 */
public record AiJsonLimits(long maxChars, int maxDepth, int maxVars, int maxStringChars) {
  private static final AiJsonLimits DEFAULTS = new AiJsonLimits(256L << 20, 64, 2_000_000, 1 << 20);

  /**
   * Checks that every bound is positive.
   *
   * @param maxChars the longest document, in characters
   * @param maxDepth the deepest nesting of JSON objects and arrays
   * @param maxVars the most vars in one document
   * @param maxStringChars the longest JSON string, in characters
   * @throws IllegalArgumentException if a bound is 0 or negative
   */
  public AiJsonLimits {
    if (maxChars <= 0 || maxDepth <= 0 || maxVars <= 0 || maxStringChars <= 0) {
      throw new IllegalArgumentException("Every aijson limit must be at least 1, but maxChars=" + maxChars
          + ", maxDepth=" + maxDepth + ", maxVars=" + maxVars + ", maxStringChars=" + maxStringChars
          + " has one that is not. Start from AiJsonLimits.defaults() and change one bound with"
          + " its wither.");
    }
  }

  /**
   * Returns the default bounds: 256 Mi characters, depth 64, 2,000,000 vars and 1 Mi characters
   * per string.
   *
   * @return the default limits
   */
  public static AiJsonLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these limits with another document size bound.
   *
   * @param chars the longest document, in characters
   * @return the changed copy
   */
  public AiJsonLimits withMaxChars(long chars) {
    return new AiJsonLimits(chars, maxDepth, maxVars, maxStringChars);
  }

  /**
   * Returns these limits with another nesting bound.
   *
   * @param depth the deepest nesting of objects and arrays
   * @return the changed copy
   */
  public AiJsonLimits withMaxDepth(int depth) {
    return new AiJsonLimits(maxChars, depth, maxVars, maxStringChars);
  }

  /**
   * Returns these limits with another var count bound.
   *
   * @param vars the most vars in one document
   * @return the changed copy
   */
  public AiJsonLimits withMaxVars(int vars) {
    return new AiJsonLimits(maxChars, maxDepth, vars, maxStringChars);
  }

  /**
   * Returns these limits with another string length bound.
   *
   * @param chars the longest JSON string, in characters
   * @return the changed copy
   */
  public AiJsonLimits withMaxStringChars(int chars) {
    return new AiJsonLimits(maxChars, maxDepth, maxVars, chars);
  }
}
