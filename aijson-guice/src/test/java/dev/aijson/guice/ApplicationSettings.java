package dev.aijson.guice;

/**
 * The settings an {@link ApplicationModule} takes in its constructor; loaded by
 * {@link ClassLoaderRetentionTest}'s application loader.
 *
 * @param hidden the hidden layer's width
 * @param mode how the network runs
 */
public record ApplicationSettings(int hidden, ApplicationMode mode) {}
