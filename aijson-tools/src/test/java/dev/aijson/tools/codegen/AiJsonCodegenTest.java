package dev.aijson.tools.codegen;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.recording.Entry;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.testing.JavaCompilation;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java codegen: the generated module compiles, and the injector it makes builds the same classes
 * with the same arguments and sharing as the recorded one, behaving the same.
 */
public class AiJsonCodegenTest {
  /** The tokenizer interface serving asks for. */
  public interface Tokenizer {
    /** Splits text into at most vocabSize tokens. */
    List<String> tokenize(String text);
  }

  /** A tokenizer bound as a singleton through a linked binding. */
  public static class SubwordTokenizer implements Tokenizer {
    public final String corpus;
    public final int vocabSize;

    @Inject
    public SubwordTokenizer(@Named("corpus") String corpus, @Named("vocab") int vocabSize) {
      this.corpus = corpus;
      this.vocabSize = vocabSize;
    }

    @Override
    public List<String> tokenize(String text) {
      List<String> tokens = List.of(text.split(" "));
      return tokens.subList(0, Math.min(vocabSize, tokens.size()));
    }
  }

  /** How a layer computes. */
  public enum Mode { FAST, EXACT }

  /** A record bound as an instance: written inline as JSON. */
  public record Config(int depth, double rate, Mode mode, List<String> tags) {}

  /** A layer made by a @Provides method. */
  public interface Layer {
    /** Returns the index of the output for an input size. */
    int score(int size);
  }

  /** The layer implementation the module makes. */
  public static class Dense implements Layer {
    public final int inputs;
    public final Config config;

    public Dense(int inputs, Config config) {
      this.inputs = inputs;
      this.config = config;
    }

    @Override
    public int score(int size) {
      return (size * config.depth() + inputs) % 3;
    }
  }

  /** A clock: bound as an instance that is not a JSON value, so it is opaque. */
  public static class Clock {
    public long now() {
      return 42;
    }
  }

  /** The pipeline, with every kind of argument and two injected members. */
  public static class Pipeline {
    public final Tokenizer tokenizer;
    public final Layer layer;
    public final List<String> labels;
    public final Map<String, Long> weights;
    public final Provider<Tokenizer> tokenizers;
    public final Clock clock;
    @Inject @Named("window") public int window;
    public long seed;

    @Inject
    public Pipeline(Tokenizer tokenizer, @Named("main") Layer layer,
        @Named("labels") List<String> labels, @Named("weights") Map<String, Long> weights,
        Provider<Tokenizer> tokenizers, Clock clock) {
      this.tokenizer = tokenizer;
      this.layer = layer;
      this.labels = labels;
      this.weights = weights;
      this.tokenizers = tokenizers;
      this.clock = clock;
    }

    @Inject
    public void setSeed(@Named("seed") long seed) {
      this.seed = seed;
    }

    public String classify(String text) {
      return labels.get(layer.score(tokenizer.tokenize(text).size()));
    }
  }

  /** A trained model: the result of an @AiJson call that a scorer then receives. */
  public static class Model {
    public final Pipeline pipeline;
    public final int epochs;

    public Model(Pipeline pipeline, int epochs) {
      this.pipeline = pipeline;
      this.epochs = epochs;
    }
  }

  /** A trainer whose fit is logged. */
  public static class Trainer {
    @Inject
    public Trainer() {}

    @AiJson
    public Model fit(Pipeline pipeline, int epochs) {
      return new Model(pipeline, epochs);
    }
  }

  /** Receives the trained model. */
  public static class Scorer {
    public final Model model;

    @Inject
    public Scorer(Model model) {
      this.model = model;
    }
  }

  /** The training wiring. */
  public static class TrainingModule extends AbstractModule {
    static final Clock CLOCK = new Clock();

    @Override
    protected void configure() {
      bind(Tokenizer.class).to(SubwordTokenizer.class).in(Singleton.class);
      bindConstant().annotatedWith(Names.named("corpus")).to("corpus \"v2\".txt");
      bindConstant().annotatedWith(Names.named("vocab")).to(3);
      bindConstant().annotatedWith(Names.named("window")).to(5);
      bindConstant().annotatedWith(Names.named("seed")).to(7L);
      bind(new com.google.inject.TypeLiteral<List<String>>() {})
          .annotatedWith(Names.named("labels")).toInstance(List.of("pos", "neg", "neutral"));
      Map<String, Long> weights = new LinkedHashMap<>();
      weights.put("pos", 2L);
      weights.put("neg", 1L);
      bind(new com.google.inject.TypeLiteral<Map<String, Long>>() {})
          .annotatedWith(Names.named("weights")).toInstance(weights);
      bind(Config.class).toInstance(new Config(2, 0.5, Mode.EXACT, List.of("a", "b")));
      bind(Clock.class).toInstance(CLOCK);
    }

