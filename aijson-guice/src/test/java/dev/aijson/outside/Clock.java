package dev.aijson.outside;

import jakarta.inject.Inject;

/** A component from a package the recording is not restricted to. */
public class Clock {
  @Inject
  public Clock() {}
}
