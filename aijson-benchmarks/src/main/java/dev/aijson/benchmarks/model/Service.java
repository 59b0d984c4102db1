package dev.aijson.benchmarks.model;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.name.Names;

/**
 * The wiring of a service in its steady state: one injector that provisions an unscoped
 * component per request, with two constants and a singleton.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(Service.module());
 * Object request = injector.getInstance(Service.request());
 * }</pre>
 */
public final class Service {
  private static final Key<?> REQUEST = Key.get(Request.class);

  private Service() {}

  /**
   * Returns the key of the component provisioned per request.
   *
   * @return the key of an unscoped class with two constants and a singleton
   */
  public static Key<?> request() {
    return REQUEST;
  }

  /**
   * Returns a new module binding the component, its singleton and their constants.
   *
   * @return the module
   */
  public static Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("vocabSize")).to(30_000);
        bindConstant().annotatedWith(Names.named("corpus")).to("corpus.txt");
        bindConstant().annotatedWith(Names.named("width")).to(64);
        bindConstant().annotatedWith(Names.named("activation")).to("relu");
        // bound explicitly, as a service binds its components: a just-in-time binding is looked
        // up under one injector-wide lock at every getInstance, which 16 threads queue on
        bind(Request.class);
        bind(Vocabulary.class);
      }
    };
  }

  /**
   * Returns whether {@code request} is a component as the module makes it, to check a fixture.
   *
   * @param request an object provisioned for {@link #request()}
   * @return whether its constants and singleton are those bound
   */
  public static boolean isWired(Object request) {
    Request made = (Request) request;
    return made.width() == 64 && made.activation().equals("relu") && made.vocabulary().size() == 30_000;
  }
}
