package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.ValueEncoder;
import dev.aijson.testing.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The configuration that reaches components is in the document, whichever of the usual ways a
 * Guice application carries it: a module that takes a config record in its constructor and reads
 * it in {@code @Provides} methods, a Jackson-style config bean bound as an instance or passed to
 * a constructor. Replay rebuilds the same objects from the document alone.
 */
class ConfigurationTest {
  private static final String PACKAGE = "dev.aijson.guice";

  record Config(int hidden, String optimizer, List<String> labels) {}

  static final class Net {
    final int hidden;
    final String optimizer;

    Net(int hidden, String optimizer) {
      this.hidden = hidden;
      this.optimizer = optimizer;
    }
  }

  static final class Head {
    final List<String> labels;

    Head(List<String> labels) {
      this.labels = labels;
    }
  }

  @Singleton
  static final class Classifier {
    final Net net;
    final Head head;

    @Inject
    Classifier(Net net, Head head) {
      this.net = net;
      this.head = head;
    }
  }

  /** Configuration passed to the module's constructor, as real training modules take it. */
  static final class ConfiguredModule extends AbstractModule {
    private final Config config;

    ConfiguredModule(Config config) {
      this.config = config;
    }

    @Provides
    @Singleton
    Net net() {
      return new Net(config.hidden(), config.optimizer());
    }

    @Provides
    Head head() {
      return new Head(config.labels());
    }
  }

  /** A scorer whose server a library's base module picks. */
  static final class Scorer {
    final String endpoint;
    final double threshold;

    Scorer(String endpoint, double threshold) {
      this.endpoint = endpoint;
      this.threshold = threshold;
    }
  }

  /** A module of the application's own, extending a library's module and set up field by field. */
  static final class ScoringModule extends dev.aijson.outside.EndpointModule {
    double threshold = 0.5;

    @Provides
    Scorer scorer() {
      return new Scorer(endpoint, threshold);
    }
  }

  /** The same module, taking its whole state in its constructor. */
  static final class ConstructedScoringModule extends dev.aijson.outside.EndpointModule {
    final double threshold;

    ConstructedScoringModule(String endpoint, double threshold) {
      this.endpoint = endpoint;
      this.threshold = threshold;
    }

    @Provides
    Scorer scorer() {
      return new Scorer(endpoint, threshold);
    }
  }

  /** A Jackson-style configuration bean: properties through getters and setters. */
  public static final class TrainingConfig {
    private int epochs;
    private double learningRate;
    private List<String> labels = List.of();

    public int getEpochs() {
      return epochs;
    }

    public void setEpochs(int epochs) {
      this.epochs = epochs;
    }

    public double getLearningRate() {
      return learningRate;
    }

    public void setLearningRate(double learningRate) {
      this.learningRate = learningRate;
    }

    public List<String> getLabels() {
      return labels;
    }

    public void setLabels(List<String> labels) {
      this.labels = labels;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TrainingConfig that && epochs == that.epochs
          && learningRate == that.learningRate && labels.equals(that.labels);
    }

    @Override
    public int hashCode() {
      return Objects.hash(epochs, learningRate, labels);
    }
  }

  static TrainingConfig trainingConfig(int epochs, double learningRate, String... labels) {
    TrainingConfig config = new TrainingConfig();
    config.setEpochs(epochs);
    config.setLearningRate(learningRate);
    config.setLabels(List.of(labels));
    return config;
  }

  static final class Trainer {
    final TrainingConfig config;

    @Inject
    Trainer(TrainingConfig config) {
      this.config = config;
    }
  }

  /** An immutable bean, made through its {@code @JsonCreator} constructor. */
  public static final class Schedule {
    private final int warmup;
    private final String policy;

    @JsonCreator
    public Schedule(@JsonProperty("warmup") int warmup, @JsonProperty("policy") String policy) {
      this.warmup = warmup;
      this.policy = policy;
    }

    public int getWarmup() {
      return warmup;
    }

    public String getPolicy() {
      return policy;
    }
  }

  static final class Scheduler {
    final Schedule schedule;
    final int steps;

    @Inject
    Scheduler(Schedule schedule, @com.google.inject.name.Named("steps") int steps) {
      this.schedule = schedule;
      this.steps = steps;
    }
  }

  /** Looks like a bean, but its seed has no setter: a round trip would lose it. */
  public static final class SeededConfig {
    private int size;
    private final long seed;

    public SeededConfig() {
      this.seed = 42;
    }

    public SeededConfig(int size, long seed) {
      this.size = size;
      this.seed = seed;
    }

    public int getSize() {
      return size;
    }

    public void setSize(int size) {
      this.size = size;
    }

    public long getSeed() {
      return seed;
    }
  }

  static final class Sampler {
    final SeededConfig config;

