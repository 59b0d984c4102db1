package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Components that take what Guice supplies itself, the injector (a plugin registry that looks
 * up models by key) and a logger named after the class: recorded as opaque vars, since the
 * document cannot write them, and taken on replay from the serving injector, as Guice would give
 * them. Regression: the document named these keys and replay refused to bind them.
 */
class GuiceSuppliedArgumentsTest {
  /** Looks up scorers by key, as plugin registries do, and logs what it loads. */
  @Singleton
  static final class ScorerRegistry {
    final Injector injector;
    final Logger logger;
    final int capacity;
    @Inject Injector fieldInjector;

    @Inject
    ScorerRegistry(Injector injector, Logger logger, @Named("capacity") int capacity) {
      this.injector = injector;
      this.logger = logger;
      this.capacity = capacity;
    }
  }

  /** Made by a {@code @Provides} method that logs. */
  static final class Report {
    final Logger logger;
    final ScorerRegistry registry;

    Report(Logger logger, ScorerRegistry registry) {
      this.logger = logger;
      this.registry = registry;
    }
  }

  /** A component a hostile document would bind to the injector's key. */
  static final class Impostor {
    @Inject
    Impostor() {}
  }

  static final class ServingModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("capacity")).to(8);
    }

    @Provides
    Report report(Logger logger, ScorerRegistry registry) {
      return new Report(logger, registry);
    }
  }

  private static String record() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new ServingModule());
    training.getInstance(Report.class);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void record_injectorAndLogger_areOpaqueVarsWithGuicesKeys() {
    AiJsonDocument document = AiJsonDocument.parse(record());

    assertThat(document.vars().stream().filter(var -> var.kind() == AiJsonVar.Kind.OPAQUE)
        .map(AiJsonVar::key).distinct().toList())
        .containsExactly("com.google.inject.Injector", "java.util.logging.Logger");
  }

  @Test
  void replay_injectorArgument_isTheServingInjector() {
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(record()));

    ScorerRegistry registry = serving.getInstance(Report.class).registry;

    assertThat(registry.injector).isSameInstanceAs(serving);
    assertThat(registry.fieldInjector).isSameInstanceAs(serving);
    assertThat(registry.capacity).isEqualTo(8);
  }

  @Test
  void replay_loggerArgument_isNamedAfterTheClassItIsInjectedInto_asGuiceNamesIt() {
    Injector training = Guice.createInjector(new ServingModule());
    Report trained = training.getInstance(Report.class);
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(record()));

    Report served = serving.getInstance(Report.class);

    assertThat(served.registry.logger.getName()).isEqualTo(trained.registry.logger.getName());
    assertThat(served.logger.getName()).isEqualTo(trained.logger.getName());
    assertThat(served.registry.logger.getName()).isEqualTo(ScorerRegistry.class.getName());
  }

  @Test
  void replay_injectorVarSuppliedWithAnInstance_isNotBoundOverGuices() {
    String json = record();
    String injectorVar = AiJsonDocument.parse(json).vars().stream()
        .filter(var -> "com.google.inject.Injector".equals(var.key())).findFirst().orElseThrow().name();
    Injector other = Guice.createInjector();

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)
        .withInstance(injectorVar, other));

    assertThat(serving.getInstance(Report.class).registry.injector).isSameInstanceAs(other);
  }

  @Test
  void replay_aDocumentThatBindsTheInjectorKeyToAComponent_isStillRefused() {
    String json = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\", \"module\":"
        + " \"dev.aijson.guice\", \"caller\": \"GuiceSuppliedArgumentsTest$Impostor\", \"key\":"
        + " \"com.google.inject.Injector\", \"signature\": [], \"kwargs\": {}}}}";

    Exception e = assertThrows(Exception.class,
        () -> Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)));

    assertThat(e).hasMessageThat().contains("Guice binds or refuses com.google.inject.Injector itself");
    assertThat(e).isNotInstanceOf(CreationException.class);
  }
}
