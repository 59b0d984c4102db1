package dev.aijson.hardening.acme;

import javax.inject.Inject;

/** A component of the application that takes its configuration bean. */
public class Service {
  public final Settings settings;

  @Inject
  public Service(Settings settings) {
    this.settings = settings;
  }
}
