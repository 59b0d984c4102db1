package dev.aijson.core;

/**
 * Bounds on the documents that are read, so that a hostile document cannot exhaust memory or
 * the stack. Past each bound, reading fails with an {@link AiJsonException} that names it.
 *
 * <p>The nesting bound may be raised at most to {@link #MAX_DEPTH_CEILING}: reading, replaying
 * and writing a document walk its nested values recursively, and the ceiling is what they do on a
 * thread of a small stack (256 KiB, a quarter of a JVM thread's usual one).
 *
 * <pre>{@code
 * AiJsonDocument doc = AiJsonDocument.parse(json, AiJsonLimits.defaults().withMaxVars(5_000_000));
 * }</pre>
 *
 * @param maxChars the longest document, in characters
 * @param maxDepth the deepest nesting of JSON objects and arrays, at most {@link
 *     #MAX_DEPTH_CEILING}
 * @param maxVars the most vars in one document
 * @param maxStringChars the longest JSON string, in characters
 */
public record AiJsonLimits(long maxChars, int maxDepth, int maxVars, int maxStringChars) {
  /**
   * The largest {@link #maxDepth}: 256 levels, the top-level object being the first, so that a
   * kwarg value nests at most 252. Reading, replay, writing and overrides walk nested values
   * recursively; each does a document of this depth on a thread of a 256 KiB stack.
   */
  public static final int MAX_DEPTH_CEILING = 256;

  private static final AiJsonLimits DEFAULTS = new AiJsonLimits(256L << 20, 64, 2_000_000, 1 << 20);

  /**
   * Checks that every bound is positive, and the nesting bound at most {@link #MAX_DEPTH_CEILING}.
   *
   * @param maxChars the longest document, in characters
   * @param maxDepth the deepest nesting of JSON objects and arrays, at most {@link
   *     #MAX_DEPTH_CEILING}
   * @param maxVars the most vars in one document
   * @param maxStringChars the longest JSON string, in characters
   * @throws IllegalArgumentException if a bound is 0 or negative, or {@code maxDepth} is above
   *     {@link #MAX_DEPTH_CEILING}
   */
  public AiJsonLimits {
    if (maxChars <= 0 || maxDepth <= 0 || maxVars <= 0 || maxStringChars <= 0) {
      throw new IllegalArgumentException("Every aijson limit must be at least 1, but maxChars=" + maxChars
          + ", maxDepth=" + maxDepth + ", maxVars=" + maxVars + ", maxStringChars=" + maxStringChars
          + " has one that is not. Start from AiJsonLimits.defaults() and change one bound with"
          + " its wither.");
    }
    if (maxDepth > MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException("maxDepth=" + maxDepth + " is above "
          + MAX_DEPTH_CEILING + ", the deepest nesting aijson reads (AiJsonLimits.MAX_DEPTH_CEILING):"
          + " reading, replay and writing walk nested values recursively, and deeper ones could"
          + " overflow a thread's stack. Pass a maxDepth of at most " + MAX_DEPTH_CEILING + ".");
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
   * Returns these limits with another nesting bound, at most {@link #MAX_DEPTH_CEILING}.
   *
   * @param depth the deepest nesting of objects and arrays, the top-level object being the first
   * @return the changed copy
   * @throws IllegalArgumentException if {@code depth} is 0 or negative, or above {@link
   *     #MAX_DEPTH_CEILING}
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
