package dev.aijson.core.recording;

/**
 * An argument value that is an instance bound to a key: written inline if it is a JSON value,
 * else as an {@code opaque} var carrying the key.
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param instance the bound instance, or null for a null one (written as the JSON null)
 * @param key the key it is bound to, or null if it has none
 */
public record Bound(Object instance, String key) {}
