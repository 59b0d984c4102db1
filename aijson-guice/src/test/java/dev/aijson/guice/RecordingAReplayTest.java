package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import org.junit.jupiter.api.Test;

/**
 * Recording a replay gives the document that was replayed, byte for byte, whatever order replay
 * builds the objects in: shared singletons built first through another path, eager singletons,
 * {@code Stage.PRODUCTION}, unscoped keys asked for again (each rebuilt from the key's last var).
 */
class RecordingAReplayTest {
  static class Vocabulary {
    final int size;

    Vocabulary(int size) {
      this.size = size;
    }
  }

  static class Tokenizer {
    final String corpus;

    @Inject
    Tokenizer(@Named("corpus") String corpus) {
      this.corpus = corpus;
    }
  }

  static class Encoder {
    final Tokenizer tokenizer;
    final Vocabulary vocabulary;

    @Inject
    Encoder(Tokenizer tokenizer, Vocabulary vocabulary) {
      this.tokenizer = tokenizer;
      this.vocabulary = vocabulary;
    }
  }

  @Singleton
  static class Model {
    final Encoder encoder;
    final Vocabulary vocabulary;

    @Inject
    Model(Encoder encoder, Vocabulary vocabulary) {
      this.encoder = encoder;
      this.vocabulary = vocabulary;
    }
  }

