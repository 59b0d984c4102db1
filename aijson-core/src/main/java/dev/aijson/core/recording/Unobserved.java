package dev.aijson.core.recording;

import dev.aijson.core.internal.NullArguments;

/**
 * An argument value that was passed but could not be observed (it was made outside the
 * recording); written as a new {@code opaque} var.
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param key the key it was bound to, or null
 * @param type its class, as declared
 */
public record Unobserved(String key, Class<?> type) {
  /**
   * Checks the type.
   *
   * @param key the key it was bound to, or null
   * @param type its class, as declared
   * @throws NullPointerException if {@code type} is null
   */
  public Unobserved {
    NullArguments.check(type, "Unobserved", "type", "Pass the value's declared class.");
  }
}
