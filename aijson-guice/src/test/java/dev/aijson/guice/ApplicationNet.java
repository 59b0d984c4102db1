package dev.aijson.guice;

import java.util.Set;

/** A network an {@link ApplicationModule} provides; loaded by {@link ClassLoaderRetentionTest}'s application loader. */
public class ApplicationNet {
  /** The hidden layer's width. */
  public final int hidden;
  /** How it runs. */
  public final ApplicationMode mode;
  /** The activations its module's set binder contributed. */
  public final Set<String> activations;

  /** Takes its settings and activations. */
  public ApplicationNet(int hidden, ApplicationMode mode, Set<String> activations) {
    this.hidden = hidden;
    this.mode = mode;
    this.activations = activations;
  }
}
