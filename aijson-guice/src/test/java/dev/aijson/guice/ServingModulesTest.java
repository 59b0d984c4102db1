package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import com.google.inject.util.Modules;
import dev.aijson.core.AiJsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The replay module beside the serving application's own modules, as serving code installs it. */
class ServingModulesTest {
  interface Clock {
    long millis();
  }

  static class SystemClock implements Clock {
    @Inject
    SystemClock() {}

    @Override
    public long millis() {
      return System.currentTimeMillis();
    }
  }

  static class FixedClock implements Clock {
    @Override
    public long millis() {
      return 42;
    }
  }

  static class MetricsRegistry {
    final String prefix;

    MetricsRegistry(String prefix) {
      this.prefix = prefix;
    }
  }

  static class Scorer {
    final Clock clock;
    final MetricsRegistry metrics;
    final int depth;

    @Inject
    Scorer(Clock clock, MetricsRegistry metrics, @Named("depth") int depth) {
      this.clock = clock;
      this.metrics = metrics;
      this.depth = depth;
    }
  }

  @Singleton
  static class Pipeline {
    final Scorer scorer;
    final Clock clock;

    @Inject
    Pipeline(Scorer scorer, Clock clock) {
      this.scorer = scorer;
      this.clock = clock;
    }
  }

  static class TrainingModule extends AbstractModule {
    private final int depth;

    TrainingModule(int depth) {
      this.depth = depth;
    }

    @Override
    protected void configure() {
      bind(Clock.class).to(SystemClock.class).in(Singleton.class);
    }

    @Provides
    @Named("depth")
    int depth() {
      return depth;
    }

    @Provides
    MetricsRegistry metrics() {
      return new MetricsRegistry("training");
    }
  }

  private static String train() {
    Injector training = Guice.createInjector(new AiJsonModule(), new TrainingModule(3));
    training.getInstance(Pipeline.class);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  private static ReplayModule replay(String json) {
    return ReplayModule.allowing("dev.aijson.guice").from(json);
  }

  private static String varOf(String json, String caller) {
    return Documents.only(dev.aijson.core.AiJsonDocument.parse(json), caller).name();
  }

  private static Module binding(Class<?> type, Object instance) {
    return new AbstractModule() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      protected void configure() {
        bind((Class) type).toInstance(instance);
      }
    };
  }

  // regression: the overriding Clock reached Pipeline at its first request as a ProvisionException
  // speaking of "the reference hook" and ReplayHooks.BUILD, and in DEVELOPMENT the injector built
  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"DEVELOPMENT", "PRODUCTION"})
  void modulesOverride_ofASingletonKeyTheDocumentReferences_isRefusedAtCreationNamingTheVar(Stage stage) {
    String json = train();
    String clock = varOf(json, "ServingModulesTest$SystemClock");
    Module serving = Modules.override(replay(json)).with(binding(Clock.class, new FixedClock()));

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(stage, serving));

    Throwable cause = e.getErrorMessages().iterator().next().getCause();
    assertThat(cause).isInstanceOf(AiJsonException.class);
    assertThat(((AiJsonException) cause).path()).isEqualTo("/vars/" + clock);
    assertThat(cause).hasMessageThat().isEqualTo(clock
        + " (dev.aijson.guice.ServingModulesTest$SystemClock): another module overrides its key"
        + " dev.aijson.guice.ServingModulesTest$Clock (Modules.override), but "
        + varOf(json, "ServingModulesTest$Scorer") + " and " + varOf(json, "ServingModulesTest$Pipeline")
        + " are built from " + clock + " as the document recorded it, so the serving graph would mix"
        + " the document's objects with that module's. Leave the key to the replay: instead of"
        + " overriding it, supply the object with ReplayModule.withInstance(\"" + clock + "\","
        + " instance), where instance is a dev.aijson.guice.ServingModulesTest$SystemClock (replay"
        + " gives a var an object of its recorded class), or change its recorded values with"
        + " ReplayModule.override.");
  }

  // regression: the override served getInstance(MetricsRegistry) while the replayed Scorer
  // silently kept the document's registry
  @Test
  void modulesOverride_ofAnUnscopedKeyTheDocumentReferences_isRefusedAtCreation() {
    String json = train();
    String metrics = varOf(json, "ServingModulesTest$TrainingModule#metrics");
    Module serving = Modules.override(replay(json))
        .with(binding(MetricsRegistry.class, new MetricsRegistry("serving")));

    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(serving));

    AiJsonException cause = (AiJsonException) e.getErrorMessages().iterator().next().getCause();
    assertThat(cause.path()).isEqualTo("/vars/" + metrics);
    assertThat(cause).hasMessageThat().contains("another module overrides its key"
        + " dev.aijson.guice.ServingModulesTest$MetricsRegistry (Modules.override), but "
        + varOf(json, "ServingModulesTest$Scorer") + " is built from " + metrics);
    assertThat(cause).hasMessageThat().contains("ReplayModule.withInstance(\"" + metrics
        + "\", instance), where instance is the object the method returns");
  }

  @Test
  void modulesOverride_ofAKeyNothingInTheDocumentReferences_servesTheApplicationsBinding() {
    String json = train();
    Pipeline own = new Pipeline(null, new FixedClock());

    Injector serving = Guice.createInjector(
        Modules.override(replay(json)).with(binding(Pipeline.class, own)));

    assertThat(serving.getInstance(Pipeline.class)).isSameInstanceAs(own);
    assertThat(serving.getInstance(Scorer.class).depth).isEqualTo(3);
  }

  @Test
  void withInstance_insteadOfAnOverride_isWhatTheWholeGraphGets() {
    String json = train();
    SystemClock clock = new SystemClock();

    Pipeline pipeline = Guice.createInjector(Stage.PRODUCTION,
            replay(json).withInstance(varOf(json, "ServingModulesTest$SystemClock"), clock))
        .getInstance(Pipeline.class);

    assertThat(pipeline.clock).isSameInstanceAs(clock);
    assertThat(pipeline.scorer.clock).isSameInstanceAs(clock);
  }

  /** Whatever Modules.override rewrites, a replayed key nothing else binds stays the replay's own. */
  @ParameterizedTest
  @EnumSource(value = Stage.class, names = {"DEVELOPMENT", "PRODUCTION"})
  void modulesOverride_withAnUnrelatedKeyOnly_replaysTheWholeGraph(Stage stage) {
    String json = train();
    Injector serving = Guice.createInjector(stage,
        Modules.override(replay(json)).with(binding(String.class, "serving")));

    Pipeline pipeline = serving.getInstance(Pipeline.class);
    assertThat(pipeline.clock).isInstanceOf(SystemClock.class);
    assertThat(pipeline.scorer.clock).isSameInstanceAs(pipeline.clock);
    assertThat(pipeline.scorer.metrics.prefix).isEqualTo("training");
  }

  /** The replay inside a private module that exposes the pipeline: its keys are still its own. */
  @Test
  void replayInAPrivateModule_exposingThePipeline_isNotTakenForAnOverride() {
    String json = train();
    Injector serving = Guice.createInjector(Stage.PRODUCTION, new com.google.inject.PrivateModule() {
      @Override
      protected void configure() {
        install(replay(json));
        expose(Pipeline.class);
      }
    });

    Pipeline pipeline = serving.getInstance(Pipeline.class);
    assertThat(pipeline.clock).isInstanceOf(SystemClock.class);
    assertThat(pipeline.scorer.clock).isSameInstanceAs(pipeline.clock);
    assertThat(serving.getExistingBinding(com.google.inject.Key.get(Clock.class))).isNull();
  }
}
