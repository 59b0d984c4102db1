package dev.aijson.hardening.canary;

import dev.aijson.hardening.Census;

/**
 * An enum of a library whose initialiser has side effects: a document may name it as the
 * elements of a multibinding, and replay must not initialise it unless its package is allowed.
 */
public enum Trigger {
  ARMED;

  static {
    Census.initialised(Trigger.class);
  }
}
