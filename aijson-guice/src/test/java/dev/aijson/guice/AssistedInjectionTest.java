package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.all;
import static dev.aijson.guice.Documents.only;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.assistedinject.Assisted;
import com.google.inject.assistedinject.AssistedInject;
import com.google.inject.assistedinject.FactoryModuleBuilder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.replay.AiJsonReplayer;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guice's assisted injection ({@code FactoryModuleBuilder}, {@code @Assisted}, {@code
 * AssistedInject}): an object a factory makes is one constructor var with every argument, the
 * assisted ones marked and the factory method named; the factory is a {@code factory} var; replay
 * implements the factory from the document alone.
 */
class AssistedInjectionTest {
  /** Turns text into features; a factory makes encoders with per-task hyperparameters. */
  interface Encoder {
    String encode(String text);
  }

  /** The shared vocabulary, which the factory injects into every encoder it makes. */
  @Singleton
  static class Vocabulary {
    final List<String> words = List.of("good", "bad", "ugly");

    @Inject
    Vocabulary() {}

    int index(String word) {
      return words.indexOf(word.toLowerCase(Locale.ROOT));
    }
  }

  static class LstmEncoder implements Encoder {
    final int hidden;
    final int layers;
    final Vocabulary vocabulary;
    final double dropout;

    @Inject
    LstmEncoder(@Named("hidden") int hidden, @Assisted("layers") int layers, Vocabulary vocabulary,
        @Assisted("dropout") double dropout) {
      this.hidden = hidden;
      this.layers = layers;
      this.vocabulary = vocabulary;
      this.dropout = dropout;
    }

    @Override
    public String encode(String text) {
      StringBuilder out = new StringBuilder("lstm " + hidden + "x" + layers + " p=" + dropout + ":");
      for (String word : text.split(" ")) {
        out.append(' ').append(vocabulary.index(word) * layers);
      }
      return out.toString();
    }
  }

  interface EncoderFactory {
    Encoder create(@Assisted("layers") int layers, @Assisted("dropout") double dropout);
  }

  /** Makes its encoder with the factory, with hyperparameters it chose itself. */
  static class Classifier {
    final EncoderFactory encoders;
    final Encoder encoder;

    @Inject
    Classifier(EncoderFactory encoders) {
      this.encoders = encoders;
      this.encoder = encoders.create(4, 0.25);
    }

    String classify(String text) {
      return encoder.encode(text);
    }
  }

  /** A second component that receives the same factory. */
  static class Evaluator {
    final Encoder baseline;

    @Inject
    Evaluator(EncoderFactory encoders, Classifier classifier) {
      this.baseline = encoders.create(1, 0.0);
    }
  }