    @Inject
    Sampler(SeededConfig config) {
      this.config = config;
    }
  }

  /** Another bean a round trip would lose, logged once per class: this one for the log test only. */
  public static final class WriteOnlyConfig {
    private int size;
    private String secret = "";

    public int getSize() {
      return size;
    }

    public void setSize(int size) {
      this.size = size;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }
  }

  static final class Vault {
    final WriteOnlyConfig config;

    @Inject
    Vault(WriteOnlyConfig config) {
      this.config = config;
    }
  }

  /** A class whose author opted in to replay anywhere, taking a bean that is not. */
  @dev.aijson.core.AiJson
  static final class MarkedTrainer {
    final TrainingConfig config;

    @Inject
    MarkedTrainer(TrainingConfig config) {
      this.config = config;
    }
  }

  private static Injector recording(Module... modules) {
    Module[] all = new Module[modules.length + 1];
    all[0] = new AiJsonModule().withoutEnvironment();
    System.arraycopy(modules, 0, all, 1, modules.length);
    return Guice.createInjector(all);
  }

  private static String train(Class<?> root, Module... modules) {
    Injector injector = recording(modules);
    injector.getInstance(root);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static String classifierDocument(Config config) {
    return train(Classifier.class, new ConfiguredModule(config));
  }

  private static Module instance(Class<?> type, Object value) {
    return new AbstractModule() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      protected void configure() {
        bind((Class) type).toInstance(value);
      }
    };
  }

  // module state

  @Test
  void moduleWithRecordConfig_valuesAreInTheDocumentOnce() {
    AiJsonDocument document = AiJsonDocument.parse(classifierDocument(
        new Config(256, "adam", List.of("good", "bad"))));

    AiJsonVar module = document.var("var0");
    assertThat(module.kind()).isEqualTo(AiJsonVar.Kind.MODULE);
    assertThat(module.caller()).isEqualTo("ConfigurationTest$ConfiguredModule");
    assertThat(module.members()).containsExactly("config",
        Map.of("hidden", 256L, "optimizer", "adam", "labels", List.of("good", "bad")));
    // both @Provides vars reference the one module var
    assertThat(document.vars().stream().filter(var -> var.kind() == AiJsonVar.Kind.PROVIDES)
        .map(var -> String.valueOf(var.receiver()))).containsExactly("$var0", "$var0");
    assertThat(document.vars().stream().filter(var -> var.kind() == AiJsonVar.Kind.MODULE).count())
        .isEqualTo(1);
  }

