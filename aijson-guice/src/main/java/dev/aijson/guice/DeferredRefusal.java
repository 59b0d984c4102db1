package dev.aijson.guice;

import com.google.inject.Inject;
import dev.aijson.core.AiJsonException;

/**
 * The refusals of the security policy that {@code ReplayModule.from(json).allowPackages(...)}
 * reports when the injector is created: thrown when Guice injects this object, so that the
 * {@code CreationException} has the {@link AiJsonException} as its cause.
 */
final class DeferredRefusal {
  private final AiJsonException refusal;

  DeferredRefusal(AiJsonException refusal) {
    this.refusal = refusal;
  }

  @Inject
  void refuse() {
    throw refusal;
  }
}
