package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import com.google.inject.spi.InjectionPoint;
import com.google.inject.spi.ProviderInstanceBinding;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying recorded documents: behaviour, identity, overrides and opaque vars. */
class ReplayModuleTest {
  interface Tokenizer {
    List<String> tokenize(String text);
  }

  static class WhitespaceTokenizer implements Tokenizer {
    final int vocabSize;
    final String corpus;

    @Inject
    WhitespaceTokenizer(@Named("corpus") String corpus, @Named("vocab") int vocabSize) {
      this.corpus = corpus;
      this.vocabSize = vocabSize;
    }

    @Override
    public List<String> tokenize(String text) {
      return List.of(text.split(" ")).subList(0, Math.min(vocabSize, text.split(" ").length));
    }
  }

  interface Layer {
    int outputs();
  }

  static class Dense implements Layer {
    final int inputs;
    final int outputs;

    Dense(int inputs, int outputs) {
      this.inputs = inputs;
      this.outputs = outputs;
    }

    @Override
    public int outputs() {
      return outputs;
    }
  }

  static class Pipeline {
    final Tokenizer tokenizer;
    final Layer layer;
    final List<String> labels;
    final Provider<Tokenizer> tokenizers;

    @Inject
    Pipeline(Tokenizer tokenizer, @Named("main") Layer layer, @Named("labels") List<String> labels,
        Provider<Tokenizer> tokenizers) {
      this.tokenizer = tokenizer;
      this.layer = layer;
      this.labels = labels;
      this.tokenizers = tokenizers;
    }

    String classify(String text) {
      return labels.get(tokenizer.tokenize(text).size() % labels.size());
    }
  }

  static class Metrics {
    @Inject Tokenizer tokenizer;
    int window;

    @Inject
    Metrics() {}

    @Inject
    void setWindow(@Named("window") int window) {
      this.window = window;
    }
  }

