package dev.aijson.outside;

import com.google.inject.AbstractModule;

/**
 * A library's base module, in a package serving code does not allow: its subclasses pick the
 * model server with {@link #withEndpoint}.
 */
public abstract class EndpointModule extends AbstractModule {
  protected String endpoint = "https://models.example.com";

  /** Sets the server the module's clients talk to. */
  public EndpointModule withEndpoint(String endpoint) {
    this.endpoint = endpoint;
    return this;
  }
}