  static final class EncoderModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("hidden")).to(128);
      install(new FactoryModuleBuilder().implement(Encoder.class, LstmEncoder.class)
          .build(EncoderFactory.class));
    }
  }

  // @AssistedInject: one class, one constructor per factory method

  static class GruEncoder implements Encoder {
    final int hidden;
    final int layers;
    final double dropout;

    @AssistedInject
    GruEncoder(@Named("hidden") int hidden, @Assisted int layers) {
      this(hidden, layers, 0.0);
    }

    @AssistedInject
    GruEncoder(@Named("hidden") int hidden, @Assisted int layers, @Assisted double dropout) {
      this.hidden = hidden;
      this.layers = layers;
      this.dropout = dropout;
    }

    @Override
    public String encode(String text) {
      return "gru " + hidden + "x" + layers + " p=" + dropout + ": " + text.length() * layers;
    }
  }

  interface GruFactory {
    GruEncoder create(int layers);

    GruEncoder create(int layers, double dropout);
  }

  static class Ensemble {
    final List<Encoder> members;

    @Inject
    Ensemble(GruFactory grus) {
      this.members = List.of(grus.create(2), grus.create(6, 0.1));
    }

    String encode(String text) {
      return members.stream().map(m -> m.encode(text)).toList().toString();
    }
  }

  static final class GruModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("hidden")).to(64);
      install(new FactoryModuleBuilder().build(GruFactory.class));
    }
  }

  // two factory methods on one factory

  interface Decoder {
    String decode(String features);
  }

  static class BeamDecoder implements Decoder {
    final int beam;
    final Vocabulary vocabulary;

    @Inject
    BeamDecoder(Vocabulary vocabulary, @Assisted int beam) {
      this.vocabulary = vocabulary;
      this.beam = beam;
    }

    @Override
    public String decode(String features) {
      return "beam " + beam + " of " + vocabulary.words.size() + " <- " + features;
    }
  }

  interface ModelFactory {
    Encoder encoder(@Assisted("layers") int layers, @Assisted("dropout") double dropout);

    Decoder decoder(int beam);
  }

  static class Translator {
    final Encoder encoder;
    final Decoder decoder;

    @Inject
    Translator(ModelFactory models) {
      this.encoder = models.encoder(3, 0.5);
      this.decoder = models.decoder(5);
    }

    String translate(String text) {
      return decoder.decode(encoder.encode(text));
    }
  }

  static final class ModelModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("hidden")).to(32);
      install(new FactoryModuleBuilder()
          .implement(Encoder.class, LstmEncoder.class)
          .implement(Decoder.class, BeamDecoder.class)
          .build(ModelFactory.class));
    }
  }

  // two methods that make the same class with the same constructor

  interface Encoders {
    Encoder small(@Assisted("layers") int layers, @Assisted("dropout") double dropout);

    Encoder large(@Assisted("layers") int layers, @Assisted("dropout") double dropout);
  }

  static class Cascade {
    final Encoder first;
    final Encoder second;

    @Inject
    Cascade(Encoders encoders) {
      this.first = encoders.small(1, 0.5);
      this.second = encoders.large(8, 0.125);
    }
  }

  static final class CascadeModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("hidden")).to(16);
      install(new FactoryModuleBuilder().implement(Encoder.class, LstmEncoder.class)
          .build(Encoders.class));
    }
  }

  // an assisted argument that is an object of the graph

  @Singleton
  static class Tokenizer {
    @Inject
    Tokenizer() {}

    List<String> split(String text) {
      return List.of(text.split(" "));
    }
  }

  static class TokenCounter {
    final Tokenizer tokenizer;
    final int limit;

    @Inject
    TokenCounter(@Assisted Tokenizer tokenizer, @Named("limit") int limit) {
      this.tokenizer = tokenizer;
      this.limit = limit;
    }

    int count(String text) {
      return Math.min(limit, tokenizer.split(text).size());
    }
  }

  interface CounterFactory {
    TokenCounter create(Tokenizer tokenizer);
  }

  static class Report {
    final TokenCounter counter;

    @Inject
    Report(Tokenizer tokenizer, CounterFactory counters) {
      this.counter = counters.create(tokenizer);
    }
  }

  static final class CounterModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("limit")).to(3);
      install(new FactoryModuleBuilder().build(CounterFactory.class));
    }
  }

  // a factory Guice builds a child injector for at each call: the product injects the injector

  static class Probe {
    final int depth;

    @Inject
    Probe(Injector injector, @Assisted int depth) {
      this.depth = depth;
    }
  }

  interface ProbeFactory {
    Probe create(int depth);
  }

  static class Prober {
    @Inject
    Prober(ProbeFactory probes) {
      probes.create(1);
      probes.create(2);
    }
  }

  // a product whose injected argument is an instance the document cannot rebuild

  static final class Connection {
    final String url;

    Connection(String url) {
      this.url = url;
    }
  }

  static class Query {
    final Connection connection;
    final String sql;

    @Inject
    Query(Connection connection, @Assisted String sql) {
      this.connection = connection;
      this.sql = sql;
    }
  }

  interface QueryFactory {
    Query create(String sql);
  }

  static class QueryReport {
    final Query query;

    @Inject
    QueryReport(QueryFactory queries) {
      this.query = queries.create("select 1");
    }
  }

  // a class with no assisted parameters, made by a factory all the same

  static class Clock {
    @Inject
    Clock() {}
  }

  interface ClockFactory {
    Clock create();
  }

  static class Timer {
    final Clock clock;

    @Inject
    Timer(ClockFactory clocks) {
      this.clock = clocks.create();
    }
  }

  private static Injector recording(Module... modules) {
    List<Module> all = new ArrayList<>(List.of(modules));
    all.add(0, new AiJsonModule().withoutEnvironment());
    return Guice.createInjector(all);
  }

  private static String record(Class<?> root, Module... modules) {
    Injector injector = recording(modules);
    injector.getInstance(root);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static String classifierDocument() {
    return record(Classifier.class, new EncoderModule());
  }

  @Test
  void factoryProduct_recording_isOneConstructorVarWithEveryArgument() {
    AiJsonDocument document = AiJsonDocument.parse(classifierDocument());

    AiJsonVar encoder = only(document, "AssistedInjectionTest$LstmEncoder");
    assertThat(encoder.kind()).isEqualTo(AiJsonVar.Kind.CONSTRUCTOR);
    assertThat(encoder.key()).isNull();
    assertThat(encoder.singleton()).isFalse();
    assertThat(encoder.signature()).containsExactly("int", "int", Vocabulary.class.getName(), "double")
        .inOrder();
    AiJsonVar vocabulary = only(document, "AssistedInjectionTest$Vocabulary");
    assertThat(encoder.kwargs()).containsExactly("hidden", 128L, "layers", 4L,
        "vocabulary", AiJsonRef.to(vocabulary.name()), "dropout", new java.math.BigDecimal("0.25")).inOrder();
    assertThat(encoder.factory()).isEqualTo(new AiJsonVar.Factory(EncoderFactory.class.getName(), "create",
        List.of("layers", "dropout")));
  }

  @Test
  void factoryProduct_document_namesNothingGuiceInternal() {
    String json = classifierDocument() + record(Ensemble.class, new GruModule())
        + record(Translator.class, new ModelModule()) + record(Cascade.class, new CascadeModule())
        + record(Report.class, new CounterModule());

    assertThat(json).doesNotContain("ThreadLocalProvider");
    assertThat(json).doesNotContain("FactoryProvider");
    assertThat(json).doesNotContain("UniqueAnnotations");
    assertThat(json).doesNotContain("@Assisted");
    assertThat(json).doesNotContain("Assisted(");
    assertThat(json).doesNotContain("com.google.inject.internal");
    assertThat(json).doesNotContain("com.google.inject.assistedinject");
    assertThat(json).doesNotContain("$Proxy");
  }

  @Test
  void factory_receivedByTwoComponents_isOneFactoryVarWithItsKey() {
    AiJsonDocument document = AiJsonDocument.parse(record(Evaluator.class, new EncoderModule()));

    AiJsonVar factory = only(document, "AssistedInjectionTest$EncoderFactory");
    assertThat(factory.kind()).isEqualTo(AiJsonVar.Kind.FACTORY);
    assertThat(factory.module()).isEqualTo("dev.aijson.guice");
    assertThat(factory.key()).isEqualTo(EncoderFactory.class.getName());
    assertThat(factory.signature()).isEmpty();
    assertThat(factory.kwargs()).isEmpty();
    assertThat(only(document, "AssistedInjectionTest$Classifier").kwargs())
        .containsExactly("encoders", AiJsonRef.to(factory.name()));
    assertThat(only(document, "AssistedInjectionTest$Evaluator").kwargs().get("encoders"))
        .isEqualTo(AiJsonRef.to(factory.name()));
    assertThat(all(document, "AssistedInjectionTest$LstmEncoder").stream()
        .map(v -> v.kwargs().get("layers")).toList()).containsExactly(4L, 1L).inOrder();
  }

  @Test
  void factoryProduct_replayFromTheDocumentAlone_behavesIdentically() {
    String json = classifierDocument();
    Classifier trained = Guice.createInjector(new EncoderModule()).getInstance(Classifier.class);

    Classifier served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Classifier.class);

    assertThat(served.encoder).isInstanceOf(LstmEncoder.class);
    assertThat(served.classify("Good bad ugly")).isEqualTo(trained.classify("Good bad ugly"));
    assertThat(served.classify("good")).isEqualTo("lstm 128x4 p=0.25: 0");
  }

  @Test
  void factoryProduct_recordingTheReplay_givesTheSameDocument() {
    String json = classifierDocument();

    assertThat(record(Classifier.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void factoryProduct_twoRecordings_areByteIdentical() {
    assertThat(classifierDocument()).isEqualTo(classifierDocument());
  }

  private static String recordInProduction(Module module) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new AiJsonModule().withoutEnvironment(), module);
    injector.getInstance(Classifier.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void factoryProduct_productionStage_recordsAndReplaysTheSameDocument() {
    String json = recordInProduction(new EncoderModule());

    assertThat(recordInProduction(new EncoderModule())).isEqualTo(json);
    assertThat(recordInProduction(ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
    assertThat(only(AiJsonDocument.parse(json), "AssistedInjectionTest$LstmEncoder").factory().method())
        .isEqualTo("create");
  }

  @Test
  void factoryCall_newAssistedArgumentsInServing_buildsWithThemAndTheRecordedInjectedOnes() {
    String json = classifierDocument();
    EncoderFactory trained = Guice.createInjector(new EncoderModule()).getInstance(EncoderFactory.class);
    Injector serving = recording(ReplayModule.allowing("dev.aijson.guice").from(json));

    Encoder encoder = serving.getInstance(EncoderFactory.class).create(8, 0.5);

    assertThat(encoder.encode("ugly bad")).isEqualTo(trained.create(8, 0.5).encode("ugly bad"));
    assertThat(((LstmEncoder) encoder).vocabulary).isSameInstanceAs(serving.getInstance(Vocabulary.class));
    AiJsonDocument served = Documents.of(serving);
    AiJsonVar made = only(served, "AssistedInjectionTest$LstmEncoder");
    assertThat(made.kwargs()).containsExactly("hidden", 128L, "layers", 8L,
        "vocabulary", AiJsonRef.to(only(served, "AssistedInjectionTest$Vocabulary").name()),
        "dropout", new java.math.BigDecimal("0.5")).inOrder();
    assertThat(made.factory().method()).isEqualTo("create");
  }

  @Test
  void factoryCall_overriddenAssistedArgument_buildsTheOverriddenValue() {
    String json = classifierDocument();
    String encoder = only(AiJsonDocument.parse(json), "AssistedInjectionTest$LstmEncoder").name();

    Classifier served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)
        .override(encoder + ".kwargs.layers", 2)
        .override(encoder + ".kwargs.hidden", 256)).getInstance(Classifier.class);

    // the classifier still asks for create(4, 0.25): it gets the var recorded for it, overridden
    assertThat(served.classify("bad")).isEqualTo("lstm 256x2 p=0.25: 2");
    assertThat(served.encoders.create(4, 0.25).encode("bad")).isEqualTo("lstm 256x2 p=0.25: 2");
    assertThat(served.encoders.create(3, 0.25).encode("bad")).isEqualTo("lstm 256x3 p=0.25: 3");
  }

  @Test
  void assistedInjectConstructors_oneFactoryWithOverloads_buildEachWithItsConstructor() {
    String json = record(Ensemble.class, new GruModule());
    AiJsonDocument document = AiJsonDocument.parse(json);

    List<AiJsonVar> grus = all(document, "AssistedInjectionTest$GruEncoder");
    assertThat(grus).hasSize(2);
    assertThat(grus.get(0).signature()).containsExactly("int", "int").inOrder();
    assertThat(grus.get(0).kwargs()).containsExactly("hidden", 64L, "layers", 2L).inOrder();
    assertThat(grus.get(0).factory().assisted()).containsExactly("layers");
    assertThat(grus.get(1).kwargs()).containsExactly("hidden", 64L, "layers", 6L,
        "dropout", new java.math.BigDecimal("0.1")).inOrder();
    assertThat(grus.get(1).factory()).isEqualTo(new AiJsonVar.Factory(GruFactory.class.getName(), "create",
        List.of("layers", "dropout")));
    Ensemble trained = Guice.createInjector(new GruModule()).getInstance(Ensemble.class);
    Injector serving = recording(ReplayModule.allowing("dev.aijson.guice").from(json));
    assertThat(serving.getInstance(Ensemble.class).encode("four")).isEqualTo(trained.encode("four"));
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
    assertThat(serving.getInstance(GruFactory.class).create(3).encode("ab"))
        .isEqualTo(Guice.createInjector(new GruModule()).getInstance(GruFactory.class).create(3).encode("ab"));
  }

  @Test
  void factory_twoMethods_eachObjectNamesTheMethodThatMadeIt() {
    String json = record(Translator.class, new ModelModule());
    AiJsonDocument document = AiJsonDocument.parse(json);

    AiJsonVar encoder = only(document, "AssistedInjectionTest$LstmEncoder");
    AiJsonVar decoder = only(document, "AssistedInjectionTest$BeamDecoder");
    assertThat(encoder.factory()).isEqualTo(new AiJsonVar.Factory(ModelFactory.class.getName(), "encoder",
        List.of("layers", "dropout")));
    assertThat(decoder.factory()).isEqualTo(new AiJsonVar.Factory(ModelFactory.class.getName(), "decoder",
        List.of("beam")));
    assertThat(decoder.kwargs()).containsExactly(
        "vocabulary", AiJsonRef.to(only(document, "AssistedInjectionTest$Vocabulary").name()), "beam", 5L)
        .inOrder();
    Translator trained = Guice.createInjector(new ModelModule()).getInstance(Translator.class);
    Injector serving = recording(ReplayModule.allowing("dev.aijson.guice").from(json));
    Translator served = serving.getInstance(Translator.class);
    assertThat(served.translate("good ugly")).isEqualTo(trained.translate("good ugly"));
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
    assertThat(serving.getInstance(ModelFactory.class).decoder(1).decode("x")).isEqualTo("beam 1 of 3 <- x");
  }

  @Test
  void factory_twoMethodsOfOneConstructor_areToldApartByTheMethodCalled() {
    String json = record(Cascade.class, new CascadeModule());
    List<AiJsonVar> encoders = all(AiJsonDocument.parse(json), "AssistedInjectionTest$LstmEncoder");

    assertThat(encoders.stream().map(v -> v.factory().method()).toList()).containsExactly("small", "large")
        .inOrder();
    assertThat(encoders.stream().map(v -> v.kwargs().get("layers")).toList()).containsExactly(1L, 8L)
        .inOrder();
    Cascade served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Cascade.class);
    assertThat(served.second.encode("bad")).isEqualTo("lstm 16x8 p=0.125: 8");
    assertThat(record(Cascade.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void assistedObjectArgument_isAReferenceAndReplaysWithTheObjectPassed() {
    String json = record(Report.class, new CounterModule());
    AiJsonDocument document = AiJsonDocument.parse(json);

    AiJsonVar tokenizer = only(document, "AssistedInjectionTest$Tokenizer");
    AiJsonVar counter = only(document, "AssistedInjectionTest$TokenCounter");
    assertThat(counter.kwargs()).containsExactly("tokenizer", AiJsonRef.to(tokenizer.name()), "limit", 3L)
        .inOrder();
    Injector serving = recording(ReplayModule.allowing("dev.aijson.guice").from(json));
    Report served = serving.getInstance(Report.class);
    assertThat(served.counter.tokenizer).isSameInstanceAs(serving.getInstance(Tokenizer.class));
    assertThat(served.counter.count("a b c d e")).isEqualTo(3);
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  @Test
  void coreReplayerWithoutGuice_factoryProduct_buildsTheSameClassifier() {
    String json = classifierDocument();
    String classifier = only(AiJsonDocument.parse(json), "AssistedInjectionTest$Classifier").name();

    Classifier served = (Classifier) AiJsonReplayer.allowing("dev.aijson.guice").of(json).build(classifier);

    assertThat(served.classify("ugly")).isEqualTo("lstm 128x4 p=0.25: 8");
    assertThat(served.encoders.create(2, 0.5).encode("ugly")).isEqualTo("lstm 128x2 p=0.5: 4");
  }

  @Test
  void factoryCall_methodNeverRecorded_failsNamingTheFactoryVar() {
    // a document in which only small() was called: large() has no var to build from
    String smallOnly = record(Cascade.class, new CascadeModule())
        .replace("\"method\": \"large\"", "\"method\": \"small\"");
    Encoders served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(smallOnly)).getInstance(Encoders.class);

    AiJsonException e = assertThrows(AiJsonException.class, () -> served.large(2, 0.5));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + Encoders.class.getName() + "): large(int,"
        + " double) was never called while recording, so the document has no object it made, nor"
        + " the arguments its factory injected. Record a run that calls it, or bind "
        + Encoders.class.getName() + " in a module of your own.");
    assertThat(served.small(2, 0.5).encode("bad")).isEqualTo("lstm 16x2 p=0.5: 2");
  }

  @Test
  void factoryThatGuiceMakesPerCall_injectingTheInjector_recordsEachCallsArguments() {
    Module probes = binder -> binder.install(new FactoryModuleBuilder().build(ProbeFactory.class));
    String json = record(Prober.class, probes);

    List<AiJsonVar> made = all(AiJsonDocument.parse(json), "AssistedInjectionTest$Probe");
    assertThat(made.stream().map(v -> v.kwargs().get("depth")).toList()).containsExactly(1L, 2L).inOrder();
    assertThat(made.get(1).factory()).isEqualTo(new AiJsonVar.Factory(ProbeFactory.class.getName(), "create",
        List.of("depth")));
    assertThat(json).doesNotContain("UniqueAnnotations");
    assertThat(json).doesNotContain("Assisted(");
  }

  @Test
  void factoryProduct_opaqueInjectedArgumentNotSupplied_isRefusedWhenTheInjectorIsCreated() {
    Module queries = binder -> {
      binder.bind(Connection.class).toInstance(new Connection("jdbc:h2:mem:"));
      binder.install(new FactoryModuleBuilder().build(QueryFactory.class));
    };
    String json = record(QueryReport.class, queries);
    String connection = only(AiJsonDocument.parse(json), "AssistedInjectionTest$Connection").name();

    CreationException e = assertThrows(CreationException.class,
        () -> Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)));

    assertThat(e.getCause()).isInstanceOf(AiJsonException.class);
    assertThat(((AiJsonException) e.getCause()).path()).isEqualTo("/vars/" + connection);
    assertThat(e.getCause()).hasMessageThat().startsWith(connection + " (" + Connection.class.getName()
        + ") is opaque");
    Connection served = new Connection("jdbc:h2:mem:serving");
    QueryReport report = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json).withInstance(connection, served))
        .getInstance(QueryReport.class);
    assertThat(report.query.connection).isSameInstanceAs(served);
    assertThat(report.query.sql).isEqualTo("select 1");
  }

  @Test
  void factoryOfAClassNotWrittenForIt_isReplayedOnlyWhereItsPackageIsAllowed() {
    Module clocks = binder -> binder.install(new FactoryModuleBuilder().build(ClockFactory.class));
    String json = record(Timer.class, clocks);
    String factory = only(AiJsonDocument.parse(json), "AssistedInjectionTest$ClockFactory").name();

    CreationException e = assertThrows(CreationException.class,
        () -> Guice.createInjector(ReplayModule.from(json)));

    assertThat(e.getCause()).hasMessageThat().contains(factory + " (" + ClockFactory.class.getName()
        + "): replay does not implement the factory " + ClockFactory.class.getName() + ": its package"
        + " is not allowed and the interface is not annotated @AiJson. Allow it with"
        + " ReplayModule.allowing(\"dev.aijson.guice\") or allowPackages(\"dev.aijson.guice\"), or"
        + " annotate the class with @AiJson; the document names it at " + AiJsonDocument.parse(json).var(factory).pointer() + "/caller.");
    Timer served = Guice.createInjector(ReplayModule.from(json).allowPackages("dev.aijson.guice"))
        .getInstance(Timer.class);
    assertThat(served.clock).isNotNull();
  }

  // documents that name a factory the class path does not have

  private static final String FACTORY_DOCUMENT = """
      {"aijson": 1, "vars": {
        "var0": {"kind": "factory", "module": "dev.aijson.guice", "caller": "%1$s",
                 "key": "dev.aijson.guice.%1$s"},
        "var1": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "AssistedInjectionTest$Vocabulary",
                 "key": "dev.aijson.guice.AssistedInjectionTest$Vocabulary", "scope": "singleton",
                 "signature": [], "kwargs": {}},
        "var2": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "AssistedInjectionTest$LstmEncoder",
                 "signature": ["int", "int", "dev.aijson.guice.AssistedInjectionTest$Vocabulary", "double"],
                 "kwargs": {"hidden": 128, "layers": 4, "vocabulary": "$var1", "dropout": 0.25},
                 "factory": {"key": "dev.aijson.guice.%1$s", "method": "%2$s", "assisted": [%3$s]}},
        "var3": {"kind": "constructor", "module": "dev.aijson.guice", "caller": "AssistedInjectionTest$Classifier",
                 "key": "dev.aijson.guice.AssistedInjectionTest$Classifier",
                 "signature": ["dev.aijson.guice.AssistedInjectionTest$EncoderFactory"],
                 "kwargs": {"encoders": "$var0"}}
      }}
      """;

  private static String factoryDocument(String factory, String method, String assisted) {
    return FACTORY_DOCUMENT.formatted(factory, method, assisted);
  }

  @Test
  void from_handWrittenFactoryDocument_isAcceptedAndBuilds() {
    String json = factoryDocument("AssistedInjectionTest$EncoderFactory", "create", "\"layers\", \"dropout\"");

    Classifier served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Classifier.class);

    assertThat(served.classify("ugly")).isEqualTo("lstm 128x4 p=0.25: 8");
  }

  @Test
  void from_factoryInterfaceThatDoesNotExist_isRefusedWithItsPointer() {
    String json = factoryDocument("AssistedInjectionTest$GoneFactory", "create", "\"layers\", \"dropout\"");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.problems().stream().map(AiJsonException.Problem::path).toList())
        .containsAtLeast("/vars/var0/caller", "/vars/var2/factory/key");
    assertThat(e).hasMessageThat().contains("var2 (dev.aijson.guice.AssistedInjectionTest$LstmEncoder):"
        + " the type of key \"dev.aijson.guice.AssistedInjectionTest$GoneFactory\" cannot be loaded");
    assertThat(e).hasMessageThat().contains("Put the jar of the factory on the classpath, or fix the key at"
        + " /vars/var2/factory/key.");
  }

  @Test
  void from_factoryMethodThatDoesNotExist_isRefusedWithItsPointer() {
    String json = factoryDocument("AssistedInjectionTest$EncoderFactory", "build", "\"layers\", \"dropout\"");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.path()).isEqualTo("/vars/var2/factory/method");
    assertThat(e).hasMessageThat().isEqualTo("var2 (dev.aijson.guice.AssistedInjectionTest$LstmEncoder):"
        + " the factory dev.aijson.guice.AssistedInjectionTest$EncoderFactory has no abstract method"
        + " build(int, double), the types of the assisted kwargs [layers, dropout]; it has"
        + " create(int, double). Fix factory.method or factory.assisted at /vars/var2/factory, or"
        + " replay with the version of the factory that was recorded.");
  }

  @Test
  void from_assistedKwargsInAnotherOrderThanTheMethod_isRefusedWithItsPointer() {
    // create(int, double) again, but "hidden" is no @Assisted parameter
    String json = factoryDocument("AssistedInjectionTest$EncoderFactory", "create", "\"hidden\", \"dropout\"");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.problems().stream().map(AiJsonException.Problem::path).toList())
        .containsExactly("/vars/var2/factory/assisted", "/vars/var2/factory/assisted");
    assertThat(e).hasMessageThat().contains("kwarg \"hidden\" is listed as assisted, but parameter 1 of"
        + " the constructor is not annotated @Assisted, so Guice injects it.");
    assertThat(e).hasMessageThat().contains("kwarg \"layers\" is parameter 2 of the constructor, which is"
        + " annotated @Assisted, but factory.assisted does not list it.");
  }

  @Test
  void from_factoryNotAnInterface_isRefusedWithItsPointer() {
    String json = factoryDocument("AssistedInjectionTest$Vocabulary", "create", "\"layers\", \"dropout\"");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.problems().stream().map(AiJsonException.Problem::path).toList())
        .containsExactly("/vars/var0/caller", "/vars/var2/factory/key");
    assertThat(e).hasMessageThat().contains("var0 (dev.aijson.guice.AssistedInjectionTest$Vocabulary):"
        + " dev.aijson.guice.AssistedInjectionTest$Vocabulary is not an interface, so it is not an"
        + " assisted-inject factory, which replay implements.");
  }

  // without guice-assistedinject

  /** Records and replays a small graph; loaded where guice-assistedinject is not on the class path. */
  public static final class WithoutAssistedInject {
    static class Component {
      final Vocabulary vocabulary;

      @Inject
      Component(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
      }
    }

    public static String recordAndReplay() {
      Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment());
      injector.getInstance(Component.class);
      String json = injector.getInstance(AiJsonLog.class).toJson();
      Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(), ReplayModule.allowing("dev.aijson.guice").from(json));
      serving.getInstance(Component.class);
      return serving.getInstance(AiJsonLog.class).toJson().equals(json) ? json : "differs: " + json;
    }
  }

  @Test
  void withoutAssistedInjectOnTheClassPath_recordingAndReplay_work() throws Exception {
    Set<URL> path = new LinkedHashSet<>();
    for (String name : List.of("dev.aijson.guice.AiJsonModule", "dev.aijson.core.AiJsonDocument",
        "dev.aijson.guice.AssistedInjectionTest", "com.google.inject.Guice",
        "com.google.common.collect.ImmutableList",
        "com.google.common.util.concurrent.internal.InternalFutureFailureAccess",
        "org.aopalliance.intercept.MethodInterceptor", "javax.inject.Inject", "jakarta.inject.Inject",
        "com.fasterxml.jackson.core.JsonFactory", "com.fasterxml.jackson.databind.ObjectMapper",
        "com.fasterxml.jackson.annotation.JsonProperty")) {
      try {
        path.add(Class.forName(name).getProtectionDomain().getCodeSource().getLocation());
      } catch (ClassNotFoundException e) {
        // not a dependency of this build
      }
    }
    URL assisted = FactoryModuleBuilder.class.getProtectionDomain().getCodeSource().getLocation();
    assertThat(path).doesNotContain(assisted);

    try (URLClassLoader loader = new URLClassLoader(path.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class,
          () -> Class.forName(FactoryModuleBuilder.class.getName(), false, loader));
      Method run = loader.loadClass(WithoutAssistedInject.class.getName()).getMethod("recordAndReplay");
      String json = (String) run.invoke(null);

      assertThat(json).contains("\"caller\": \"AssistedInjectionTest$WithoutAssistedInject$Component\"");
      assertThat(json).doesNotContain("differs");
    }
  }
}