  @Test
  void moduleWithRecordConfig_replayRebuildsTheSameObjects() {
    String json = classifierDocument(new Config(256, "adam", List.of("good", "bad")));

    Classifier served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json))
        .getInstance(Classifier.class);

    assertThat(served.net.hidden).isEqualTo(256);
    assertThat(served.net.optimizer).isEqualTo("adam");
    assertThat(served.head.labels).containsExactly("good", "bad").inOrder();
  }

  @Test
  void moduleWithRecordConfig_recordingTheReplayGivesTheSameDocument() {
    String json = classifierDocument(new Config(256, "adam", List.of("good", "bad")));

    for (Stage stage : List.of(Stage.DEVELOPMENT, Stage.PRODUCTION)) {
      Injector again = Guice.createInjector(stage, new AiJsonModule().withoutEnvironment(),
          ReplayModule.allowing(PACKAGE).from(json));
      again.getInstance(Classifier.class);

      assertThat(again.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
    }
  }

  @Test
  void moduleWithRecordConfig_overrideOfAFieldChangesTheRebuiltObjects() {
    String json = classifierDocument(new Config(256, "adam", List.of("good", "bad")));

    Classifier served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .override("var0.members.config.hidden", 512)).getInstance(Classifier.class);

    assertThat(served.net.hidden).isEqualTo(512);
    assertThat(served.net.optimizer).isEqualTo("adam");
  }

  @Test
  void moduleWithRecordConfig_overrideOfTheWrongType_isRefusedAtOnceWithItsPointer() {
    ReplayModule replay = ReplayModule.allowing(PACKAGE)
        .from(classifierDocument(new Config(256, "adam", List.of())));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> replay.override("var0.members.config.hidden", "wide"));

    assertThat(e.path()).isEqualTo("/vars/var0/members/config/hidden");
    assertThat(e).hasMessageThat().contains("which is not an int");
  }

  // Regression: replay set the recorded fields of a module's library superclass by reflection
  // (after its no-argument constructor) though that class's package was not allowed.
  @Test
  void moduleFieldOfALibrarySuperclass_setAfterTheNoArgumentConstructor_isRefusedWithItsPointer() {
    ScoringModule module = new ScoringModule();
    module.withEndpoint("https://staging.example.com");
    module.threshold = 0.7;
    String json = train(Scorer.class, module);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing(PACKAGE).from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/members/endpoint");
    assertThat(e).hasMessageThat().isEqualTo("var0 (dev.aijson.guice.ConfigurationTest$ScoringModule):"
        + " field \"endpoint\": replay does not set endpoint, declared by"
        + " dev.aijson.outside.EndpointModule, a superclass of the module"
        + " dev.aijson.guice.ConfigurationTest$ScoringModule: its package is not allowed and neither"
        + " that class nor the field is annotated @AiJson. Allow it with"
        + " ReplayModule.allowing(\"dev.aijson.outside\") or allowPackages(\"dev.aijson.outside\"),"
        + " or annotate the class with @AiJson. Give"
        + " dev.aijson.guice.ConfigurationTest$ScoringModule a non-private constructor that takes"
        + " the recorded fields by name and type, supply the module with withInstance(\"var0\","
        + " module), or remove the member at /vars/var0/members/endpoint.");
  }

  @Test
  void moduleFieldOfALibrarySuperclass_whosePackageIsAllowed_isSet() {
    ScoringModule module = new ScoringModule();
    module.withEndpoint("https://staging.example.com");
    String json = train(Scorer.class, module);

    Scorer served = Guice.createInjector(
        ReplayModule.allowing(PACKAGE, "dev.aijson.outside").from(json)).getInstance(Scorer.class);

    assertThat(served.endpoint).isEqualTo("https://staging.example.com");
  }

  @Test
  void moduleFieldOfALibrarySuperclass_takenByTheModulesConstructor_isPassedToIt() {
    String json = train(Scorer.class, new ConstructedScoringModule("https://staging.example.com", 0.7));

    Scorer served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json))
        .getInstance(Scorer.class);

    assertThat(served.endpoint).isEqualTo("https://staging.example.com");
    assertThat(served.threshold).isEqualTo(0.7);
  }

  @Test
  void moduleMemberNamingAFieldOfGuicesAbstractModule_isRefusedWithItsPointer() {
    String json = classifierDocument(new Config(256, "adam", List.of("good")))
        .replaceFirst("\"members\": \\{", "\"members\": {\"binder\": null, ");

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing(PACKAGE).from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/members/binder");
    assertThat(e).hasMessageThat().isEqualTo("var0 (dev.aijson.guice.ConfigurationTest$ConfiguredModule):"
        + " member \"binder\" names no instance field of the module"
        + " dev.aijson.guice.ConfigurationTest$ConfiguredModule; its fields are config. Fix or remove"
        + " the member at /vars/var0/members/binder.");
  }

  @Test
  void moduleWithoutFields_hasNoModuleVar() {
    String json = train(Net.class, new AbstractModule() {
      @Provides
      Net net() {
        return new Net(1, "sgd");
      }
    });

    assertThat(AiJsonDocument.parse(json).vars()).hasSize(1);
    assertThat(json).doesNotContain("receiver");
  }

  @Test
  void moduleProvisionedOnManyThreads_isOneModuleVar() throws Exception {
    Injector injector = recording(new ConfiguredModule(new Config(4, "sgd", List.of("a"))));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<Head>> heads = new java.util.ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        heads.add(pool.submit(() -> injector.getInstance(Head.class)));
      }
      for (java.util.concurrent.Future<Head> head : heads) {
        assertThat(head.get().labels).containsExactly("a");
      }
    } finally {
      pool.shutdownNow();
    }
    AiJsonDocument document = injector.getInstance(AiJsonLog.class).document();

    assertThat(document.vars().stream().filter(var -> var.kind() == AiJsonVar.Kind.MODULE).count())
        .isEqualTo(1);
    assertThat(document.vars().stream().filter(var -> var.kind() == AiJsonVar.Kind.PROVIDES)
        .map(var -> String.valueOf(var.receiver())).distinct().toList()).containsExactly("$var0");
    assertThat(document.vars()).hasSize(1_001);
  }

  /** A private module whose exposed binding comes from an @Provides method reading its config. */
  static final class PrivateConfiguredModule extends PrivateModule {
    private final Config config;

    PrivateConfiguredModule(Config config) {
      this.config = config;
    }

    @Override
    protected void configure() {
      expose(Net.class);
    }

    @Provides
    Net net() {
      return new Net(config.hidden(), config.optimizer());
    }
  }

  @Test
  void privateModuleWithConfig_isRecordedAndReplayed() {
    String json = train(Net.class, new PrivateConfiguredModule(new Config(96, "lion", List.of())));

    assertThat(AiJsonDocument.parse(json).var("var0").members().get("config"))
        .isEqualTo(Map.of("hidden", 96L, "optimizer", "lion", "labels", List.of()));
    Net served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Net.class);
    assertThat(served.hidden).isEqualTo(96);
    assertThat(served.optimizer).isEqualTo("lion");
  }

  /** A module with a no-argument constructor and mutable fields set after it, as some frameworks make them. */
  static final class SettableModule extends AbstractModule {
    int hidden = 4;
    String optimizer = "sgd";

    @Provides
    Net net() {
      return new Net(hidden, optimizer);
    }
  }

  @Test
  void moduleWithNoArgumentConstructorAndFields_isRebuiltBySettingItsFields() {
    SettableModule module = new SettableModule();
    module.hidden = 40;
    module.optimizer = "adamw";
    String json = train(Net.class, module);

    Net served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Net.class);

    assertThat(served.hidden).isEqualTo(40);
    assertThat(served.optimizer).isEqualTo("adamw");
  }

  record EncoderConfig(String name, int width, List<String> vocabulary) {}

  static final class Encoder {
    final String name;
    final int width;
    final int vocabularySize;

    Encoder(String name, int width, int vocabularySize) {
      this.name = name;
      this.width = width;
      this.vocabularySize = vocabularySize;
    }
  }

  /** One encoder per language: the same module class, installed once per config. */
  static final class EncoderModule extends PrivateModule {
    private final EncoderConfig config;

    EncoderModule(EncoderConfig config) {
      this.config = config;
    }

    @Override
    protected void configure() {
      bind(Encoder.class).annotatedWith(Names.named(config.name())).to(Encoder.class);
      expose(Encoder.class).annotatedWith(Names.named(config.name()));
    }

    @Provides
    @Singleton
    Encoder encoder() {
      return new Encoder(config.name(), config.width(), config.vocabulary().size());
    }
  }

  static final class Translator {
    final Encoder source;
    final Encoder target;

    @Inject
    Translator(@Named("src") Encoder source, @Named("tgt") Encoder target) {
      this.source = source;
      this.target = target;
    }
  }

  static final class Tagger {
    final Translator translator;
    final Encoder tags;

    @Inject
    Tagger(Translator translator, @Named("pos") Encoder tags) {
      this.translator = translator;
      this.tags = tags;
    }
  }

  /** The same, made by a framework that sets its fields after its no-argument constructor. */
  static final class SettableEncoderModule extends PrivateModule {
    String name = "src";
    int width = 8;

    @Override
    protected void configure() {
      bind(Encoder.class).annotatedWith(Names.named(name)).to(Encoder.class);
      expose(Encoder.class).annotatedWith(Names.named(name));
    }

    @Provides
    @Singleton
    Encoder encoder() {
      return new Encoder(name, width, 0);
    }
  }

  private static SettableEncoderModule settable(String name, int width) {
    SettableEncoderModule module = new SettableEncoderModule();
    module.name = name;
    module.width = width;
    return module;
  }

  /** Regression: from() passed, and the second module's constructor was refused at getInstance. */
  @Test
  void sameModuleClassTwice_withItsConfigInTheConstructor_replaysEachModule() {
    String json = train(Translator.class,
        new EncoderModule(new EncoderConfig("src", 256, List.of("a", "b"))),
        new EncoderModule(new EncoderConfig("tgt", 128, List.of("x"))));
    assertThat(AiJsonDocument.parse(json).vars().stream()
        .filter(var -> var.kind() == AiJsonVar.Kind.MODULE).count()).isEqualTo(2);

    Translator served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json))
        .getInstance(Translator.class);

    assertThat(served.source.name).isEqualTo("src");
    assertThat(served.source.width).isEqualTo(256);
    assertThat(served.source.vocabularySize).isEqualTo(2);
    assertThat(served.target.name).isEqualTo("tgt");
    assertThat(served.target.width).isEqualTo(128);
    assertThat(served.target.vocabularySize).isEqualTo(1);
  }

  @Test
  void sameModuleClassThreeTimes_withItsConfigInTheConstructor_replaysEachModule() {
    String json = train(Tagger.class,
        new EncoderModule(new EncoderConfig("src", 256, List.of("a", "b"))),
        new EncoderModule(new EncoderConfig("tgt", 128, List.of("x"))),
        new EncoderModule(new EncoderConfig("pos", 16, List.of("NOUN", "VERB", "ADJ"))));

    Tagger served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Tagger.class);

    assertThat(served.translator.source.width).isEqualTo(256);
    assertThat(served.translator.target.width).isEqualTo(128);
    assertThat(served.tags.name).isEqualTo("pos");
    assertThat(served.tags.vocabularySize).isEqualTo(3);
  }

  @Test
  void sameModuleClassTwice_recordingTheReplay_givesTheSameDocument() {
    String json = train(Translator.class,
        new EncoderModule(new EncoderConfig("src", 256, List.of("a", "b"))),
        new EncoderModule(new EncoderConfig("tgt", 128, List.of("x"))));

    assertThat(train(Translator.class, ReplayModule.allowing(PACKAGE).from(json))).isEqualTo(json);
  }

  @Test
  void sameModuleClassTwice_overrideOfTheSecondModulesField_changesOnlyItsObjects() {
    String json = train(Translator.class,
        new EncoderModule(new EncoderConfig("src", 256, List.of("a", "b"))),
        new EncoderModule(new EncoderConfig("tgt", 128, List.of("x"))));
    String second = AiJsonDocument.parse(json).vars().stream()
        .filter(var -> var.kind() == AiJsonVar.Kind.MODULE).skip(1).findFirst().orElseThrow().name();

    Translator served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .override(second + ".members.config.width", 512)).getInstance(Translator.class);

    assertThat(served.source.width).isEqualTo(256);
    assertThat(served.target.width).isEqualTo(512);
  }

  /** Regression: the fields of the second module of a class were set without being opened. */
  @Test
  void sameModuleClassThreeTimes_withNoArgumentConstructorAndFields_replaysEachModule() {
    String json = train(Tagger.class, settable("src", 256), settable("tgt", 128), settable("pos", 16));

    Tagger served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Tagger.class);

    assertThat(served.translator.source.name).isEqualTo("src");
    assertThat(served.translator.source.width).isEqualTo(256);
    assertThat(served.translator.target.name).isEqualTo("tgt");
    assertThat(served.translator.target.width).isEqualTo(128);
    assertThat(served.tags.name).isEqualTo("pos");
    assertThat(served.tags.width).isEqualTo(16);
    assertThat(train(Tagger.class, ReplayModule.allowing(PACKAGE).from(json))).isEqualTo(json);
  }

  @Test
  void moduleOutsideTheAllowedPackages_isRefusedNamingItAndTheFix() {
    String json = classifierDocument(new Config(1, "sgd", List.of()));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("com.acme").from(json));

    assertThat(e).hasMessageThat().contains("var0 (dev.aijson.guice.ConfigurationTest"
        + "$ConfiguredModule): replay does not make the module dev.aijson.guice.ConfigurationTest"
        + "$ConfiguredModule: its package is not allowed");
    assertThat(e).hasMessageThat().contains("allowPackages(\"dev.aijson.guice\")");
  }

  /** A module that also holds what is not a JSON value: a path on the training machine. */
  static final class DataModule extends AbstractModule {
    private final java.nio.file.Path data;
    private final int hidden;

    DataModule(java.nio.file.Path data, int hidden) {
      this.data = data;
      this.hidden = hidden;
    }

    @Provides
    Net net() {
      return new Net(hidden, data.getFileName().toString());
    }
  }

  @Test
  void moduleFieldThatIsNotAJsonValue_isAnOpaqueVarThatServingSupplies() {
    String json = train(Net.class, new DataModule(java.nio.file.Path.of("/data/train.tsv"), 8));
    AiJsonDocument document = AiJsonDocument.parse(json);
    assertThat(document.var("var0").kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(document.var("var1").members()).containsExactly("data", dev.aijson.core.AiJsonRef.to("var0"),
        "hidden", 8L).inOrder();

    // not supplied: the injector is not created, naming what to supply
    com.google.inject.CreationException missing = assertThrows(com.google.inject.CreationException.class,
        () -> Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)));
    assertThat(missing.getCause()).hasMessageThat().contains("withInstance(\"var0\", instance)");

    // the path supplied: the module is rebuilt with it
    Net served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .withInstance("var0", java.nio.file.Path.of("/serving/train.tsv"))).getInstance(Net.class);
    assertThat(served.optimizer).isEqualTo("train.tsv");
    assertThat(served.hidden).isEqualTo(8);

    // or the module supplied whole: what it was made of is not needed
    Net given = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .withInstance("var1", new DataModule(java.nio.file.Path.of("/x/y.tsv"), 2))).getInstance(Net.class);
    assertThat(given.hidden).isEqualTo(2);
  }

  // config beans

  @Test
  void beanBoundAsInstance_isWrittenAsItsPropertiesInOrder() {
    String json = train(Trainer.class, instance(TrainingConfig.class, trainingConfig(5, 0.1, "a", "b")));

    assertThat(json).contains("\"config\": {\n          \"epochs\": 5,\n          \"labels\": [\"a\","
        + " \"b\"],\n          \"learningRate\": 0.1\n        }");
    assertThat(AiJsonDocument.parse(json).var("var0").kwargs().get("config"))
        .isEqualTo(Map.of("epochs", 5L, "labels", List.of("a", "b"),
            "learningRate", new java.math.BigDecimal("0.1")));
  }

  @Test
  void beanBoundAsInstance_isReplayedEqual() {
    TrainingConfig config = trainingConfig(5, 0.1, "a", "b");
    String json = train(Trainer.class, instance(TrainingConfig.class, config));

    Trainer served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Trainer.class);

    assertThat(served.config).isEqualTo(config);
    assertThat(served.config).isNotSameInstanceAs(config);
  }

  @Test
  void beanBoundAsInstance_isOverridableByProperty() {
    String json = train(Trainer.class, instance(TrainingConfig.class, trainingConfig(5, 0.1, "a")));

    Trainer served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .override("var0.kwargs.config.learningRate", 0.01)
        .override("var0.kwargs.config.labels", List.of("x", "y"))).getInstance(Trainer.class);

    assertThat(served.config).isEqualTo(trainingConfig(5, 0.01, "x", "y"));
  }

  @Test
  void beanBoundAsInstance_changedBetweenProvisions_eachVarHasTheValuesItsObjectGot() {
    // a sweep that changes the bound config between runs: each Trainer got other values
    TrainingConfig config = trainingConfig(5, 0.1, "a");
    Injector injector = recording(instance(TrainingConfig.class, config));
    injector.getInstance(Trainer.class);
    config.setEpochs(20);
    injector.getInstance(Trainer.class);
    injector.getInstance(Trainer.class);

    AiJsonDocument document = Documents.of(injector);

    assertThat(document.vars().stream()
        .map(var -> ((Map<?, ?>) var.kwargs().get("config")).get("epochs")).toList())
        .containsExactly(5L, 20L, 20L).inOrder();
  }

  /** Gets the bound list, array and map of a sweep's settings. */
  public static class Sweep {
    final List<String> labels;

    @Inject
    Sweep(@Named("labels") List<String> labels, @Named("weights") double[] weights,
        @Named("limits") Map<String, Integer> limits) {
      this.labels = labels;
    }
  }

  // regression: a bound list, array or map that the application changed between provisions was
  // written with its first provision's contents in every later var
  @Test
  void listArrayAndMapBoundAsInstances_changedBetweenProvisions_eachVarHasWhatItsObjectGot() {
    List<String> labels = new java.util.ArrayList<>(List.of("a", "b"));
    double[] weights = {0.5, 0.25};
    Map<String, Integer> limits = new java.util.LinkedHashMap<>(Map.of("steps", 10));
    Injector injector = recording(new AbstractModule() {
      @Override
      protected void configure() {
        bind(new com.google.inject.TypeLiteral<List<String>>() {}).annotatedWith(Names.named("labels")).toInstance(labels);
        bind(double[].class).annotatedWith(Names.named("weights")).toInstance(weights);
        bind(new com.google.inject.TypeLiteral<Map<String, Integer>>() {}).annotatedWith(Names.named("limits"))
            .toInstance(limits);
      }
    });
    injector.getInstance(Sweep.class);
    labels.add("c");
    weights[1] = 0.75;
    limits.put("epochs", 3);
    injector.getInstance(Sweep.class);
    injector.getInstance(Sweep.class);

    List<AiJsonVar> sweeps = Documents.of(injector).vars();
    assertThat(sweeps.stream().map(var -> var.kwargs().get("labels")).toList())
        .containsExactly(List.of("a", "b"), List.of("a", "b", "c"), List.of("a", "b", "c")).inOrder();
    assertThat(sweeps.get(0).kwargs().get("weights"))
        .isEqualTo(List.of(new java.math.BigDecimal("0.5"), new java.math.BigDecimal("0.25")));
    assertThat(sweeps.get(1).kwargs().get("weights"))
        .isEqualTo(List.of(new java.math.BigDecimal("0.5"), new java.math.BigDecimal("0.75")));
    assertThat(sweeps.get(0).kwargs().get("limits")).isEqualTo(Map.of("steps", 10L));
    assertThat(sweeps.get(2).kwargs().get("limits")).isEqualTo(Map.of("steps", 10L, "epochs", 3L));
  }

  @Test
  void beanOverrideOfTheWrongType_isRefusedAtOnce() {
    ReplayModule replay = ReplayModule.allowing(PACKAGE)
        .from(train(Trainer.class, instance(TrainingConfig.class, trainingConfig(5, 0.1))));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> replay.override("var0.kwargs.config.epochs", 2.5));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/config/epochs");
    assertThat(e).hasMessageThat().contains("which is not an int");
  }

  @Test
  void beanInAModuleField_isModuleStateAndReplays() {
    String json = train(Trainer.class, new BeanModule(trainingConfig(3, 0.5, "z")));

    assertThat(AiJsonDocument.parse(json).var("var0").members().get("config"))
        .isEqualTo(Map.of("epochs", 3L, "labels", List.of("z"),
            "learningRate", new java.math.BigDecimal("0.5")));
    Trainer served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .override("var0.members.config.epochs", 9)).getInstance(Trainer.class);
    assertThat(served.config).isEqualTo(trainingConfig(9, 0.5, "z"));
  }

  static final class BeanModule extends AbstractModule {
    private final TrainingConfig config;

    BeanModule(TrainingConfig config) {
      this.config = config;
    }

    @Provides
    Trainer trainer() {
      return new Trainer(config);
    }
  }

  @Test
  void creatorBeanPassedToAConstructor_isWrittenAndReplayedWithItsCreator() {
    String json = train(Scheduler.class, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Schedule.class).toInstance(new Schedule(100, "cosine"));
        bindConstant().annotatedWith(com.google.inject.name.Names.named("steps")).to(1000);
      }
    });

    assertThat(AiJsonDocument.parse(json).var("var0").kwargs().get("schedule"))
        .isEqualTo(Map.of("policy", "cosine", "warmup", 100L));
    Scheduler served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .override("var0.kwargs.schedule.warmup", 10)).getInstance(Scheduler.class);
    assertThat(served.schedule.getWarmup()).isEqualTo(10);
    assertThat(served.schedule.getPolicy()).isEqualTo("cosine");
    assertThat(served.steps).isEqualTo(1000);
  }

  /** What a component gets injected into a field. */
  public static class Ticker {
    @Inject
    Ticker() {}
  }

  /** A component, not a configuration bean: its injected field is no property. */
  public static class Backbone {
    public double threshold = 0.5;
    @Inject Ticker ticker;

    @Inject
    Backbone() {}
  }

  /** Tunes a component it is handed, as a trainer's {@code @AiJson} method does. */
  public static class Tuner {
    @Inject
    Tuner() {}

    @dev.aijson.core.AiJson
    public Backbone tune(Backbone backbone, int epochs) {
      return backbone;
    }
  }

  // regression: an object a var made, handed to an @AiJson call, was first inspected as a bean,
  // and the log said it "is recorded as an opaque var, not as its properties", which it was not
  @Test
  void componentAVarMade_passedToAnAiJsonCall_isAReferenceAndTheLogSaysNothing() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    String json;
    try (LogCapture log = LogCapture.of(ValueEncoder.class)) {
      Backbone backbone = injector.getInstance(Backbone.class);
      injector.getInstance(Tuner.class).tune(backbone, 3);
      json = injector.getInstance(AiJsonLog.class).toJson();

      assertThat(log.records()).isEmpty();
    }
    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar call = document.vars().stream().filter(v -> v.kind() == AiJsonVar.Kind.CALL).findFirst().orElseThrow();
    AiJsonVar backbone = document.vars().stream()
        .filter(v -> "ConfigurationTest$Backbone".equals(v.caller())).findFirst().orElseThrow();
    assertThat(call.kwargs())
        .containsExactly("backbone", dev.aijson.core.AiJsonRef.to(backbone.name()), "epochs", 3L).inOrder();
  }

  @Test
  void beanThatCannotRoundTrip_isOpaqueAndTheLogSaysWhy() {
    WriteOnlyConfig config = new WriteOnlyConfig();
    config.setSize(8);
    config.setSecret("s3");
    String json;
    try (LogCapture log = LogCapture.of(ValueEncoder.class)) {
      json = train(Vault.class, instance(WriteOnlyConfig.class, config));

      assertThat(log.records()).hasSize(1);
      assertThat(log.records().get(0).getMessage()).contains("aijson: dev.aijson.guice."
          + "ConfigurationTest$WriteOnlyConfig is recorded as an opaque var, not as its properties:"
          + " property \"secret\" can be set but has no getter, so its value would not be seen");
    }
    AiJsonDocument document = AiJsonDocument.parse(json);
    assertThat(document.var("var0").kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(json).doesNotContain("\"size\"");
  }

  @Test
  void beanWithAPropertyWithoutSetter_isOpaque() {
    String json = train(Sampler.class, instance(SeededConfig.class, new SeededConfig(8, 7)));

    assertThat(AiJsonDocument.parse(json).var("var0").kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(json).doesNotContain("\"seed\"");
  }

  @Test
  void beanThatCannotRoundTrip_mustBeSuppliedBeforeServing() {
    String json = train(Sampler.class, instance(SeededConfig.class, new SeededConfig(8, 7)));
    SeededConfig supplied = new SeededConfig(8, 7);

    Sampler served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)
        .withInstance("var0", supplied)).getInstance(Sampler.class);

    assertThat(served.config).isSameInstanceAs(supplied);
  }

  /** A bean whose getter throws, as a lazily loaded config might. */
  public static final class FailingConfig {
    private int size = 3;

    public int getSize() {
      throw new IllegalStateException("not loaded");
    }

    public void setSize(int size) {
      this.size = size;
    }

    int size() {
      return size;
    }
  }

  static final class Loader {
    final FailingConfig config;

    @Inject
    Loader(FailingConfig config) {
      this.config = config;
    }
  }

  @Test
  void beanWhoseGetterThrows_neverReachesTheApplicationAndIsOpaqueWithTheReason() {
    FailingConfig config = new FailingConfig();
    Injector injector;
    try (LogCapture log = LogCapture.of(ValueEncoder.class)) {
      injector = recording(instance(FailingConfig.class, config));

      assertThat(injector.getInstance(Loader.class).config).isSameInstanceAs(config);
      assertThat(injector.getInstance(Loader.class).config.size()).isEqualTo(3);
      assertThat(log.records()).hasSize(1);
      assertThat(log.records().get(0).getMessage()).contains("reading property \"size\" threw"
          + " java.lang.IllegalStateException: not loaded");
    }
    AiJsonDocument document = injector.getInstance(AiJsonLog.class).document();
    assertThat(document.vars().get(0).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(document.vars().get(0).caller()).isEqualTo("ConfigurationTest$FailingConfig");
  }

  // hostile bean JSON

  private static String beanDocument(String config) {
    String json = train(Trainer.class, instance(TrainingConfig.class, trainingConfig(5, 0.1, "a")));
    String recorded = json.substring(json.indexOf("\"config\": {"), json.indexOf("}", json.indexOf("\"config\": {")) + 1);
    return json.replace(recorded, "\"config\": " + config);
  }

  @Test
  void hostileBean_unknownOrClassProperty_isRefusedNamingIt() {
    String json = beanDocument("{\"@class\": \"java.lang.ProcessBuilder\", \"epochs\": 1,"
        + " \"labels\": [], \"learningRate\": 0.1}");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing(PACKAGE).from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/config/@class");
    assertThat(e).hasMessageThat().contains("has no property \"@class\"; its properties are"
        + " epochs, labels, learningRate (a document never names a class to make)");
  }

  /** A bean whose author asked Jackson for class names in the JSON: replay never follows them. */
  public static final class TypedConfig {
    private Object extra;

    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.CLASS)
    public Object getExtra() {
      return extra;
    }

    public void setExtra(Object extra) {
      this.extra = extra;
    }
  }

  static final class TypedHolder {
    final TypedConfig config;

    @Inject
    TypedHolder(TypedConfig config) {
      this.config = config;
    }
  }

  @Test
  void hostileBean_classNameUnderPolymorphicTyping_isNeverFollowed() {
    TypedConfig config = new TypedConfig();
    config.setExtra(List.of("a"));
    String json = train(TypedHolder.class, instance(TypedConfig.class, config));
    String hostile = json.replace("\"extra\": [\"a\"]",
        "\"extra\": [\"java.lang.ProcessBuilder\", {\"command\": [\"touch\", \"/tmp/owned\"]}]");
    assertThat(hostile).isNotEqualTo(json);

    TypedHolder served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(hostile))
        .getInstance(TypedHolder.class);

    // plain JSON data, as an Object parameter reads it: a list of a string and a map
    assertThat(served.config.getExtra()).isInstanceOf(List.class);
    assertThat(((List<?>) served.config.getExtra()).get(0)).isEqualTo("java.lang.ProcessBuilder");
    assertThat(((List<?>) served.config.getExtra()).get(1)).isInstanceOf(Map.class);
  }

  @Test
  void hostileBean_wrongTypes_areRefusedWithTheirPointers() {
    String json = beanDocument("{\"epochs\": \"5\", \"labels\": 3, \"learningRate\": 0.1}");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing(PACKAGE).from(json));

    assertThat(e.problems().stream().map(AiJsonException.Problem::path))
        .containsAtLeast("/vars/var0/kwargs/config/epochs", "/vars/var0/kwargs/config/labels");
  }

  @Test
  void hostileBean_missingProperty_isRefused() {
    String json = beanDocument("{\"epochs\": 5}");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing(PACKAGE).from(json));

    assertThat(e).hasMessageThat().contains("exactly the bean properties epochs, labels, learningRate");
  }

  @Test
  void hostileBean_outsideTheAllowedPackages_isRefused() {
    String json = train(MarkedTrainer.class, instance(TrainingConfig.class, trainingConfig(5, 0.1)));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("com.acme").from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/config");

    assertThat(e.problems().stream().map(AiJsonException.Problem::message).toList().toString())
        .contains("replay does not make the bean dev.aijson.guice.ConfigurationTest$TrainingConfig");
  }
}
