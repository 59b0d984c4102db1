package dev.aijson.gadgets;

import dev.aijson.hardening.Census;
import javax.inject.Inject;

/**
 * Stands for a package-private class of a DI library whose {@code @Inject} constructor registers
 * a JVM shutdown hook: each construction is a side effect a document must not be able to cause.
 */
final class HookRegistrar {
  static {
    Census.initialised(HookRegistrar.class);
  }

  @Inject
  HookRegistrar(String name) {
    Census.constructed();
  }
}
