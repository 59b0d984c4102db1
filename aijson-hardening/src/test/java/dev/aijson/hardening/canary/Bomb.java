package dev.aijson.hardening.canary;

import dev.aijson.hardening.Census;

/** A library class Guice could make just in time: a public no-argument constructor. */
public class Bomb {
  static {
    Census.initialised(Bomb.class);
  }

  public Bomb() {
    Census.constructed();
  }
}
