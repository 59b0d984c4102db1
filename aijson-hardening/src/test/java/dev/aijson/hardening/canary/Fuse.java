package dev.aijson.hardening.canary;

import dev.aijson.hardening.Census;

/**
 * A record of a library whose canonical constructor has side effects: a document may name it as
 * the elements of a multibinding, and replay must neither initialise nor construct it unless its
 * package is allowed.
 */
public record Fuse(int length) {
  static {
    Census.initialised(Fuse.class);
  }

  /** Counts the construction. */
  public Fuse {
    Census.constructed();
  }
}