  static final class TrainingModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("corpus")).to("reviews.txt");
      bind(Model.class);
    }

    @Provides
    @Singleton
    Vocabulary vocabulary() {
      return new Vocabulary(1000);
    }
  }

  /** Trains the way a training job does: in development stage, asking for the model only. */
  private static String train() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new TrainingModule());
    injector.getInstance(Model.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static String recordReplay(Stage stage, String json, Class<?>... askedFirst) {
    Module replay = ReplayModule.allowing("dev.aijson.guice").from(json);
    Injector injector = Guice.createInjector(stage, new AiJsonModule().withoutEnvironment(), replay);
    for (Class<?> type : askedFirst) {
      injector.getInstance(type);
    }
    injector.getInstance(Model.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void replay_singletonAskedForFirst_recordsTheSameDocument() {
    String trained = train();

    assertThat(recordReplay(Stage.DEVELOPMENT, trained, Vocabulary.class)).isEqualTo(trained);
  }

  @Test
  void replay_productionStage_eagerSingletons_recordTheSameDocument() {
    String trained = train();

    assertThat(recordReplay(Stage.PRODUCTION, trained)).isEqualTo(trained);
  }

  @Test
  void replay_trainedInProductionStage_recordsTheSameDocumentInEitherStage() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new AiJsonModule().withoutEnvironment(),
        new TrainingModule());
    injector.getInstance(Model.class);
    String trained = injector.getInstance(AiJsonLog.class).toJson();

    assertThat(recordReplay(Stage.PRODUCTION, trained)).isEqualTo(trained);
    assertThat(recordReplay(Stage.DEVELOPMENT, trained)).isEqualTo(trained);
  }

  /** A component made per request, as a serving endpoint asks for its scorer. */
  static class Scorer {
    final Tokenizer tokenizer;
    final DataSource source;

    @Inject
    Scorer(Tokenizer tokenizer, DataSource source) {
      this.tokenizer = tokenizer;
      this.source = source;
    }
  }

  /** An instance bound with toInstance: opaque in the document, supplied when serving. */
  static final class DataSource {}

  static final class ScoringModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("corpus")).to("reviews.txt");
      bind(DataSource.class).toInstance(new DataSource());
    }
  }

  @Test
  void replay_unscopedKeyWithASuppliedInstanceAskedForTwice_recordsTheSameDocument() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new ScoringModule());
    training.getInstance(Scorer.class);
    training.getInstance(Scorer.class);
    String trained = training.getInstance(AiJsonLog.class).toJson();
    String source = AiJsonDocument.parse(trained).vars().stream()
        .filter(var -> var.kind() == AiJsonVar.Kind.OPAQUE).findFirst().orElseThrow().name();

    Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(trained).withInstance(source, new DataSource()));
    serving.getInstance(Scorer.class);
    serving.getInstance(Scorer.class);

    // the supplied instance is one var, which both scorers reference, as in the training run
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(trained);
  }

  @Test
  void replay_unscopedKeyWithoutSuppliedInstancesAskedForTwice_recordsTheSameDocumentByteForByte() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new TrainingModule());
    training.getInstance(Encoder.class);
    training.getInstance(Encoder.class);
    String trained = training.getInstance(AiJsonLog.class).toJson();

    Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(trained));
    serving.getInstance(Encoder.class);
    serving.getInstance(Encoder.class);

    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(trained);
  }

  @Test
  void replay_ofAReplay_staysTheSameDocument() {
    String trained = train();
    String once = recordReplay(Stage.PRODUCTION, trained);

    assertThat(recordReplay(Stage.DEVELOPMENT, once, Vocabulary.class)).isEqualTo(trained);
  }

  /** A speaker and a listener that need each other: Guice breaks the cycle with a proxy of Speaker. */
  interface Speaker {
    Listener listener();
  }

  interface Listener {
    Speaker speaker();
  }

  @Singleton
  static class Talker implements Speaker {
    final Listener listener;

    @Inject
    Talker(Listener listener) {
      this.listener = listener;
    }

    @Override
    public Listener listener() {
      return listener;
    }
  }

  @Singleton
  static class Hearer implements Listener {
    final Speaker speaker;

    @Inject
    Hearer(Speaker speaker) {
      this.speaker = speaker;
    }

    @Override
    public Speaker speaker() {
      return speaker;
    }
  }

  static final class CycleModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Speaker.class).to(Talker.class);
      bind(Listener.class).to(Hearer.class);
    }
  }

  /**
   * Broke: the proxy Guice injects to break the cycle was an opaque var named after its JDK proxy
   * class ("$$Proxy16"), whose number depends on what the JVM proxied before: two runs of one
   * program gave different documents. It is named after the key's type.
   */
  @Test
  void circularDependency_proxyIsAnOpaqueVarOfTheKeysType_andReplaysToTheSameDocument() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new CycleModule());
    training.getInstance(Speaker.class);
    String json = training.getInstance(AiJsonLog.class).toJson();
    AiJsonVar proxy = AiJsonDocument.parse(json).var("var0");

    assertThat(proxy.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(proxy.module()).isEqualTo("dev.aijson.guice");
    assertThat(proxy.caller()).isEqualTo("RecordingAReplayTest$Speaker");
    assertThat(proxy.key()).isEqualTo(Speaker.class.getName());
    assertThat(json).doesNotContain("Proxy");

    Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(json));
    Speaker speaker = serving.getInstance(Speaker.class);
    assertThat(speaker).isInstanceOf(Talker.class);
    assertThat(speaker.listener()).isSameInstanceAs(serving.getInstance(Listener.class));
    assertThat(((Hearer) speaker.listener()).speaker).isNotNull();
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  /** The same for a JDK proxy an application's provider returns (a remote client's stub, say). */
  @Test
  void proxyFromAProvider_isAnOpaqueVarOfTheKeysType() {
    Speaker stub = (Speaker) java.lang.reflect.Proxy.newProxyInstance(Speaker.class.getClassLoader(),
        new Class<?>[] {Speaker.class}, (proxy, method, args) -> null);
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(Speaker.class).toProvider(() -> stub);
      }
    });
    training.getInstance(Hearer.class);

    AiJsonVar var = training.getInstance(AiJsonLog.class).document().var("var0");
    assertThat(var.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(var.module() + "." + var.caller()).isEqualTo(Speaker.class.getName());
  }

  /** A text stage: each is made per request. */
  interface TextStage {}

  static class Lowercase implements TextStage {
    @Inject
    Lowercase() {}
  }

  /** Takes a tokenizer of its own, then every stage a plugin contributed. */
  static class StagedPipeline {
    final Tokenizer tokenizer;
    final java.util.Set<TextStage> stages;

    @Inject
    StagedPipeline(Tokenizer tokenizer, java.util.Set<TextStage> stages) {
      this.tokenizer = tokenizer;
      this.stages = stages;
    }
  }

  /** Takes the stage directly, then as the optional a library binds. */
  static class OptionallyStaged {
    @Inject
    OptionallyStaged(TextStage stage, java.util.Optional<TextStage> configured) {}
  }

  private static String recordAndReplay(Class<?> root, Module wiring) {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), wiring);
    injector.getInstance(root);
    String trained = injector.getInstance(AiJsonLog.class).toJson();
    Injector again = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(trained));
    again.getInstance(root);
    assertThat(again.getInstance(AiJsonLog.class).toJson()).isEqualTo(trained);
    return trained;
  }

  // Regression: what a replayed build made itself was recorded after the build, and what it had
  // from the injector (the set, its elements) as it came, so the set came first.
  @Test
  void replay_unscopedArgumentBeforeAMultibinding_recordsTheSameDocument() {
    recordAndReplay(StagedPipeline.class, binder -> {
      binder.bindConstant().annotatedWith(Names.named("corpus")).to("reviews.txt");
      com.google.inject.multibindings.Multibinder.newSetBinder(binder, TextStage.class).addBinding().to(Lowercase.class);
    });
  }

  @Test
  void replay_optionalBindersValueBeforeItsOptional_recordsTheSameDocument() {
    recordAndReplay(OptionallyStaged.class, binder -> com.google.inject.multibindings.OptionalBinder
        .newOptionalBinder(binder, TextStage.class).setDefault().to(Lowercase.class));
  }
}