    @Provides
    @Named("main")
    public Layer layer(@Named("vocab") int inputs, Config config) {
      return new Dense(inputs, config);
    }

    @Provides
    @Singleton
    public Model model(Trainer trainer, Pipeline pipeline) {
      return trainer.fit(pipeline, 3);
    }
  }

  private static AiJsonDocument document;
  private static Injector training;
  private static Class<?> generated;

  @TempDir static Path folder;

  @BeforeAll
  static void recordAndCompile() throws Exception {
    training = Guice.createInjector(new AiJsonModule(), new TrainingModule());
    training.getInstance(Pipeline.class);
    training.getInstance(Scorer.class);
    document = training.getInstance(AiJsonLog.class).document();
    String source = AiJsonCodegen.toJava(document, "dev.aijson.generated", "TrainingWiring");
    generated = compile(source, "dev.aijson.generated.TrainingWiring");
  }

  private static Injector generatedInjector(Clock clock) throws Exception {
    return Guice.createInjector((Module) generated.getConstructor(Clock.class).newInstance(clock));
  }

  @Test
  void generatedModule_buildsTheSameClassesWithTheSameArguments() throws Exception {
    Pipeline original = training.getInstance(Pipeline.class);
    Pipeline rebuilt = generatedInjector(TrainingModule.CLOCK).getInstance(Pipeline.class);

    assertThat(rebuilt.tokenizer).isInstanceOf(SubwordTokenizer.class);
    assertThat(((SubwordTokenizer) rebuilt.tokenizer).corpus).isEqualTo("corpus \"v2\".txt");
    assertThat(((SubwordTokenizer) rebuilt.tokenizer).vocabSize).isEqualTo(3);
    assertThat(rebuilt.layer).isInstanceOf(Dense.class);
    assertThat(((Dense) rebuilt.layer).inputs).isEqualTo(3);
    assertThat(((Dense) rebuilt.layer).config).isEqualTo(((Dense) original.layer).config);
    assertThat(rebuilt.labels).containsExactly("pos", "neg", "neutral").inOrder();
    assertThat(rebuilt.weights).containsExactly("pos", 2L, "neg", 1L).inOrder();
    assertThat(rebuilt.window).isEqualTo(5);
    assertThat(rebuilt.seed).isEqualTo(7L);
    assertThat(rebuilt.clock).isSameInstanceAs(TrainingModule.CLOCK);
  }

  @Test
  void generatedModule_keepsSharing_singletonsSharedUnscopedFresh() throws Exception {
    Injector injector = generatedInjector(new Clock());

    Pipeline first = injector.getInstance(Pipeline.class);
    Pipeline second = injector.getInstance(Pipeline.class);
    assertThat(second).isNotSameInstanceAs(first);
    assertThat(second.tokenizer).isSameInstanceAs(first.tokenizer);
    assertThat(injector.getInstance(Tokenizer.class)).isSameInstanceAs(first.tokenizer);
    assertThat(first.tokenizers.get()).isSameInstanceAs(first.tokenizer);
    assertThat(second.layer).isNotSameInstanceAs(first.layer);
    assertThat(injector.getInstance(Key.get(Layer.class, Names.named("main"))))
        .isInstanceOf(Dense.class);
  }

  @Test
  void generatedModule_behavesLikeTheOriginal() throws Exception {
    Pipeline original = training.getInstance(Pipeline.class);
    Pipeline rebuilt = generatedInjector(new Clock()).getInstance(Pipeline.class);

    for (String text : List.of("a", "a b", "a b c d e", "")) {
      assertThat(rebuilt.classify(text)).isEqualTo(original.classify(text));
    }
  }

  @Test
  void generatedModule_usedCall_isRunOnItsReceiver() throws Exception {
    Scorer scorer = generatedInjector(new Clock()).getInstance(Scorer.class);

    assertThat(scorer.model.epochs).isEqualTo(3);
    assertThat(scorer.model.pipeline.labels).containsExactly("pos", "neg", "neutral").inOrder();
  }

