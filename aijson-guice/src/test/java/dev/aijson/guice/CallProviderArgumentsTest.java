package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A provider of Guice's passed to an {@code @AiJson} method ({@code trainer.fit(batches, 3)}, the
 * batches drawn by the call as it trains): recorded as {@code {"provider": key}}, the key it
 * provides, and replayed as the serving injector's provider of that key. Regression: the document
 * wrote it as an opaque var of Guice's internal class {@code InjectorImpl$1}, which no serving
 * code can supply, so a replay that needed the call's result was refused.
 */
class CallProviderArgumentsTest {
  /** A source of training batches, one shared for the run. */
  @Singleton
  static class BatchSource {
    @Inject
    BatchSource() {}
  }

  /** One batch, a new one each time it is asked for. */
  static class Batch {
    final BatchSource source;

    @Inject
    Batch(BatchSource source) {
      this.source = source;
    }
  }

  static class Model {
    final int epochs;
    final BatchSource seen;

    Model(int epochs, BatchSource seen) {
      this.epochs = epochs;
      this.seen = seen;
    }
  }

  /** Trains by drawing batches from the provider it is given. */
  static class Trainer {
    @Inject
    Trainer() {}

    @AiJson
    public Model fit(Provider<Batch> batches, int epochs) {
      return new Model(epochs, batches.get().source);
    }

    @AiJson
    public Model fitJakarta(jakarta.inject.Provider<Batch> batches, int epochs) {
      return new Model(epochs, batches.get().source);
    }
  }

  static class Served {
    final Model model;

    @Inject
    Served(Model model) {
      this.model = model;
    }
  }

  /** Trains the model the injector binds, with the provider Guice injects. */
  static final class InjectedProviderModule extends AbstractModule {
    @Provides
    Model trained(Trainer trainer, Provider<Batch> batches) {
      return trainer.fit(batches, 3);
    }
  }

  /** Trains with the provider of a qualified key, as {@code getProvider} returns it. */
  static final class LookedUpProviderModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Batch.class).annotatedWith(Names.named("large")).to(Batch.class);
    }

    @Provides
    Model trained(Trainer trainer, Injector injector) {
      return trainer.fitJakarta(injector.getProvider(Key.get(Batch.class, Names.named("large"))), 4);
    }
  }

  /** Trains with a provider the application made itself. */
  static final class OwnProviderModule extends AbstractModule {
    @Provides
    Model trained(Trainer trainer, BatchSource source) {
      return trainer.fit(() -> new Batch(source), 5);
    }
  }

  /** The batches of one run. */
  static final class RunModule extends AbstractModule {
    @Provides
    @Named("run")
    Batch runBatch(BatchSource source) {
      return new Batch(source);
    }
  }

  /** Trains in a child injector that binds its own batches, as a per-run injector does. */
  static final class ChildProviderModule extends AbstractModule {
    @Provides
    Model trained(Trainer trainer, Injector injector) {
      Injector run = injector.createChildInjector(new RunModule());
      return trainer.fit(run.getProvider(Key.get(Batch.class, Names.named("run"))), 6);
    }
  }

  /** Trains with the provider of an injector the recording's injector knows nothing of. */
  static final class OtherInjectorProviderModule extends AbstractModule {
    @Provides
    Model trained(Trainer trainer) {
      return trainer.fit(Guice.createInjector().getProvider(Batch.class), 7);
    }
  }

  private static String record(AbstractModule module) {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), module);
    training.getInstance(Served.class);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  private static AiJsonVar fit(String json) {
    return AiJsonDocument.parse(json).vars().stream().filter(var -> var.kind() == AiJsonVar.Kind.CALL)
        .findFirst().orElseThrow();
  }

  @Test
  void record_injectedProviderPassedToACall_isTheProviderOfItsKey() {
    AiJsonVar fit = fit(record(new InjectedProviderModule()));

    assertThat(fit.kwargs().get("batches"))
        .isEqualTo(Map.of("provider", "dev.aijson.guice.CallProviderArgumentsTest$Batch"));
  }

  @Test
  void record_getProviderOfAQualifiedKeyPassedAsJakartaProvider_isTheProviderOfThatKey() {
    String json = record(new LookedUpProviderModule());

    assertThat(fit(json).kwargs().get("batches")).isEqualTo(Map.of("provider",
        "@com.google.inject.name.Named(\"large\") dev.aijson.guice.CallProviderArgumentsTest$Batch"));
    assertThat(json).doesNotContain("InjectorImpl");
  }

  @Test
  void replay_callThatReceivedAProvider_drawsFromTheServingInjector() {
    Injector serving = Guice.createInjector(
        ReplayModule.allowing("dev.aijson.guice").from(record(new InjectedProviderModule())));

    Model model = serving.getInstance(Served.class).model;

    assertThat(model.epochs).isEqualTo(3);
    assertThat(model.seen).isSameInstanceAs(serving.getInstance(BatchSource.class));
  }

  @Test
  void replay_callThatReceivedAQualifiedProvider_drawsFromThatKey() {
    Injector serving = Guice.createInjector(
        ReplayModule.allowing("dev.aijson.guice").from(record(new LookedUpProviderModule())));

    assertThat(serving.getInstance(Served.class).model.epochs).isEqualTo(4);
  }

  @Test
  void roundTrip_providerOfAChildInjectorsKey_isThatKeysProvider() {
    String json = record(new ChildProviderModule());
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(fit(json).kwargs().get("batches")).isEqualTo(Map.of("provider",
        "@com.google.inject.name.Named(\"run\") dev.aijson.guice.CallProviderArgumentsTest$Batch"));
    assertThat(serving.getInstance(Served.class).model.epochs).isEqualTo(6);
  }

  @Test
  void record_providerOfAnotherInjector_isOpaque() {
    Object batches = fit(record(new OtherInjectorProviderModule())).kwargs().get("batches");

    assertThat(batches).isInstanceOf(AiJsonRef.class);
  }

  @Test
  void replay_providerTheApplicationMade_isOpaqueAndRefusedNamingItsVar() {
    String json = record(new OwnProviderModule());
    String batches = ((AiJsonRef) fit(json).kwargs().get("batches")).var();

    CreationException e = assertThrows(CreationException.class,
        () -> Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)));

    assertThat(e.getCause()).isInstanceOf(AiJsonException.class);
    assertThat(((AiJsonException) e.getCause()).path()).isEqualTo("/vars/" + batches);
    assertThat(e.getCause()).hasMessageThat().startsWith(batches + " (com.google.inject.Provider) is opaque");
    assertThat(e.getCause()).hasMessageThat().contains("withInstance(\"" + batches + "\", instance)");
  }
}
