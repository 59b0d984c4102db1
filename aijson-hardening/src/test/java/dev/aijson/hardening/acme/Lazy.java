package dev.aijson.hardening.acme;

/** A class of the application that takes a raw provider (legacy code) and asks it once. */
@SuppressWarnings("rawtypes")
public class Lazy {
  public final Object made;

  public Lazy(javax.inject.Provider provider) {
    this.made = provider.get();
  }
}