  @Test
  void toJava_pipeline_isReadableJava() {
    String source = AiJsonCodegen.toJava(document, "dev.aijson.generated", "TrainingWiring");

    assertThat(source).startsWith("package dev.aijson.generated;\n\nimport com.google.inject.AbstractModule;\n");
    assertThat(source).contains("public final class TrainingWiring extends AbstractModule {\n");
    assertThat(source).contains("  public TrainingWiring(AiJsonCodegenTest.Clock clock) {\n");
    assertThat(source).contains("""
          @Provides
          @Singleton
          AiJsonCodegenTest.Tokenizer subwordTokenizer() {
            return new AiJsonCodegenTest.SubwordTokenizer("corpus \\"v2\\".txt", 3);
          }
        """);
    assertThat(source).contains("""
          @Provides
          @Named("main")
          AiJsonCodegenTest.Layer layer5() {
            return new AiJsonCodegenTest.TrainingModule().layer(
                3,
                new AiJsonCodegenTest.Config(2, 0.5, AiJsonCodegenTest.Mode.EXACT, List.of("a", "b")));
          }
        """);
    assertThat(source).contains("""
          @Provides
          AiJsonCodegenTest.Pipeline pipeline6(
              AiJsonCodegenTest.Tokenizer subwordTokenizer,
              @Named("main") AiJsonCodegenTest.Layer layer5,
              Provider<AiJsonCodegenTest.Tokenizer> tokenizerProvider,
              AiJsonCodegenTest.Clock clock) {
            AiJsonCodegenTest.Pipeline pipeline6 = new AiJsonCodegenTest.Pipeline(
                subwordTokenizer,
                layer5,
                List.of("pos", "neg", "neutral"),
                linkedMap(Map.entry("pos", 2L), Map.entry("neg", 1L)),
                tokenizerProvider,
                clock);
            pipeline6.window = 5;
            pipeline6.setSeed(7L);
            return pipeline6;
          }
        """);
    assertThat(source).contains("""
          /** var7: calls {@code AiJsonCodegenTest.Trainer#fit} on var4; singleton. */
          @Provides
          @Singleton
          @Named("var7")
          AiJsonCodegenTest.Model fit(
              AiJsonCodegenTest.Trainer trainer,
              AiJsonCodegenTest.Pipeline pipeline6) {
            return trainer.fit(pipeline6, 3);
          }
        """);
    for (String line : source.split("\n")) {
      assertThat(line.length()).isAtMost(100);
    }
  }

  /** Every value shape, through a constructor with an overload of the same arity. */
  public static class Shapes {
    public final char letter;
    public final float ratio;
    public final short small;
    public final byte tiny;
    public final BigDecimal exact;
    public final int[] counts;
    public final Set<String> tags;
    public final SortedMap<String, Integer> ranks;
    public final Mode mode;
    public final Object nothing;

    @Inject
    public Shapes(char letter, float ratio, short small, byte tiny, BigDecimal exact, int[] counts,
        Set<String> tags, SortedMap<String, Integer> ranks, Mode mode, String nothing) {
      this.letter = letter;
      this.ratio = ratio;
      this.small = small;
      this.tiny = tiny;
      this.exact = exact;
      this.counts = counts;
      this.tags = tags;
      this.ranks = ranks;
      this.mode = mode;
      this.nothing = nothing;
    }

    public Shapes(char letter, float ratio, short small, byte tiny, BigDecimal exact, int[] counts,
        Set<String> tags, SortedMap<String, Integer> ranks, Mode mode, Integer nothing) {
      this(letter, ratio, small, tiny, exact, counts, tags, ranks, mode, "overload");
    }
  }

