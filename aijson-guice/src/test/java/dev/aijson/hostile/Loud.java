package dev.aijson.hostile;

/** A class with no {@code @Inject} constructor whose static initialiser leaves a trace. */
public class Loud {
  static {
    Flags.loudInitialised = true;
  }

  public Loud() {}
}