  static class TrainingModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Tokenizer.class).to(WhitespaceTokenizer.class).in(Singleton.class);
      bindConstant().annotatedWith(Names.named("corpus")).to("corpus.txt");
      bindConstant().annotatedWith(Names.named("vocab")).to(3);
      bindConstant().annotatedWith(Names.named("window")).to(5);
      bind(new TypeLiteral<List<String>>() {})
          .annotatedWith(Names.named("labels"))
          .toInstance(List.of("pos", "neg", "neutral"));
    }

    @Provides
    @Named("main")
    Layer layer(@Named("vocab") int nSymbols) {
      return new Dense(nSymbols, 3);
    }
  }

  private static String train() {
    Injector training = Guice.createInjector(new AiJsonModule(), new TrainingModule());
    training.getInstance(Pipeline.class);
    training.getInstance(Metrics.class);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void replay_recordedPipeline_behavesLikeTheOriginal() {
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(train()));

    Pipeline pipeline = serving.getInstance(Pipeline.class);
    assertThat(pipeline.classify("a b c d")).isEqualTo("pos");
    assertThat(pipeline.tokenizer.tokenize("a b c d")).containsExactly("a", "b", "c").inOrder();
    assertThat(((WhitespaceTokenizer) pipeline.tokenizer).corpus).isEqualTo("corpus.txt");
    assertThat(pipeline.labels).containsExactly("pos", "neg", "neutral").inOrder();
    assertThat(((Dense) pipeline.layer).inputs).isEqualTo(3);
    assertThat(pipeline.tokenizers.get()).isSameInstanceAs(pipeline.tokenizer);
  }

  @Test
  void replay_keysAreBoundAsRecorded() {
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(train()));

    assertThat(serving.getInstance(Tokenizer.class)).isInstanceOf(WhitespaceTokenizer.class);
    assertThat(serving.getInstance(Key.get(Layer.class, Names.named("main"))).outputs()).isEqualTo(3);
  }

  @Test
  void replay_eachBindingNamesTheVarItRebuilds_andGivesGuiceNoMembersToInject() {
    String json = train();
    AiJsonVar tokenizer = AiJsonDocument.parse(json).vars().stream()
        .filter(var -> var.className().equals(WhitespaceTokenizer.class.getName()))
        .findFirst()
        .orElseThrow();
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));

    Binding<Tokenizer> binding = serving.getBinding(Tokenizer.class);
    Object provider = ((ProviderInstanceBinding<?>) binding).getProviderInstance();
    String named = "replay of " + tokenizer.name() + " (" + WhitespaceTokenizer.class.getName() + ")";
    assertThat(provider.toString()).isEqualTo(named);
    assertThat(binding.toString()).contains(named);
    // Guice looks for members to inject in the class of every provider instance it binds
    assertThat(InjectionPoint.forInstanceMethodsAndFields(provider.getClass())).isEmpty();
  }

  @Test
  void replay_singletonIsShared_unscopedIsFreshPerRequest() {
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(train()));

    Pipeline first = serving.getInstance(Pipeline.class);
    Pipeline second = serving.getInstance(Pipeline.class);
    assertThat(second).isNotSameInstanceAs(first);
    assertThat(second.tokenizer).isSameInstanceAs(first.tokenizer);
    assertThat(second.layer).isNotSameInstanceAs(first.layer);
    assertThat(serving.getInstance(Tokenizer.class)).isSameInstanceAs(first.tokenizer);
  }

  @Test
  void replay_members_areInjectedAsRecorded() {
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(train()));

    Metrics metrics = serving.getInstance(Metrics.class);
    assertThat(metrics.window).isEqualTo(5);
    assertThat(metrics.tokenizer).isSameInstanceAs(serving.getInstance(Tokenizer.class));
  }

  /** A scorer whose threshold a framework injects into a private field. */
  static class Scorer {
    @Inject @Named("window") private int window;

    @Inject
    Scorer() {}
  }

  static class Ensemble {
    final List<Scorer> scorers;

    @Inject
    Ensemble(Scorer first, Scorer second, Scorer third) {
      this.scorers = List.of(first, second, third);
    }
  }

  /** Regression: only the first of several vars of a class had its private field opened. */
  @Test
  void replay_privateMemberOfSeveralVarsOfOneClass_isInjectedIntoEach() {
    Injector training = Guice.createInjector(new AiJsonModule(), new TrainingModule());
    training.getInstance(Ensemble.class);
    String json = training.getInstance(AiJsonLog.class).toJson();

    Ensemble served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(Ensemble.class);

    assertThat(served.scorers.stream().map(scorer -> scorer.window).toList()).containsExactly(5, 5, 5);
    assertThat(served.scorers.stream().distinct().count()).isEqualTo(3);
  }

  static class BaseLayer {
    @Inject @Named("window") int size;
  }

  static class ShadowingLayer extends BaseLayer {
    @Inject @Named("vocab") int size;

    @Inject
    ShadowingLayer() {}

    int baseSize() {
      return super.size;
    }
  }

  @Test
  void replay_shadowedFieldNames_eachFieldGetsItsOwnValue() {
    Injector training = Guice.createInjector(new AiJsonModule(), new TrainingModule());
    training.getInstance(ShadowingLayer.class);
    String json = training.getInstance(AiJsonLog.class).toJson();

    ShadowingLayer layer = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(ShadowingLayer.class);

    assertThat(json).contains("\"ShadowingLayer.size\": 3");
    assertThat(layer.baseSize()).isEqualTo(5);
    assertThat(layer.size).isEqualTo(3);
  }

  /** A layer configured through two overloads of one setter, as fluent configuration APIs have. */
  static class OverloadedLayer {
    int width;
    String corpus;

    @Inject
    OverloadedLayer() {}

    @Inject
    void configure(@Named("window") int width) {
      this.width = width;
    }

    @Inject
    void configure(@Named("corpus") String corpus) {
      this.corpus = corpus;
    }
  }

  /**
   * Broke: both overloads were recorded (configure and OverloadedLayer.configure), but replay took
   * the first method of that name the JVM listed for each, so it refused its own recording:
   * member "configure" argument "width" is 5, which is not a java.lang.String.
   */
  @Test
  void replay_overloadedInjectedMethods_eachOverloadGetsItsOwnArguments() {
    Injector training = Guice.createInjector(new AiJsonModule(), new TrainingModule());
    training.getInstance(OverloadedLayer.class);
    String json = training.getInstance(AiJsonLog.class).toJson();
    assertThat(json).contains("\"OverloadedLayer.configure\": {");

    Injector serving = Guice.createInjector(new AiJsonModule(), ReplayModule.allowing("dev.aijson.guice").from(json));
    OverloadedLayer layer = serving.getInstance(OverloadedLayer.class);

    assertThat(layer.width).isEqualTo(5);
    assertThat(layer.corpus).isEqualTo("corpus.txt");
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  @Test
  void replay_needsNoTrainingModule_onlyTheDocument(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("pipeline.json");
    Files.writeString(file, train());

    Pipeline pipeline = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(file)).getInstance(Pipeline.class);

    assertThat(pipeline.classify("x")).isEqualTo("neg");
  }

  @Test
  void recordingAReplay_givesTheSameDocument() {
    String original = train();
    Injector serving = Guice.createInjector(new AiJsonModule(), ReplayModule.allowing("dev.aijson.guice").from(original));
    serving.getInstance(Pipeline.class);
    serving.getInstance(Metrics.class);

    // the environment is equal too: the same classes come from the same places
    assertThat(original).contains("\"environment\"");
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(original);
  }

  @Test
  void recordingAReplay_ofADocumentFromOtherVersions_equalsItEnvironmentAside() {
    AiJsonDocument original = AiJsonDocument.parse(train());
    AiJsonDocument elsewhere = original.withEnvironment(Map.of("java", "11.0.2"));
    Injector serving = Guice.createInjector(new AiJsonModule(), ReplayModule.allowing("dev.aijson.guice").from(elsewhere.toJson()));
    serving.getInstance(Pipeline.class);
    serving.getInstance(Metrics.class);

    AiJsonDocument recorded = serving.getInstance(AiJsonLog.class).document();
    assertThat(recorded).isEqualTo(elsewhere);
    assertThat(recorded.toJson()).isEqualTo(original.toJson());
  }

  @Test
  void environmentWarnings_sameEnvironment_isEmpty() {
    assertThat(ReplayModule.allowing("dev.aijson.guice").from(train()).environmentWarnings()).isEmpty();
  }

  @Test
  void environmentWarnings_otherVersions_namesEachAndTheInjectorStillBuilds() {
    AiJsonDocument original = AiJsonDocument.parse(train());
    Map<String, Object> environment = new LinkedHashMap<>(original.environment());
    environment.put("java", "11.0.2");
    environment.put("guice", "5.1.0");
    environment.put("classes", Map.of(WhitespaceTokenizer.class.getName(),
        Map.of("jar", "models-0.9.jar", "version", "0.9")));
    String json = original.withEnvironment(environment).toJson();
    try (LogCapture log = LogCapture.of(ReplayModule.class)) {
      ReplayModule module = ReplayModule.allowing("dev.aijson.guice").from(json);
      Injector serving = Guice.createInjector(module);
      List<LogRecord> logged = log.records();

      assertThat(module.environmentWarnings()).containsExactly(
          "The document was recorded on Java 11.0.2; this is Java "
              + System.getProperty("java.version") + ". Replay goes on; if results differ, replay"
              + " on Java 11.0.2.",
          "The document was recorded with guice 5.1.0; this is guice "
              + original.environment().get("guice") + ". Replay goes on; if results differ,"
              + " replay with guice 5.1.0.",
          WhitespaceTokenizer.class.getName() + " was recorded from models-0.9.jar (version 0.9); it is now"
              + " loaded from the class folder test-classes. Replay goes on; if results differ,"
              + " put the recorded version on the classpath.").inOrder();
      assertThat(logged).hasSize(1);
      assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
      assertThat(logged.get(0).getMessage()).isEqualTo(
          "aijson replay: the environment differs from the recording:\n  "
              + String.join("\n  ", module.environmentWarnings()));
      assertThat(serving.getInstance(Pipeline.class).classify("a b c d")).isEqualTo("pos");
    }
  }

  @Test
  void override_rightType_changesTheRebuiltObject() {
    String json = train();
    String layerVar = varOf(json, "ReplayModuleTest$TrainingModule#layer");

    Pipeline pipeline =
        Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json).override(layerVar + ".kwargs.nSymbols", 7))
            .getInstance(Pipeline.class);

    assertThat(((Dense) pipeline.layer).inputs).isEqualTo(7);
  }

  @Test
  void override_wrongType_isRefusedAtOnceWithItsPointer() {
    String json = train();
    String layerVar = varOf(json, "ReplayModuleTest$TrainingModule#layer");
    ReplayModule module = ReplayModule.allowing("dev.aijson.guice").from(json);

    AiJsonException e =
        assertThrows(AiJsonException.class, () -> module.override(layerVar + ".kwargs.nSymbols", "many"));

    assertThat(e.path()).isEqualTo("/vars/" + layerVar + "/kwargs/nSymbols");
    assertThat(e).hasMessageThat().contains("nSymbols");
  }

  static class DataSource {
    final String url;

    DataSource(String url) {
      this.url = url;
    }
  }

  static class Reader {
    final DataSource source;

    @Inject
    Reader(DataSource source) {
      this.source = source;
    }
  }

  private static String recordReader() {
    Injector training =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(DataSource.class).toInstance(new DataSource("jdbc:training"));
              }
            });
    training.getInstance(Reader.class);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void opaqueVar_withInstance_usesTheSuppliedObject() {
    String json = recordReader();
    DataSource serving = new DataSource("jdbc:serving");

    Reader reader =
        Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json).withInstance(varOf(json, "ReplayModuleTest$DataSource"), serving))
            .getInstance(Reader.class);

    assertThat(reader.source).isSameInstanceAs(serving);
  }

  @Test
  void withInstance_unknownVar_namesTheCallAndTheFix() {
    ReplayModule module = ReplayModule.allowing("dev.aijson.guice").from(recordReader());
    int last = module.document().vars().size() - 1;

    AiJsonException e =
        assertThrows(AiJsonException.class, () -> module.withInstance("var99", new Object()));

    assertThat(e.path()).isEqualTo("/vars/var99");
    assertThat(e).hasMessageThat().isEqualTo("withInstance(\"var99\", ...): the document has no"
        + " var \"var99\"; it has var0 to var" + last + ". Name one of those.");
  }

  @Test
  void opaqueVar_boundByAnotherModule_usesThatBinding() {
    DataSource serving = new DataSource("jdbc:module");
    Reader reader =
        Guice.createInjector(
                ReplayModule.allowing("dev.aijson.guice").from(recordReader()),
                new AbstractModule() {
                  @Override
                  protected void configure() {
                    bind(DataSource.class).toInstance(serving);
                  }
                })
            .getInstance(Reader.class);

    assertThat(reader.source).isSameInstanceAs(serving);
  }

  @Test
  void opaqueVar_notSupplied_isReportedWhenTheInjectorIsCreated() {
    String json = recordReader();
    String var = varOf(json, "ReplayModuleTest$DataSource");

    CreationException e =
        assertThrows(CreationException.class, () -> Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)));

    Throwable cause = e.getErrorMessages().iterator().next().getCause();
    assertThat(cause).isInstanceOf(AiJsonException.class);
    assertThat(((AiJsonException) cause).path()).isEqualTo("/vars/" + var);
    assertThat(cause).hasMessageThat().contains(var + " (dev.aijson.guice.ReplayModuleTest$DataSource) is opaque");
    assertThat(cause).hasMessageThat().contains("withInstance(\"" + var + "\", instance)");
  }

  public static class Model {
    final int epochs;

    Model(int epochs) {
      this.epochs = epochs;
    }
  }

  public static class Trainer {
    static int fits;

    @Inject
    Trainer() {}

    @AiJson
    public Model fit(int epochs, double learningRate) {
      fits++;
      return new Model(epochs);
    }
  }

  static class Server {
    final Model model;

    @Inject
    Server(Model model) {
      this.model = model;
    }
  }

  static class ServingModule extends AbstractModule {
    @Provides
    Model model(Trainer trainer) {
      return trainer.fit(4, 0.5);
    }
  }

  @Test
  void callVar_referenced_isInvoked_unreferenced_isNot() {
    Injector training = Guice.createInjector(new AiJsonModule(), new ServingModule());
    training.getInstance(Server.class);
    training.getInstance(Trainer.class).fit(9, 0.1);
    String json = training.getInstance(AiJsonLog.class).toJson();
    Trainer.fits = 0;

    Server server = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Server.class);

    assertThat(server.model.epochs).isEqualTo(4);
    assertThat(Trainer.fits).isEqualTo(1);
  }

  static String varOf(String json, String caller) {
    return dev.aijson.core.AiJsonDocument.parse(json).vars().stream()
        .filter(v -> v.caller().equals(caller))
        .reduce((a, b) -> b)
        .orElseThrow()
        .name();
  }
}
