package dev.aijson.tools.codegen;

/** The Guice classes the generated source names, as text: this module does not depend on Guice. */
final class GuiceNames {
  static final String ABSTRACT_MODULE = "com.google.inject.AbstractModule";
  static final String PROVIDES = "com.google.inject.Provides";
  static final String SINGLETON = "com.google.inject.Singleton";
  static final String NAMED = "com.google.inject.name.Named";
  static final String INJECTOR = "com.google.inject.Injector";
  static final String LOGGER = "java.util.logging.Logger";

  private GuiceNames() {}
}
