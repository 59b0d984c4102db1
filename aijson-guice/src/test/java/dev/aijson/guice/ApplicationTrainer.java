package dev.aijson.guice;

import com.google.inject.Inject;
import dev.aijson.core.AiJson;

/** Trains an {@link ApplicationNet}, each call recorded; loaded by {@link ClassLoaderRetentionTest}'s application loader. */
public class ApplicationTrainer {
  /** The network it trains. */
  public final ApplicationNet net;

  /** Takes the network. */
  @Inject
  public ApplicationTrainer(ApplicationNet net) {
    this.net = net;
  }

  /** Trains for {@code epochs}; returns the number of steps. */
  @AiJson
  public int fit(int epochs) {
    return epochs * net.hidden;
  }
}
