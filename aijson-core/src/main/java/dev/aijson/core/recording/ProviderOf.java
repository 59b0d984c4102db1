package dev.aijson.core.recording;

import dev.aijson.core.internal.NullArguments;

/**
 * An argument value that is a provider of a key rather than an object; written as
 * {@code {"provider": key}}.
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param key the key the provider provides
 */
public record ProviderOf(String key) {
  /**
   * Checks the key.
   *
   * @param key the key the provider provides
   * @throws NullPointerException if {@code key} is null
   */
  public ProviderOf {
    NullArguments.check(key, "ProviderOf", "key", "Pass the key the provider provides.");
  }
}