  @Test
  void generatedModule_everyValueShapeAndAnOverload_rebuildsTheSameValues() throws Exception {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(10);
    Set<String> tags = new LinkedHashSet<>(List.of("z", "a'\n"));
    SortedMap<String, Integer> ranks = new TreeMap<>(Map.of("b", 2, "a", 1));
    Constructor<Shapes> constructor = Shapes.class.getConstructor(char.class, float.class,
        short.class, byte.class, BigDecimal.class, int[].class, Set.class, SortedMap.class,
        Mode.class, String.class);
    Type[] types = constructor.getGenericParameterTypes();
    Object[] values = {'\'', 0.25f, (short) -3, (byte) 7, new BigDecimal("1.50"), new int[] {1, 2},
        tags, ranks, Mode.FAST, null};
    List<Arg> args = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      args.add(new Arg(constructor.getParameters()[i].getName(), types[i], values[i]));
    }
    recorder.record(Entry.constructor(Shapes.class, args, constructor.newInstance(values)));
    String source = AiJsonCodegen.toJava(recorder.snapshot(), "dev.aijson.generated", "ShapesWiring");

    Class<?> module = compile(source, "dev.aijson.generated.ShapesWiring");
    Shapes shapes = Guice.createInjector((Module) module.getConstructor().newInstance())
        .getInstance(Key.get(Shapes.class, Names.named("var0")));

