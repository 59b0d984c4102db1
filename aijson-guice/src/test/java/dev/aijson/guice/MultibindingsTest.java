package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.only;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.ProvidesIntoOptional;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.multibindings.StringMapKey;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import com.google.inject.util.Modules;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guice's multibindings: each element is a var with its own arguments, the collection is a
 * {@code multibinding} var that lists them (and a map's keys) in order, and replay binds the same
 * collections through Guice's own binders.
 */
class MultibindingsTest {
  /** A feature extractor: a step of a text pipeline. */
  interface Feature {
    String apply(String text);
  }

  static class Lowercase implements Feature {
    @Inject
    Lowercase() {}

    @Override
    public String apply(String text) {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  static class Truncate implements Feature {
    final int length;

    @Inject
    Truncate(@Named("length") int length) {
      this.length = length;
    }

    @Override
    public String apply(String text) {
      return text.substring(0, Math.min(length, text.length()));
    }
  }

  static class Suffix implements Feature {
    final String suffix;

    Suffix(String suffix) {
      this.suffix = suffix;
    }

    @Override
    public String apply(String text) {
      return text + suffix;
    }
  }

  /** Runs every feature extractor, in the order the set gives them. */
  static class FeaturePipeline {
    final Set<Feature> features;

    @Inject
    FeaturePipeline(Set<Feature> features) {
      this.features = features;
    }

    String run(String text) {
      for (Feature feature : features) {
        text = feature.apply(text);
      }
      return text;
    }
  }

  interface Normalizer {
    String normalize(String text);
  }

  static class TrimNormalizer implements Normalizer {
    @Inject
    TrimNormalizer() {}

    @Override
    public String normalize(String text) {
      return text.strip();
    }
  }

  /** Looks features up by name, and normalizes first if a normalizer is bound. */
  static class Registry {
    final Map<String, Feature> features;
    final Optional<Normalizer> normalizer;
    final Set<String> stopWords;

    @Inject
    Registry(Map<String, Feature> features, Optional<Normalizer> normalizer,
        @Named("stop") Set<String> stopWords) {
      this.features = features;
      this.normalizer = normalizer;
      this.stopWords = stopWords;
    }

    String run(String name, String text) {
      String normalized = normalizer.map(n -> n.normalize(text)).orElse(text);
      return stopWords.contains(normalized) ? "" : features.get(name).apply(normalized);
    }
  }

  static final class FeatureModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("length")).to(4);
      Multibinder<Feature> features = Multibinder.newSetBinder(binder(), Feature.class);
      features.addBinding().to(Lowercase.class);
      features.addBinding().to(Truncate.class);
    }
  }

  static final class RegistryModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("length")).to(2);
      MapBinder<String, Feature> registry = MapBinder.newMapBinder(binder(), String.class, Feature.class);
      registry.addBinding("lower").to(Lowercase.class);
      registry.addBinding("short").to(Truncate.class).in(Singleton.class);
      OptionalBinder.newOptionalBinder(binder(), Normalizer.class).setDefault().to(TrimNormalizer.class);
      Multibinder<String> stop = Multibinder.newSetBinder(binder(), String.class, Names.named("stop"));
      stop.addBinding().toInstance("the");
      stop.addBinding().toInstance("a");
    }
  }

  /** The same wiring through {@code @ProvidesInto...} methods. */
  static final class ProvidesIntoModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("length")).to(3);
      Multibinder.newSetBinder(binder(), String.class, Names.named("stop"));
    }

    @ProvidesIntoSet
    Feature suffix(@Named("length") int length) {
      return new Suffix("!".repeat(length));
    }

    @ProvidesIntoSet
    Feature lowercase() {
      return new Lowercase();
    }

    @ProvidesIntoMap
    @StringMapKey("exclaim")
    Feature exclaim() {
      return new Suffix("!");
    }

    @ProvidesIntoOptional(ProvidesIntoOptional.Type.DEFAULT)
    Normalizer normalizer() {
      return new TrimNormalizer();
    }
  }

  /** A vocabulary, loaded once: the pipeline runs it, and taggers look it up by name. */
  @Singleton
  static class Vocabulary implements Feature {
    final int size;

    @Inject
    Vocabulary(@Named("length") int size) {
      this.size = size;
    }

    @Override
    public String apply(String text) {
      return text;
    }
  }

  /** Reads the features as the pipeline's set, by name, and as the fallback. */
  static class Tagger {
    final Set<Feature> features;
    final Map<String, Feature> byName;
    final Optional<Feature> fallback;

    @Inject
    Tagger(Set<Feature> features, Map<String, Feature> byName, Optional<Feature> fallback) {
      this.features = features;
      this.byName = byName;
      this.fallback = fallback;
    }

    Feature vocabularyInSet() {
      return features.stream().filter(Vocabulary.class::isInstance).findFirst().orElseThrow();
    }
  }

  /** A tagger that also takes the vocabulary itself. */
  static class VocabularyTagger {
    final Tagger tagger;
    final Vocabulary vocabulary;

    @Inject
    VocabularyTagger(Tagger tagger, Vocabulary vocabulary) {
      this.tagger = tagger;
      this.vocabulary = vocabulary;
    }
  }

  /** A tagger that takes the vocabulary before the collections that hold it. */
  static class VocabularyFirstTagger {
    final Vocabulary vocabulary;
    final Tagger tagger;

    @Inject
    VocabularyFirstTagger(Vocabulary vocabulary, Tagger tagger) {
      this.vocabulary = vocabulary;
      this.tagger = tagger;
    }
  }

  /** One singleton vocabulary, an element of a set, a map and an optional. */
  static final class SharedVocabularyModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("length")).to(30_000);
      Multibinder<Feature> features = Multibinder.newSetBinder(binder(), Feature.class);
      features.addBinding().to(Lowercase.class);
      features.addBinding().to(Vocabulary.class);
      MapBinder<String, Feature> byName = MapBinder.newMapBinder(binder(), String.class, Feature.class);
      byName.addBinding("vocab").to(Vocabulary.class);
      byName.addBinding("lower").to(Lowercase.class);
      OptionalBinder.newOptionalBinder(binder(), Feature.class).setDefault().to(Vocabulary.class);
    }
  }

  private static Injector recordingInjector(Module... modules) {
    List<Module> all = new ArrayList<>(List.of(modules));
    all.add(0, new AiJsonModule().withoutEnvironment());
    return Guice.createInjector(all);
  }

  private static String recordPipeline(Module module) {
    Injector injector = recordingInjector(module);
    injector.getInstance(FeaturePipeline.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static String record(Class<?> root, Stage stage, Module... modules) {
    List<Module> all = new ArrayList<>(List.of(modules));
    all.add(0, new AiJsonModule().withoutEnvironment());
    Injector injector = Guice.createInjector(stage, all);
    injector.getInstance(root);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static String recordRegistry(Module module) {
    Injector injector = recordingInjector(module);
    injector.getInstance(Registry.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void multibinder_elements_areVarsWithTheirArgumentsListedInOrder() {
    AiJsonDocument document = AiJsonDocument.parse(recordPipeline(new FeatureModule()));

    AiJsonVar lowercase = only(document, "MultibindingsTest$Lowercase");
    AiJsonVar truncate = only(document, "MultibindingsTest$Truncate");
    assertThat(truncate.kwargs()).containsExactly("length", 4L);
    AiJsonVar set = only(document, "Multibinder");
    assertThat(set.kind()).isEqualTo(AiJsonVar.Kind.MULTIBINDING);
    assertThat(set.module()).isEqualTo("com.google.inject.multibindings");
    assertThat(set.key()).isEqualTo("java.util.Set<" + Feature.class.getName() + ">");
    assertThat(set.signature()).containsExactly(Feature.class.getName());
    assertThat(set.kwargs()).containsExactly("elements",
        List.of(AiJsonRef.to(lowercase.name()), AiJsonRef.to(truncate.name())));
    assertThat(only(document, "MultibindingsTest$FeaturePipeline").kwargs())
        .containsExactly("features", AiJsonRef.to(set.name()));
  }

  @Test
  void multibindings_document_neverNamesGuicesInternalKeys() {
    String json = recordRegistry(new RegistryModule()) + recordPipeline(new FeatureModule())
        + recordRegistry(new ProvidesIntoModule()) + recordPipeline(new ProvidesIntoModule());

    assertThat(json).doesNotContain("com.google.inject.internal");
    assertThat(json).doesNotContain("Element");
    assertThat(json).doesNotContain("uniqueId");
  }

  @Test
  void multibinder_replayFromTheDocumentAlone_runsTheSameFeaturesInOrder() {
    String json = recordPipeline(new FeatureModule());
    FeaturePipeline trained = Guice.createInjector(new FeatureModule()).getInstance(FeaturePipeline.class);

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    FeaturePipeline served = serving.getInstance(FeaturePipeline.class);
    assertThat(served.run("Tokenizers")).isEqualTo("toke");
    assertThat(served.run("Tokenizers")).isEqualTo(trained.run("Tokenizers"));
    assertThat(serving.getInstance(Key.get(new TypeLiteral<Set<Feature>>() {})).stream()
        .map(f -> f.getClass().getSimpleName()).toList())
        .containsExactly("Lowercase", "Truncate").inOrder();
  }

  @Test
  void multibinder_recordingTheReplay_givesTheSameDocument() {
    String json = recordPipeline(new FeatureModule());

    assertThat(recordPipeline(ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void multibinder_twoRecordings_areByteIdentical() {
    assertThat(recordPipeline(new FeatureModule())).isEqualTo(recordPipeline(new FeatureModule()));
  }

  @Test
  void mapBinderAndOptionalBinder_keysValuesAndDefault_areRecorded() {
    AiJsonDocument document = AiJsonDocument.parse(recordRegistry(new RegistryModule()));

    AiJsonVar map = only(document, "MapBinder");
    assertThat(map.key()).isEqualTo("java.util.Map<java.lang.String, " + Feature.class.getName() + ">");
    assertThat(map.signature()).containsExactly("java.lang.String", Feature.class.getName()).inOrder();
    assertThat(map.kwargs().get("keys")).isEqualTo(List.of("lower", "short"));
    AiJsonVar truncate = only(document, "MultibindingsTest$Truncate");
    assertThat(truncate.kwargs()).containsExactly("length", 2L);
    assertThat(truncate.singleton()).isTrue();
    assertThat(map.kwargs().get("values")).isEqualTo(List.of(
        AiJsonRef.to(only(document, "MultibindingsTest$Lowercase").name()), AiJsonRef.to(truncate.name())));
    AiJsonVar optional = only(document, "OptionalBinder");
    assertThat(optional.key()).isEqualTo("java.util.Optional<" + Normalizer.class.getName() + ">");
    assertThat(optional.kwargs()).containsExactly("value",
        AiJsonRef.to(only(document, "MultibindingsTest$TrimNormalizer").name()));
    AiJsonVar stop = only(document, "Multibinder");
    assertThat(stop.key()).isEqualTo("@com.google.inject.name.Named(\"stop\") java.util.Set<java.lang.String>");
    assertThat(stop.kwargs()).containsExactly("elements", List.of("the", "a"));
  }

  @Test
  void mapBinderAndOptionalBinder_replay_injectTheSameEntriesAndDefault() {
    String json = recordRegistry(new RegistryModule());
    Registry trained = Guice.createInjector(new RegistryModule()).getInstance(Registry.class);

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    Registry served = serving.getInstance(Registry.class);
    assertThat(served.features.keySet()).containsExactly("lower", "short").inOrder();
    assertThat(served.run("short", "  Hello ")).isEqualTo(trained.run("short", "  Hello "));
    assertThat(served.run("lower", " the ")).isEqualTo("");
    assertThat(served.normalizer).isPresent();
    assertThat(served.stopWords).containsExactly("the", "a").inOrder();
    assertThat(serving.getInstance(Key.get(new TypeLiteral<Map<String, Feature>>() {})).get("short"))
        .isSameInstanceAs(served.features.get("short"));
  }

  @Test
  void mapBinderAndOptionalBinder_recordingTheReplay_givesTheSameDocument() {
    String json = recordRegistry(new RegistryModule());

    assertThat(recordRegistry(ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void optionalBinder_withoutBinding_isRecordedEmptyAndReplayedEmpty() {
    Module empty = binder -> {
      binder.bindConstant().annotatedWith(Names.named("length")).to(1);
      MapBinder.newMapBinder(binder, String.class, Feature.class);
      OptionalBinder.newOptionalBinder(binder, Normalizer.class);
      Multibinder.newSetBinder(binder, String.class, Names.named("stop"));
    };
    String json = recordRegistry(empty);

    AiJsonVar optional = only(AiJsonDocument.parse(json), "OptionalBinder");
    assertThat(optional.kwargs()).containsExactly("value", null);
    Registry served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Registry.class);
    assertThat(served.normalizer).isEmpty();
    assertThat(served.features).isEmpty();
    assertThat(recordRegistry(ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void providesInto_methods_areProvidesVarsListedByTheirCollection() {
    AiJsonDocument document = AiJsonDocument.parse(recordPipeline(new ProvidesIntoModule()));

    AiJsonVar suffix = only(document, "MultibindingsTest$ProvidesIntoModule#suffix");
    assertThat(suffix.kind()).isEqualTo(AiJsonVar.Kind.PROVIDES);
    assertThat(suffix.key()).isNull();
    assertThat(suffix.kwargs()).containsExactly("length", 3L);
    AiJsonVar lowercase = only(document, "MultibindingsTest$ProvidesIntoModule#lowercase");
    AiJsonVar set = only(document, "Multibinder");
    // in the order Guice gives the methods' elements
    List<String> order = Guice.createInjector(new ProvidesIntoModule())
        .getInstance(FeaturePipeline.class).features.stream()
        .map(f -> f instanceof Suffix ? suffix.name() : lowercase.name()).toList();
    assertThat(set.kwargs()).containsExactly("elements", order.stream().map(AiJsonRef::to).toList());
  }

  @Test
  void providesInto_replayAndRecordAgain_behaveAndRecordTheSame() {
    String pipeline = recordPipeline(new ProvidesIntoModule());
    String registry = recordRegistry(new ProvidesIntoModule());

    assertThat(Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(pipeline)).getInstance(FeaturePipeline.class)
        .run("Hi")).isEqualTo(Guice.createInjector(new ProvidesIntoModule())
            .getInstance(FeaturePipeline.class).run("Hi"));
    Registry served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(registry)).getInstance(Registry.class);
    assertThat(served.run("exclaim", " wow ")).isEqualTo("wow!");
    assertThat(recordPipeline(ReplayModule.allowing("dev.aijson.guice").from(pipeline))).isEqualTo(pipeline);
    assertThat(recordRegistry(ReplayModule.allowing("dev.aijson.guice").from(registry))).isEqualTo(registry);
  }

  /** Regression: the package matcher asked Guice for the elements before the injector existed. */
  @Test
  void onlyPackages_multibindingsInTheInjector_createAndRecordAsWithoutTheRestriction() {
    Injector injector = Guice.createInjector(
        new AiJsonModule().withoutEnvironment().onlyPackages("dev.aijson.guice"), new FeatureModule(),
        binder -> OptionalBinder.newOptionalBinder(binder, Normalizer.class));
    injector.getInstance(FeaturePipeline.class);

    assertThat(injector.getInstance(AiJsonLog.class).toJson()).isEqualTo(recordPipeline(new FeatureModule()));
  }

  @Test
  void multibinder_productionStage_recordsTheSameDocument() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new AiJsonModule().withoutEnvironment(),
        new FeatureModule());
    injector.getInstance(FeaturePipeline.class);

    assertThat(injector.getInstance(AiJsonLog.class).toJson()).isEqualTo(recordPipeline(new FeatureModule()));
  }

  @Test
  void singletonElementOfSetMapAndOptional_isOneSingletonVarTheirVarsReference() {
    AiJsonDocument document = AiJsonDocument.parse(record(Tagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule()));

    AiJsonVar vocabulary = only(document, "MultibindingsTest$Vocabulary");
    assertThat(vocabulary.singleton()).isTrue();
    assertThat(vocabulary.key()).isNull();
    AiJsonRef ref = AiJsonRef.to(vocabulary.name());
    assertThat((List<?>) only(document, "Multibinder").kwargs().get("elements")).contains(ref);
    assertThat((List<?>) only(document, "MapBinder").kwargs().get("values")).contains(ref);
    assertThat(only(document, "OptionalBinder").kwargs()).containsExactly("value", ref);
  }

  /** Regression: replay made one Vocabulary for each collection that held it. */
  @Test
  void singletonElementOfSetMapAndOptional_replay_isOneObject() {
    String json = record(Tagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());

    Tagger served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Tagger.class);
    assertThat(served.byName.get("vocab")).isSameInstanceAs(served.vocabularyInSet());
    assertThat(served.fallback.orElseThrow()).isSameInstanceAs(served.vocabularyInSet());
    assertThat(((Vocabulary) served.vocabularyInSet()).size).isEqualTo(30_000);
  }

  @Test
  void singletonElementOfSetMapAndOptional_replayRequestedAgain_isTheSameObject() {
    String json = record(Tagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));

    Tagger first = serving.getInstance(Tagger.class);
    Tagger second = serving.getInstance(Tagger.class);
    assertThat(second).isNotSameInstanceAs(first);
    assertThat(second.vocabularyInSet()).isSameInstanceAs(first.vocabularyInSet());
    assertThat(second.byName.get("lower")).isNotSameInstanceAs(first.byName.get("lower"));
  }

  @Test
  void singletonElementOfSetMapAndOptional_firstRequestsOnManyThreads_getOneObject() throws Exception {
    String json = record(Tagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Tagger>> taggers = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        taggers.add(pool.submit(() -> {
          start.await();
          return serving.getInstance(Tagger.class);
        }));
      }
      start.countDown();
      Set<Object> vocabularies = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (java.util.concurrent.Future<Tagger> tagger : taggers) {
        vocabularies.add(tagger.get().vocabularyInSet());
        vocabularies.add(tagger.get().byName.get("vocab"));
        vocabularies.add(tagger.get().fallback.orElseThrow());
      }
      assertThat(vocabularies).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void singletonElementAlsoInjectedDirectly_replay_isOneObject() {
    String json = record(VocabularyTagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());

    VocabularyTagger served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(VocabularyTagger.class);
    assertThat(served.vocabulary).isSameInstanceAs(served.tagger.vocabularyInSet());
    assertThat(served.vocabulary).isSameInstanceAs(served.tagger.byName.get("vocab"));
  }

  @Test
  void singletonElementOfSetMapAndOptional_productionStage_isOneObject() {
    String json = record(VocabularyTagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());

    VocabularyTagger served = Guice.createInjector(Stage.PRODUCTION,
        ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(VocabularyTagger.class);
    assertThat(served.vocabulary).isSameInstanceAs(served.tagger.vocabularyInSet());
    assertThat(served.tagger.fallback.orElseThrow()).isSameInstanceAs(served.vocabulary);
  }

  /** Regression: recording the replay wrote a Vocabulary var for each collection that held it. */
  @Test
  void singletonElementOfSetMapAndOptional_recordingTheReplay_givesTheSameDocument() {
    String json = record(Tagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());

    assertThat(record(Tagger.class, Stage.DEVELOPMENT, ReplayModule.allowing("dev.aijson.guice").from(json)))
        .isEqualTo(json);
  }

  /** Regression: each collection's element was a singleton of its own, beside the key's. */
  @Test
  void singletonElementBoundToAKey_replay_isTheKeysObject() {
    String json = record(VocabularyFirstTagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());
    assertThat(only(AiJsonDocument.parse(json), "MultibindingsTest$Vocabulary").key()).isEqualTo(Vocabulary.class.getName());

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    VocabularyFirstTagger served = serving.getInstance(VocabularyFirstTagger.class);
    assertThat(served.tagger.vocabularyInSet()).isSameInstanceAs(served.vocabulary);
    assertThat(served.tagger.byName.get("vocab")).isSameInstanceAs(served.vocabulary);
    assertThat(served.tagger.fallback.orElseThrow()).isSameInstanceAs(served.vocabulary);
    assertThat(serving.getInstance(Vocabulary.class)).isSameInstanceAs(served.vocabulary);
  }

  @Test
  void singletonElementBoundToAKey_recordingTheReplay_givesTheSameDocument() {
    String json = record(VocabularyFirstTagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());

    assertThat(record(VocabularyFirstTagger.class, Stage.DEVELOPMENT, ReplayModule.allowing("dev.aijson.guice").from(json)))
        .isEqualTo(json);
  }

  @Test
  void singletonElementAlsoInjectedDirectly_recordingTheReplayInProduction_givesTheSameDocument() {
    // the production stage makes singletons first, so it records them first
    String json = record(VocabularyTagger.class, Stage.PRODUCTION, new SharedVocabularyModule());

    assertThat(record(VocabularyTagger.class, Stage.PRODUCTION, ReplayModule.allowing("dev.aijson.guice").from(json)))
        .isEqualTo(json);
  }

  @Test
  void singletonElementOfSetMapAndOptional_recordingTheReplayOnlyPackages_givesTheSameDocument() {
    String json = record(Tagger.class, Stage.DEVELOPMENT, new SharedVocabularyModule());

    Injector again = Guice.createInjector(new AiJsonModule().withoutEnvironment().onlyPackages("dev.aijson.guice"),
        ReplayModule.allowing("dev.aijson.guice").from(json));
    again.getInstance(Tagger.class);
    assertThat(again.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  @Test
  void multibinder_coreReplayerWithoutGuice_buildsTheSetInOrder() {
    String json = recordPipeline(new FeatureModule());

    FeaturePipeline served = (FeaturePipeline) dev.aijson.core.replay.AiJsonReplayer.allowing("dev.aijson.guice").of(json).build();
    assertThat(served.run("ABCDEFG")).isEqualTo("abcd");
  }

  /** Cleans text with whichever normalizer the optional binder supplies, asked for directly. */
  static class Cleaner {
    final Normalizer normalizer;

    @Inject
    Cleaner(Normalizer normalizer) {
      this.normalizer = normalizer;
    }
  }

  /** Asks for the normalizer both ways: as the optional and directly. */
  static class CheckedCleaner {
    final Optional<Normalizer> configured;
    final Normalizer normalizer;

    @Inject
    CheckedCleaner(Optional<Normalizer> configured, Normalizer normalizer) {
      this.configured = configured;
      this.normalizer = normalizer;
    }
  }

  static class Truncating implements Normalizer {
    final int length;

    @Inject
    Truncating(@Named("length") int length) {
      this.length = length;
    }

    @Override
    public String normalize(String text) {
      return text.strip().substring(0, Math.min(length, text.strip().length()));
    }
  }

  static final class NormalizerModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("length")).to(5);
      OptionalBinder.newOptionalBinder(binder(), Normalizer.class).setDefault().to(Truncating.class);
    }
  }

  private static String record(Class<?> root, Module module) {
    Injector injector = recordingInjector(module);
    injector.getInstance(root);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  // Regression: the value's own key was recorded as a call of Guice's internal provider, on an
  // opaque var of it, and the value under the optional binder's internal key; replay refused.
  @Test
  void optionalBinder_valueAskedForDirectly_isTheValuesVarUnderTheValuesKey() {
    String json = record(Cleaner.class, new NormalizerModule());

    assertThat(json).doesNotContain("com.google.inject.internal");
    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar truncating = only(document, "MultibindingsTest$Truncating");
    assertThat(truncating.key()).isEqualTo(Normalizer.class.getName());
    assertThat(truncating.kwargs()).containsExactly("length", 5L);
    assertThat(only(document, "MultibindingsTest$Cleaner").kwargs())
        .containsExactly("normalizer", AiJsonRef.to(truncating.name()));
    assertThat(document.vars()).hasSize(2);
  }

  @Test
  void optionalBinder_valueAskedForDirectly_replaysAndRecordsTheSameDocument() {
    String json = record(Cleaner.class, new NormalizerModule());

    Cleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(Cleaner.class);

    assertThat(served.normalizer.normalize("  tokenize ")).isEqualTo("token");
    assertThat(record(Cleaner.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void optionalBinder_valueAskedForDirectlyAndAsTheOptional_replaysBoth() {
    String json = record(CheckedCleaner.class, new NormalizerModule());

    CheckedCleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(CheckedCleaner.class);

    assertThat(json).doesNotContain("com.google.inject.internal");
    assertThat(served.configured.orElseThrow().normalize(" normalize ")).isEqualTo("norma");
    assertThat(served.normalizer.normalize(" normalize ")).isEqualTo("norma");
    assertThat(record(CheckedCleaner.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void optionalBinder_singletonValueAskedForDirectlyAndAsTheOptional_isOneVar() {
    Module singleton = binder -> {
      binder.bindConstant().annotatedWith(Names.named("length")).to(5);
      OptionalBinder.newOptionalBinder(binder, Normalizer.class).setDefault().to(Truncating.class)
          .in(Singleton.class);
    };
    AiJsonDocument document = AiJsonDocument.parse(record(CheckedCleaner.class, singleton));

    AiJsonVar truncating = only(document, "MultibindingsTest$Truncating");
    assertThat(only(document, "MultibindingsTest$CheckedCleaner").kwargs()).containsExactly(
        "configured", AiJsonRef.to(only(document, "OptionalBinder").name()),
        "normalizer", AiJsonRef.to(truncating.name()));
  }

  /** Takes the normalizer lazily, if one is configured, and builds it at once. */
  static class LazyCleaner {
    final Normalizer normalizer;

    @Inject
    LazyCleaner(Optional<com.google.inject.Provider<Normalizer>> normalizer) {
      this.normalizer = normalizer.map(com.google.inject.Provider::get).orElse(null);
    }
  }

  // Regression: the optional of a provider was recorded as a call of Guice's internal provider,
  // on an opaque var of it, which replay refused advising to allow com.google.inject.internal.
  @Test
  void optionalBinder_optionalOfProvider_isAnOpaqueVarUnderItsKey() {
    String json = record(LazyCleaner.class, new NormalizerModule());

    assertThat(json).doesNotContain("com.google.inject.internal");
    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar optional = only(document, "Optional");
    assertThat(optional.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(optional.key()).isEqualTo(
        "java.util.Optional<com.google.inject.Provider<" + Normalizer.class.getName() + ">>");
    // what the provider made, when the class asked it, under the key the application knows
    assertThat(only(document, "MultibindingsTest$Truncating").key()).isEqualTo(Normalizer.class.getName());
  }

  @Test
  void optionalBinder_optionalOfProvider_replaysWhereAModuleBindsTheOptionalBinder() {
    String json = record(LazyCleaner.class, new NormalizerModule());
    Module binder = b -> OptionalBinder.newOptionalBinder(b, Normalizer.class);

    LazyCleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json), binder)
        .getInstance(LazyCleaner.class);

    // the optional binder's value is the recorded var, bound under the value's key
    assertThat(served.normalizer.normalize(" normalize ")).isEqualTo("norma");
  }

  @Test
  void optionalBinder_optionalOfProviderWithoutABinderInServing_isRefusedNamingTheKey() {
    String json = record(LazyCleaner.class, new NormalizerModule());

    com.google.inject.CreationException e = org.junit.jupiter.api.Assertions.assertThrows(
        com.google.inject.CreationException.class,
        () -> Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)));

    assertThat(e.getCause()).hasMessageThat().isEqualTo("var0 (java.util.Optional) is the java.util.Optional<com.google.inject.Provider<"
        + Normalizer.class.getName() + ">> that Guice's OptionalBinder of Normalizer.class supplied: it holds a"
        + " binding, not an object the recording made, and no module binds it. Bind"
        + " OptionalBinder.newOptionalBinder(binder, Normalizer.class) in a module of your own, or supply it"
        + " with ReplayModule.withInstance(\"var0\", instance).");
  }

  /** Takes the normalizer as Guava's Optional, as code older than java.util.Optional does. */
  static class GuavaCleaner {
    final com.google.common.base.Optional<Normalizer> normalizer;

    @Inject
    GuavaCleaner(com.google.common.base.Optional<Normalizer> normalizer) {
      this.normalizer = normalizer;
    }
  }

  /** Overrides the library's default normalizer with a longer one. */
  static final class LongerNormalizerModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("longer")).to(7);
      OptionalBinder.newOptionalBinder(binder(), Normalizer.class).setBinding().to(LongerTruncating.class);
    }
  }

  static class LongerTruncating extends Truncating {
    @Inject
    LongerTruncating(@Named("longer") int length) {
      super(length);
    }
  }

  // Regression: Guava's Optional of an optional binder was an opaque var that replay refused
  // ("no module binds Optional<Normalizer>") although the document had the value under its key.
  @Test
  void optionalBinder_guavaOptionalWithTheDefaultOverridden_replaysTheOverride() {
    String json = record(GuavaCleaner.class, Modules.combine(new NormalizerModule(), new LongerNormalizerModule()));

    GuavaCleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(GuavaCleaner.class);

    assertThat(served.normalizer.get().normalize(" normalize ")).isEqualTo("normali");
  }

  @Test
  void optionalBinder_guavaOptionalOfTheDefault_replaysAndRecordsTheSameDocument() {
    String json = record(GuavaCleaner.class, new NormalizerModule());

    GuavaCleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(GuavaCleaner.class);

    assertThat(served.normalizer.get().normalize(" normalize ")).isEqualTo("norma");
    assertThat(record(GuavaCleaner.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void optionalBinder_guavaOptionalOfAnInstance_isRefusedNamingTheVar() {
    Module instance = binder -> OptionalBinder.newOptionalBinder(binder, Normalizer.class).setBinding()
        .toInstance(new Truncating(3));
    String json = record(GuavaCleaner.class, instance);

    com.google.inject.CreationException e = org.junit.jupiter.api.Assertions.assertThrows(
        com.google.inject.CreationException.class,
        () -> Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)));

    assertThat(e.getCause()).hasMessageThat().startsWith("var0 (com.google.common.base.Present) is opaque");
    assertThat(e.getCause()).hasMessageThat().contains("ReplayModule.withInstance(\"var0\", instance)");
  }

  @Test
  void optionalBinder_emptyGuavaOptional_replaysEmpty() {
    String json = record(GuavaCleaner.class, binder -> OptionalBinder.newOptionalBinder(binder, Normalizer.class));

    GuavaCleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(GuavaCleaner.class);

    assertThat(served.normalizer.isPresent()).isFalse();
    assertThat(record(GuavaCleaner.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  /** Normalizers by language, where a plugin module may bind a language again. */
  static class Normalizers {
    final Map<String, Normalizer> byLanguage;

    @Inject
    Normalizers(Map<String, Normalizer> byLanguage) {
      this.byLanguage = byLanguage;
    }
  }

  /** Binds "en" twice: the library's trimming normalizer, then a plugin's truncating one. */
  static final class PluginNormalizersModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("length")).to(5);
      MapBinder<String, Normalizer> normalizers =
          MapBinder.newMapBinder(binder(), String.class, Normalizer.class).permitDuplicates();
      normalizers.addBinding("en").to(TrimNormalizer.class);
      normalizers.addBinding("fr").to(TrimNormalizer.class);
      normalizers.addBinding("en").to(Truncating.class);
    }
  }

  // Regression: each binding of a key was an entry of the map's var (keys ["en", "fr", "en"]),
  // which the map never held, and replay failed with Guice's DuplicateMapKey.
  @Test
  void mapBinderPermittingDuplicates_keyBoundTwice_isOneEntryWithItsLastBinding() {
    AiJsonDocument document = AiJsonDocument.parse(record(Normalizers.class, new PluginNormalizersModule()));

    AiJsonVar map = only(document, "MapBinder");
    assertThat(map.kwargs()).containsExactly("keys", List.of("en", "fr"), "values",
        List.of(AiJsonRef.to(only(document, "MultibindingsTest$Truncating").name()),
            AiJsonRef.to(only(document, "MultibindingsTest$TrimNormalizer").name()))).inOrder();
  }

  @Test
  void mapBinderPermittingDuplicates_replay_injectsTheSameMapAndRecordsTheSameDocument() {
    String json = record(Normalizers.class, new PluginNormalizersModule());

    Normalizers served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(Normalizers.class);

    assertThat(served.byLanguage.keySet()).containsExactly("en", "fr").inOrder();
    assertThat(served.byLanguage.get("en").normalize("  tokenize ")).isEqualTo("token");
    assertThat(record(Normalizers.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  /** Every normalizer bound to each language, of a map binder that permits duplicates. */
  static class NormalizerChains {
    final Map<String, Set<Normalizer>> byLanguage;

    @Inject
    NormalizerChains(Map<String, Set<Normalizer>> byLanguage) {
      this.byLanguage = byLanguage;
    }
  }

  /** Takes the map both ways: every binding of a language, and the one the map holds. */
  static class NormalizerChainsAndDefaults {
    final Map<String, Set<Normalizer>> chains;
    final Map<String, Normalizer> defaults;

    @Inject
    NormalizerChainsAndDefaults(Map<String, Set<Normalizer>> chains, Map<String, Normalizer> defaults) {
      this.chains = chains;
      this.defaults = defaults;
    }
  }

  // Regression: Map<K, Set<V>> was written inline beside an opaque var of Guava's
  // RegularImmutableMap that nothing referenced, and recording its replay gave another document.
  @Test
  void mapBinderPermittingDuplicates_multimap_isAMultibindingVarOfEveryBindingInTheMapsOrder() {
    String json = record(NormalizerChains.class, new PluginNormalizersModule());

    assertThat(json).doesNotContain("\"opaque\"");
    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar multimap = only(document, "MapBinder");
    assertThat(multimap.key()).isEqualTo("java.util.Map<java.lang.String, java.util.Set<" + Normalizer.class.getName() + ">>");
    assertThat(multimap.signature()).containsExactly("java.lang.String", Normalizer.class.getName()).inOrder();
    List<AiJsonVar> trims = Documents.all(document, "MultibindingsTest$TrimNormalizer");
    assertThat(multimap.kwargs()).containsExactly("keys", List.of("en", "en", "fr"), "values",
        List.of(AiJsonRef.to(trims.get(0).name()), AiJsonRef.to(only(document, "MultibindingsTest$Truncating").name()),
            AiJsonRef.to(trims.get(1).name()))).inOrder();
    assertThat(only(document, "MultibindingsTest$NormalizerChains").kwargs())
        .containsExactly("byLanguage", AiJsonRef.to(multimap.name()));
  }

  @Test
  void mapBinderPermittingDuplicates_multimapReplayed_injectsTheSameSetsAndRecordsTheSameDocument() {
    String json = record(NormalizerChains.class, new PluginNormalizersModule());

    NormalizerChains served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(NormalizerChains.class);

    assertThat(served.byLanguage.keySet()).containsExactly("en", "fr").inOrder();
    assertThat(served.byLanguage.get("en").stream().map(n -> n.normalize("  tokenize ")).toList())
        .containsExactly("tokenize", "token").inOrder();
    assertThat(served.byLanguage.get("fr")).hasSize(1);
    assertThat(record(NormalizerChains.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void mapBinderPermittingDuplicates_multimapAndMapReplayed_injectBothAndRecordTheSameDocument() {
    String json = record(NormalizerChainsAndDefaults.class, new PluginNormalizersModule());

    NormalizerChainsAndDefaults served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(NormalizerChainsAndDefaults.class);

    assertThat(served.chains.get("en")).hasSize(2);
    assertThat(served.defaults.keySet()).containsExactly("en", "fr").inOrder();
    assertThat(served.defaults.get("en").normalize("  tokenize ")).isEqualTo("token");
    assertThat(record(NormalizerChainsAndDefaults.class, ReplayModule.allowing("dev.aijson.guice").from(json)))
        .isEqualTo(json);
  }

  @Test
  void mapBinderPermittingDuplicates_multimapByTheCoreReplayer_isEachKeysSetInOrder() {
    String json = record(NormalizerChains.class, new PluginNormalizersModule());

    NormalizerChains served = (NormalizerChains) dev.aijson.core.replay.AiJsonReplayer.allowing("dev.aijson.guice")
        .of(json).build();

    assertThat(served.byLanguage.keySet()).containsExactly("en", "fr").inOrder();
    assertThat(served.byLanguage.get("en").stream().map(n -> n.normalize("  tokenize ")).toList())
        .containsExactly("tokenize", "token").inOrder();
  }

  /** Takes the normalizer both as java.util.Optional and as Guava's, as code mid-migration does. */
  static class MigratingCleaner {
    final Optional<Normalizer> normalizer;
    final com.google.common.base.Optional<Normalizer> legacy;

    @Inject
    MigratingCleaner(Optional<Normalizer> normalizer, com.google.common.base.Optional<Normalizer> legacy) {
      this.normalizer = normalizer;
      this.legacy = legacy;
    }
  }

  /** The same, Guava's first. */
  static class LegacyFirstCleaner {
    final com.google.common.base.Optional<Normalizer> legacy;
    final Optional<Normalizer> normalizer;

    @Inject
    LegacyFirstCleaner(com.google.common.base.Optional<Normalizer> legacy, Optional<Normalizer> normalizer) {
      this.legacy = legacy;
      this.normalizer = normalizer;
    }
  }

  // Regression: Guice's binder, replayed from the java.util.Optional var, gave Guava's optional
  // that var's value, so recording the replay lost the key of the var Guava's held.
  @Test
  void optionalBinder_javaAndGuavaOptional_replayAndRecordTheSameDocument() {
    String json = record(MigratingCleaner.class, new NormalizerModule());

    MigratingCleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(MigratingCleaner.class);

    assertThat(served.normalizer.get().normalize(" normalize ")).isEqualTo("norma");
    assertThat(served.legacy.get().normalize(" normalize ")).isEqualTo("norma");
    assertThat(record(MigratingCleaner.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  @Test
  void optionalBinder_guavaThenJavaOptional_replayAndRecordTheSameDocument() {
    String json = record(LegacyFirstCleaner.class, Modules.combine(new NormalizerModule(), new LongerNormalizerModule()));

    LegacyFirstCleaner served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json))
        .getInstance(LegacyFirstCleaner.class);

    assertThat(served.legacy.get().normalize(" normalize ")).isEqualTo("normali");
    assertThat(served.normalizer.get().normalize(" normalize ")).isEqualTo("normali");
    assertThat(record(LegacyFirstCleaner.class, ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  /**
   * One normalizer, bound as a singleton under its interface, which the cleaning steps' set and
   * an optional binder of the interface also take.
   */
  static final class SharedNormalizerModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Normalizer.class).to(TrimNormalizer.class).in(Singleton.class);
      Multibinder.newSetBinder(binder(), Normalizer.class).addBinding().to(Normalizer.class);
    }
  }

  /** Runs the set of cleaning steps before it takes the normalizer itself. */
  static class CleaningSteps {
    final Set<Normalizer> steps;
    final Normalizer normalizer;

    @Inject
    CleaningSteps(Set<Normalizer> steps, Normalizer normalizer) {
      this.steps = steps;
      this.normalizer = normalizer;
    }
  }

  /** Takes the normalizer before the set of cleaning steps that holds it too. */
  static class NormalizerFirstSteps {
    final Normalizer normalizer;
    final Set<Normalizer> steps;

    @Inject
    NormalizerFirstSteps(Normalizer normalizer, Set<Normalizer> steps) {
      this.normalizer = normalizer;
      this.steps = steps;
    }
  }

  // Regression: made first for the set, the normalizer was recorded without its key Normalizer,
  // so replay bound no Normalizer and serving's getInstance(Normalizer.class) failed.
  @Test
  void elementBoundToTheApplicationsKey_setMadeFirst_isRecordedAndReplayedUnderThatKey() {
    String json = record(CleaningSteps.class, Stage.DEVELOPMENT, new SharedNormalizerModule());
    AiJsonVar trim = only(AiJsonDocument.parse(json), "MultibindingsTest$TrimNormalizer");
    assertThat(trim.key()).isEqualTo(Normalizer.class.getName());
    assertThat(trim.singleton()).isTrue();

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    CleaningSteps served = serving.getInstance(CleaningSteps.class);
    assertThat(served.steps).containsExactly(served.normalizer);
    assertThat(serving.getInstance(Normalizer.class)).isSameInstanceAs(served.normalizer);
    assertThat(record(CleaningSteps.class, Stage.DEVELOPMENT, ReplayModule.allowing("dev.aijson.guice").from(json)))
        .isEqualTo(json);
  }

  // Regression: asked for first, the normalizer was recorded under its class's key, not
  // Normalizer's, since the set's element also links to it.
  @Test
  void elementBoundToTheApplicationsKey_keyAskedForFirst_isRecordedUnderThatKey() {
    Injector injector = recordingInjector(new SharedNormalizerModule());
    injector.getInstance(Normalizer.class);
    injector.getInstance(NormalizerFirstSteps.class);
    String json = injector.getInstance(AiJsonLog.class).toJson();
    AiJsonVar trim = only(AiJsonDocument.parse(json), "MultibindingsTest$TrimNormalizer");
    assertThat(trim.key()).isEqualTo(Normalizer.class.getName());
    assertThat(trim.singleton()).isTrue();

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    NormalizerFirstSteps served = serving.getInstance(NormalizerFirstSteps.class);
    assertThat(served.steps).containsExactly(served.normalizer);
    assertThat(serving.getInstance(Normalizer.class)).isSameInstanceAs(served.normalizer);
  }

  /** Takes the normalizer, then the optional of it. */
  static class NormalizerFirstCleaner {
    final Normalizer normalizer;
    final Optional<Normalizer> configured;

    @Inject
    NormalizerFirstCleaner(Normalizer normalizer, Optional<Normalizer> configured) {
      this.normalizer = normalizer;
      this.configured = configured;
    }
  }

  // Regression: replay bound the optional binder's default to Normalizer, the key the binder
  // itself binds, and Guice refused the injector: "Binding points to itself".
  @Test
  void optionalBinderOfASingletonKeyAPrivateModuleExposes_replay_isThatKeysOneObject() {
    Module module = binder -> {
      binder.install(new PrivateModule() {
        @Override
        protected void configure() {
          bind(Normalizer.class).to(TrimNormalizer.class).in(Singleton.class);
          expose(Normalizer.class);
        }
      });
      OptionalBinder.newOptionalBinder(binder, Normalizer.class);
      Multibinder.newSetBinder(binder, Normalizer.class).addBinding().to(Normalizer.class);
    };
    String json = record(NormalizerFirstCleaner.class, Stage.DEVELOPMENT, module);

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    NormalizerFirstCleaner served = serving.getInstance(NormalizerFirstCleaner.class);
    assertThat(served.configured.orElseThrow()).isSameInstanceAs(served.normalizer);
    assertThat(serving.getInstance(Normalizer.class)).isSameInstanceAs(served.normalizer);
    assertThat(record(NormalizerFirstCleaner.class, Stage.DEVELOPMENT, ReplayModule.allowing("dev.aijson.guice").from(json)))
        .isEqualTo(json);
  }
}
