package dev.aijson.hostile;

/** Records whether classes of this package were initialised; it must not initialise them. */
public final class Flags {
  public static volatile boolean loudInitialised;

  private Flags() {}
}