    assertThat(source).contains("(String) null");
    assertThat(shapes.letter).isEqualTo('\'');
    assertThat(shapes.ratio).isEqualTo(0.25f);
    assertThat(shapes.small).isEqualTo((short) -3);
    assertThat(shapes.tiny).isEqualTo((byte) 7);
    assertThat(shapes.exact).isEqualTo(new BigDecimal("1.50"));
    assertThat(shapes.counts).asList().containsExactly(1, 2).inOrder();
    assertThat(shapes.tags).containsExactly("z", "a'\n").inOrder();
    assertThat(shapes.ranks).containsExactly("a", 1, "b", 2).inOrder();
    assertThat(shapes.mode).isEqualTo(Mode.FAST);
    assertThat(shapes.nothing).isNull();
  }

  @Test
  void toJava_callNothingUses_isACommentAndNotRun() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new TrainingModule());
    injector.getInstance(Trainer.class).fit(injector.getInstance(Pipeline.class), 1);

    String source = AiJsonCodegen.toJava(injector.getInstance(AiJsonLog.class).document(),
        "dev.aijson.generated", "FitWiring");

    assertThat(source).contains("""
          // var5: the call AiJsonCodegenTest.Trainer#fit on var0 (trainer) was recorded, but nothing in the
          // document uses its result, so it is not run here, as replay does not run it either.
        """);
    assertThat(source).doesNotContain("fit(");
  }

  @Test
  void toJava_packagePrivateClass_listsWhatTheGeneratedPackageCannotReach() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    injector.getInstance(Hidden.class);
    AiJsonDocument hidden = injector.getInstance(AiJsonLog.class).document();

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonCodegen.toJava(hidden, "dev.aijson.generated", "HiddenWiring"));

    assertThat(e).hasMessageThat().contains("var0 (dev.aijson.tools.codegen.AiJsonCodegenTest$Hidden):"
        + " dev.aijson.tools.codegen.AiJsonCodegenTest$Hidden is package-private, so the generated class"
        + " in package dev.aijson.generated cannot name it. Make it public, or generate into"
        + " package dev.aijson.tools.codegen.");
    assertThat(AiJsonCodegen.toJava(hidden, "dev.aijson.tools.codegen", "HiddenWiring"))
        .contains("return new AiJsonCodegenTest.Hidden();");
  }

  @Test
  void toJava_packagePrivateClass_reportsEachProblemOnce() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    injector.getInstance(UsesHidden.class);
    AiJsonDocument document = injector.getInstance(AiJsonLog.class).document();

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonCodegen.toJava(document, "dev.aijson.generated", "UsesHiddenWiring"));

    String hidden = "var0 (dev.aijson.tools.codegen.AiJsonCodegenTest$Hidden): ";
    String uses = "var1 (dev.aijson.tools.codegen.AiJsonCodegenTest$UsesHidden): ";
    String cannotName = " is package-private, so the generated class in package"
        + " dev.aijson.generated cannot name it. Make it public, or generate into package"
        + " dev.aijson.tools.codegen.";
    String cannotUse = " is package-private, so the generated class cannot use it. Make it"
        + " public, or generate into package dev.aijson.tools.codegen.";
    assertThat(e.problems().stream().map(AiJsonException.Problem::message).toList())
        .containsExactly(
            hidden + "dev.aijson.tools.codegen.AiJsonCodegenTest$Hidden" + cannotName,
            hidden + "the constructor of dev.aijson.tools.codegen.AiJsonCodegenTest$Hidden"
                + cannotUse,
            uses + "dev.aijson.tools.codegen.AiJsonCodegenTest$UsesHidden" + cannotName,
            uses + "the constructor of dev.aijson.tools.codegen.AiJsonCodegenTest$UsesHidden"
                + cannotUse)
        .inOrder();
    assertThat(e.path()).isEqualTo("/vars/var0/caller");
  }

  static class Hidden {
    @Inject
    Hidden() {}
  }

  /** Names the package-private class in its constructor, so its method has it as a parameter. */
  static class UsesHidden {
    @Inject
    UsesHidden(Hidden hidden) {}
  }

  public static class Wide {
    @Inject
    public Wide(List<Object> parts) {}
  }

  /** Regression (issue 13): a fan-in of 300 vars gave a method javac refuses (over 255 parameters). */
  @Test
  void toJava_fanInOf300Vars_isRefusedBeforeAnyCodeIsWritten() {
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {");
    StringBuilder parts = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      json.append("\"var").append(i).append("\": {\"kind\": \"opaque\", \"module\": \"java.util\","
          + " \"caller\": \"ArrayList\", \"key\": \"@com.google.inject.name.Named(\\\"part")
          .append(i).append("\\\") java.util.ArrayList\"},");
      parts.append(i == 0 ? "" : ", ").append("\"$var").append(i).append('"');
    }
    json.append("\"var300\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.tools.codegen\","
        + " \"caller\": \"AiJsonCodegenTest$Wide\", \"signature\": [\"java.util.List<java.lang.Object>\"],"
        + " \"kwargs\": {\"parts\": [").append(parts).append("]}}}}");
    AiJsonDocument wide = AiJsonDocument.parse(json.toString());

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonCodegen.toJava(wide, "dev.aijson.generated", "WideWiring"));

    assertThat(e).hasMessageThat().contains("var300 (dev.aijson.tools.codegen.AiJsonCodegenTest$Wide):"
        + " its generated method would take 300 parameters (the vars and providers it uses), more"
        + " than the 254 a Java method may; javac would refuse it.");
  }

  @Test
  void toJava_badNames_throwsAiJsonExceptionNamingBoth() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonCodegen.toJava(document, "dev.1bad", "class"));

    assertThat(e.problems()).hasSize(2);
    assertThat(e).hasMessageThat().contains("\"dev.1bad\" is not a Java package name.");
    assertThat(e).hasMessageThat().contains("\"class\" is not a Java class name.");
  }

  // regression: a class that does not load was to be fixed "with withClassLoader(...)", a method of
  // AiJsonReplayer that codegen does not have
  @Test
  void toJava_classThatDoesNotLoad_namesTheClassLoaderParameterAsTheFix() {
    AiJsonVar first = document.vars().get(0);
    AiJsonDocument missing = AiJsonDocument.parse(document.toJson()
        .replace("\"caller\": \"" + first.caller() + "\"", "\"caller\": \"" + first.caller() + "Gone\""));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonCodegen.toJava(missing, "com.acme", "Wiring"));

    assertThat(e).hasMessageThat().contains("cannot be loaded (ClassNotFoundException). Put the jar that holds it"
        + " on the classpath, pass its class loader to toJava(document, packageName, className, classLoader),"
        + " or fix \"module\" and \"caller\" at " + first.pointer() + ".");
    assertThat(e).hasMessageThat().doesNotContain("withClassLoader");
  }

  public interface Feature {
    String apply(String text);
  }

  public static class Lowercase implements Feature {
    @Inject
    public Lowercase() {}

    @Override
    public String apply(String text) {
      return text.toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static class Suffix implements Feature {
    final String suffix;

    @Inject
    public Suffix(@Named("suffix") String suffix) {
      this.suffix = suffix;
    }

    @Override
    public String apply(String text) {
      return text + suffix;
    }
  }

  public static class Features {
    final java.util.Set<Feature> features;
    final java.util.Map<String, Feature> byName;
    final java.util.Optional<Feature> fallback;

    @Inject
    public Features(java.util.Set<Feature> features, java.util.Map<String, Feature> byName,
        java.util.Optional<Feature> fallback) {
      this.features = features;
      this.byName = byName;
      this.fallback = fallback;
    }
  }

  @Test
  void toJava_multibindings_provideTheSameCollectionsInOrder() throws Exception {
    Injector injector = Guice.createInjector(new AiJsonModule(), binder -> {
      binder.bindConstant().annotatedWith(Names.named("suffix")).to("!");
      var set = com.google.inject.multibindings.Multibinder.newSetBinder(binder, Feature.class);
      set.addBinding().to(Suffix.class);
      set.addBinding().to(Lowercase.class);
      com.google.inject.multibindings.MapBinder.newMapBinder(binder, String.class, Feature.class)
          .addBinding("lower").to(Lowercase.class);
      com.google.inject.multibindings.OptionalBinder.newOptionalBinder(binder, Feature.class)
          .setDefault().to(Suffix.class);
    });
    injector.getInstance(Features.class);
    AiJsonDocument multibound = injector.getInstance(AiJsonLog.class).document();

    String source = AiJsonCodegen.toJava(multibound, "dev.aijson.generated", "FeatureWiring");

    assertThat(source).contains("return Collections.unmodifiableSet(new LinkedHashSet<>(");
    Features built = Guice.createInjector(
        (Module) compile(source, "dev.aijson.generated.FeatureWiring").getConstructor().newInstance())
        .getInstance(Features.class);
    assertThat(built.features.stream().map(f -> f.apply("Hi")).toList())
        .containsExactly("Hi!", "hi").inOrder();
    assertThat(built.byName.keySet()).containsExactly("lower");
    assertThat(built.fallback.map(f -> f.apply("a"))).hasValue("a!");
  }

  /** Features whose methods, and so their parameters in the map's method, are named keys, values and map. */
  public static class Clash {
    /** A feature named keys. */
    public static class Keys extends Lowercase {
      @Inject
      public Keys() {}
    }

    /** A feature named values. */
    public static class Values extends Lowercase {
      @Inject
      public Values() {}
    }

    /** A feature named map. */
    public static class Map extends Lowercase {
      @Inject
      public Map() {}
    }
  }

  /** Receives the map of features. */
  public static class ByName {
    final java.util.Map<String, Feature> features;

    @Inject
    public ByName(java.util.Map<String, Feature> features) {
      this.features = features;
    }
  }

  @Test
  void toJava_mapBinderOfClassesNamedKeysValuesMap_compilesAndProvidesTheMap() throws Exception {
    Injector injector = Guice.createInjector(new AiJsonModule(), binder -> {
      var map = com.google.inject.multibindings.MapBinder.newMapBinder(
          binder, String.class, Feature.class);
      map.addBinding("k").to(Clash.Keys.class);
      map.addBinding("v").to(Clash.Values.class);
      map.addBinding("m").to(Clash.Map.class);
    });
    injector.getInstance(ByName.class);
    AiJsonDocument mapped = injector.getInstance(AiJsonLog.class).document();

    String source = AiJsonCodegen.toJava(mapped, "dev.aijson.generated", "ByNameWiring");

    assertThat(source).contains("List<String> keys_ = List.of(\"k\", \"v\", \"m\");");
    ByName built = Guice.createInjector(
        (Module) compile(source, "dev.aijson.generated.ByNameWiring").getConstructor().newInstance())
        .getInstance(ByName.class);
    assertThat(built.features.keySet()).containsExactly("k", "v", "m").inOrder();
    assertThat(built.features.get("v")).isInstanceOf(Clash.Values.class);
  }

  /** Receives every feature bound to each name, of a map binder that permits duplicates. */
  public static class AllByName {
    final java.util.Map<String, java.util.Set<Feature>> features;

    @Inject
    public AllByName(java.util.Map<String, java.util.Set<Feature>> features) {
      this.features = features;
    }
  }

  // Regression: the generated method of a map binder's Map<K, Set<V>> built a Map<K, V>
  @Test
  void toJava_mapBinderPermittingDuplicatesAsMultimap_providesEachKeysSetInOrder() throws Exception {
    Injector injector = Guice.createInjector(new AiJsonModule(), binder -> {
      binder.bindConstant().annotatedWith(Names.named("suffix")).to("!");
      var map = com.google.inject.multibindings.MapBinder.newMapBinder(binder, String.class, Feature.class)
          .permitDuplicates();
      map.addBinding("loud").to(Suffix.class);
      map.addBinding("quiet").to(Lowercase.class);
      map.addBinding("loud").to(Lowercase.class);
    });
    injector.getInstance(AllByName.class);
    AiJsonDocument mapped = injector.getInstance(AiJsonLog.class).document();

    String source = AiJsonCodegen.toJava(mapped, "dev.aijson.generated", "AllByNameWiring");

    AllByName built = Guice.createInjector(
        (Module) compile(source, "dev.aijson.generated.AllByNameWiring").getConstructor().newInstance())
        .getInstance(AllByName.class);
    assertThat(built.features.keySet()).containsExactly("loud", "quiet").inOrder();
    assertThat(built.features.get("loud").stream().map(f -> f.apply("Hi")).toList())
        .containsExactly("Hi!", "hi").inOrder();
  }

  /** The @Named value of {@link OddlyNamed}'s tokenizer: a newline, a backslash, a quote, non-ASCII. */
  static final String ODD_NAME = "line\nbreak \\ \"q\" \u2028 \u00e9";

  /** Receives a tokenizer bound under {@link #ODD_NAME}. */
  public static class OddlyNamed {
    final Tokenizer tokenizer;

    @Inject
    public OddlyNamed(@Named(ODD_NAME) Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }
  }

  @Test
  void toJava_namedValueWithNewlineAndNonAscii_compilesAndBindsTheSameKey() throws Exception {
    Injector injector = Guice.createInjector(new AiJsonModule(), binder -> {
      binder.bindConstant().annotatedWith(Names.named("corpus")).to("c.txt");
      binder.bindConstant().annotatedWith(Names.named("vocab")).to(2);
      binder.bind(Tokenizer.class).annotatedWith(Names.named(ODD_NAME)).to(SubwordTokenizer.class);
    });
    injector.getInstance(OddlyNamed.class);
    AiJsonDocument named = injector.getInstance(AiJsonLog.class).document();

    String source = AiJsonCodegen.toJava(named, "dev.aijson.generated", "OddlyNamedWiring");

    assertThat(source).contains("@Named(\"line\\nbreak \\\\ \\\"q\\\" \\u2028 \\u00e9\")\n  AiJsonCodegenTest.Tokenizer subwordTokenizer() {");
    Injector generated = Guice.createInjector(
        (Module) compile(source, "dev.aijson.generated.OddlyNamedWiring").getConstructor().newInstance());
    assertThat(generated.getInstance(Key.get(Tokenizer.class, Names.named(ODD_NAME))))
        .isInstanceOf(SubwordTokenizer.class);
    assertThat(generated.getInstance(OddlyNamed.class).tokenizer).isInstanceOf(SubwordTokenizer.class);
  }

  /** A plugin registry that receives Guice's own injector and logger. */
  public static class Registry {
    final Injector injector;
    final java.util.logging.Logger logger;

    @Inject
    public Registry(Injector injector, java.util.logging.Logger logger) {
      this.injector = injector;
      this.logger = logger;
    }
  }

  @Test
  void toJava_injectorAndLoggerFromGuice_takesGuicesOwnInsteadOfBindingThem() throws Exception {
    Injector injector = Guice.createInjector(new AiJsonModule());
    injector.getInstance(Registry.class);
    AiJsonDocument supplied = injector.getInstance(AiJsonLog.class).document();

    String source = AiJsonCodegen.toJava(supplied, "dev.aijson.generated", "RegistryWiring");

    assertThat(source).contains("  AiJsonCodegenTest.Registry registry(Injector injector) {\n"
        + "    return new AiJsonCodegenTest.Registry(\n"
        + "        injector,\n"
        + "        Logger.getLogger(\"dev.aijson.tools.codegen.AiJsonCodegenTest$Registry\"));\n");
    assertThat(source).doesNotContain("@Provides\n  Injector");
    Injector generated = Guice.createInjector(
        (Module) compile(source, "dev.aijson.generated.RegistryWiring").getConstructor().newInstance());
    Registry registry = generated.getInstance(Registry.class);
    assertThat(registry.injector).isSameInstanceAs(generated);
    assertThat(registry.logger.getName()).isEqualTo(Registry.class.getName());
  }

  @Test
  void toJava_assistedFactory_isRefusedNamingTheFactoryAndWhatItMade() {
    AiJsonDocument assisted = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "factory", "module": "com.acme", "caller": "EncoderFactory",
                   "key": "com.acme.EncoderFactory"},
          "var1": {"kind": "constructor", "module": "com.acme", "caller": "LstmEncoder",
                   "signature": ["int"], "kwargs": {"layers": 4},
                   "factory": {"key": "com.acme.EncoderFactory", "method": "create", "assisted": ["layers"]}}
        }}
        """);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonCodegen.toJava(assisted, "dev.aijson.generated", "EncoderWiring"));

    assertThat(e.problems().stream().map(AiJsonException.Problem::path).toList())
        .containsExactly("/vars/var0", "/vars/var1/factory").inOrder();
    assertThat(e.problems().get(0).message()).isEqualTo("var0 (com.acme.EncoderFactory) is an"
        + " assisted-inject factory (com.acme.EncoderFactory), which code generation does not write"
        + " yet. Replay the document with ReplayModule, which implements the factory from the"
        + " objects it made.");
    assertThat(e.problems().get(1).message()).isEqualTo("var1 (com.acme.LstmEncoder) was made by the"
        + " factory method com.acme.EncoderFactory#create, which code generation does not write yet."
        + " Replay the document with ReplayModule, which implements the factory from the objects it"
        + " made.");
  }

  /** Configuration a module takes in its constructor. */
  public record NetConfig(int hidden, String optimizer) {}

  /** What the configured module's method makes. */
  public static final class Net {
    public final int hidden;
    public final String optimizer;
    public final Schedule schedule;

    public Net(int hidden, String optimizer, Schedule schedule) {
      this.hidden = hidden;
      this.optimizer = optimizer;
      this.schedule = schedule;
    }
  }

  /** A configuration bean: getters and setters. */
  public static final class Schedule {
    private int warmup;
    private List<String> phases = List.of();

    public int getWarmup() {
      return warmup;
    }

    public void setWarmup(int warmup) {
      this.warmup = warmup;
    }

    public List<String> getPhases() {
      return phases;
    }

    public void setPhases(List<String> phases) {
      this.phases = phases;
    }
  }

  /** A module with its configuration in its constructor, read by its @Provides method. */
  public static final class NetModule extends AbstractModule {
    private final NetConfig config;

    public NetModule(NetConfig config) {
      this.config = config;
    }

    @Provides
    public Net net(Schedule schedule) {
      return new Net(config.hidden(), config.optimizer(), schedule);
    }
  }

  @Test
  void toJava_moduleStateAndBean_rebuildTheSameValues() throws Exception {
    Schedule schedule = new Schedule();
    schedule.setWarmup(100);
    schedule.setPhases(List.of("warm", "decay"));
    Injector injector = Guice.createInjector(new AiJsonModule(), new NetModule(new NetConfig(256, "adam")),
        binder -> binder.bind(Schedule.class).toInstance(schedule));
    injector.getInstance(Net.class);
    AiJsonDocument configured = injector.getInstance(AiJsonLog.class).document();

    String source = AiJsonCodegen.toJava(configured, "dev.aijson.generated", "NetWiring");

    assertThat(source).contains("return new AiJsonCodegenTest.NetModule(new AiJsonCodegenTest.NetConfig(256,"
        + " \"adam\"));");
    assertThat(source).contains("return netModule.net(");
    assertThat(source).contains("bean.setWarmup(100);");
    Net built = Guice.createInjector(
        (Module) compile(source, "dev.aijson.generated.NetWiring").getConstructor().newInstance())
        .getInstance(Net.class);
    assertThat(built.hidden).isEqualTo(256);
    assertThat(built.optimizer).isEqualTo("adam");
    assertThat(built.schedule.getWarmup()).isEqualTo(100);
    assertThat(built.schedule.getPhases()).containsExactly("warm", "decay").inOrder();
  }

  @Test
  void toJava_nullClassLoader_isAProgrammingError() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> AiJsonCodegen.toJava(document, "dev.aijson.generated", "Wiring", null));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonCodegen.toJava: classLoader is null. Pass the"
        + " class loader of the document's classes, or use toJava(document, packageName,"
        + " className).");
  }

  /** Compiles {@code source} as strictly as a user's build may, and loads {@code className}. */
  private static Class<?> compile(String source, String className) throws IOException, ClassNotFoundException {
    return JavaCompilation.in(folder, AiJsonCodegenTest.class.getClassLoader())
        .compileAndLoad(source, className, "-Xlint:all", "-Xlint:-processing", "-Werror");
  }
}
