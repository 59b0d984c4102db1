package dev.aijson.core.recording;

/**
 * An argument value that is an instance bound to a key: written inline if it is a JSON value,
 * else as an {@code opaque} var carrying the key.
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param instance the bound instance
 * @param key the key it is bound to
 */
public record Bound(Object instance, String key) {}
