package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.all;
import static dev.aijson.guice.Documents.only;

import com.google.inject.AbstractModule;
import com.google.inject.BindingAnnotation;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.guice.ProviderFixtures.Model;
import dev.aijson.guice.ProviderFixtures.ModelProvider;
import dev.aijson.guice.ProviderFixtures.Served;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The recording rules of DESIGN.md: order, determinism, keys, threads, memory and the cap. */
class RecordingRulesTest {
  private static final String P = "RecordingRulesTest$";

  static class Corpus {
    final String path;

    Corpus(String path) {
      this.path = path;
    }
  }

  static class Metrics {}

  static class Tokenizer {
    @Inject
    Tokenizer(Corpus corpus, @Named("vocab") int vocabSize) {}
  }

  static class Encoder {
    @Inject
    Encoder(Tokenizer tokenizer, Metrics metrics) {}
  }

  static class Decoder {
    @Inject
    Decoder(Tokenizer tokenizer, Metrics metrics, Corpus corpus) {}
  }

  static class Seq2Seq {
    @Inject
    Seq2Seq(Encoder encoder, Decoder decoder, @Named("labels") List<String> labels) {}
  }

  static class PipelineModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Corpus.class).toInstance(new Corpus("corpus.txt"));
      bind(Metrics.class).toInstance(new Metrics());
      bind(Tokenizer.class).asEagerSingleton();
      bindConstant().annotatedWith(Names.named("vocab")).to(120);
      bind(new TypeLiteral<List<String>>() {})
          .annotatedWith(Names.named("labels"))
          .toInstance(List.of("pos", "neg"));
    }
  }

  @Test
  void sameWiring_twoFreshInjectors_giveByteIdenticalJson() {
    String first = record(Stage.PRODUCTION);
    String second = record(Stage.PRODUCTION);

    assertThat(second).isEqualTo(first);
    assertThat(record(Stage.DEVELOPMENT)).isEqualTo(first);
  }

  private static String record(Stage stage) {
    Injector injector = Guice.createInjector(stage, new AiJsonModule(), new PipelineModule());
    injector.getInstance(Seq2Seq.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void instanceBindings_areLoggedWhereFirstUsed_andReferencesPointBackwards() {
    AiJsonDocument document = AiJsonDocument.parse(record(Stage.PRODUCTION));

    AiJsonVar tokenizer = only(document, P + "Tokenizer");
    AiJsonRef corpus = (AiJsonRef) tokenizer.kwargs().get("corpus");
    assertThat(corpus.number()).isLessThan(AiJsonRef.to(tokenizer.name()).number());
    assertThat(document.var(corpus.var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(all(document, P + "Corpus")).hasSize(1);
    assertThat(all(document, P + "Metrics")).hasSize(1);
    for (AiJsonVar var : document.vars()) {
      int number = AiJsonRef.to(var.name()).number();
      for (Object value : var.kwargs().values()) {
        if (value instanceof AiJsonRef ref) {
          assertThat(ref.number()).isLessThan(number);
        }
      }
    }
  }

  static class Wide {
    @Inject
    Wide(@Named("width") int width, @Named("mode") String mode) {}
  }

  static class Tall {
    @Inject
    Tall(@Named("height") int height, @Named("label") String label) {}
  }

  static class Both {
    @Inject
    Both(Wide wide, @Named("height") int height, Tall tall) {}
  }

  @Test
  void provisionsOneAfterAnother_ofBindingsOfOneArity_eachRecordTheirOwnValues() {
    // the recording reuses a values array from one provision to the next at the same depth
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("width")).to(64);
        bindConstant().annotatedWith(Names.named("mode")).to("fast");
        bindConstant().annotatedWith(Names.named("height")).to(32);
        bindConstant().annotatedWith(Names.named("label")).to("slow");
      }
    });
    for (int i = 0; i < 3; i++) {
      injector.getInstance(Wide.class);
      injector.getInstance(Tall.class);
      injector.getInstance(Both.class);
    }

    AiJsonDocument document = AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
    assertThat(all(document, P + "Wide")).hasSize(6);
    for (AiJsonVar wide : all(document, P + "Wide")) {
      assertThat(wide.kwargs()).containsExactly("width", 64L, "mode", "fast").inOrder();
    }
    assertThat(all(document, P + "Tall")).hasSize(6);
    for (AiJsonVar tall : all(document, P + "Tall")) {
      assertThat(tall.kwargs()).containsExactly("height", 32L, "label", "slow").inOrder();
    }
    assertThat(all(document, P + "Both")).hasSize(3);
    for (AiJsonVar both : all(document, P + "Both")) {
      assertThat(both.kwargs().get("height")).isEqualTo(32L);
      assertThat(document.var(((AiJsonRef) both.kwargs().get("wide")).var()).caller()).isEqualTo(P + "Wide");
      assertThat(document.var(((AiJsonRef) both.kwargs().get("tall")).var()).caller()).isEqualTo(P + "Tall");
    }
  }

  @BindingAnnotation
  @Retention(RetentionPolicy.RUNTIME)
  @interface Fast {}

  static class Outer {
    static class Inner {
      @Inject
      Inner() {}
    }
  }

  static class Keyed {
    @Inject
    Keyed(
        List<String> strings,
        @Named("guice") Outer.Inner guice,
        @jakarta.inject.Named("jakarta") Outer.Inner jakarta,
        @Fast Outer.Inner fast) {}
  }

  static class KeyedModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Outer.Inner.class).annotatedWith(Names.named("guice")).to(Outer.Inner.class);
      bind(Outer.Inner.class).annotatedWith(Names.named("jakarta")).to(Outer.Inner.class);
      bind(Outer.Inner.class).annotatedWith(Fast.class).to(Outer.Inner.class);
    }

    @Provides
    List<String> strings() {
      return new ArrayList<>(List.of("a"));
    }
  }

  @Test
  void keys_genericNestedAndNamed_areWrittenCanonically() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new KeyedModule());
    injector.getInstance(Keyed.class);

    AiJsonDocument document = Documents.of(injector);
    assertThat(only(document, P + "KeyedModule#strings").key()).isEqualTo("java.util.List<java.lang.String>");
    String inner = "dev.aijson.guice.RecordingRulesTest$Outer$Inner";
    assertThat(all(document, P + "Outer$Inner").stream().map(AiJsonVar::key).toList())
        .containsExactly(
            "@com.google.inject.name.Named(\"guice\") " + inner,
            "@com.google.inject.name.Named(\"jakarta\") " + inner,
            "@dev.aijson.guice.RecordingRulesTest$Fast " + inner)
        .inOrder();
    assertThat(only(document, P + "Keyed").kwargs().keySet())
        .containsExactly("strings", "guice", "jakarta", "fast")
        .inOrder();
  }

  @Test
  void providerClassBinding_isLoggedAsGetCallOnTheProviderVar() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Model.class).toProvider(ModelProvider.class);
                bindConstant().annotatedWith(Names.named("size")).to(8);
              }
            });
    injector.getInstance(Served.class);

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar provider = only(document, "ProviderFixtures$ModelProvider");
    assertThat(provider.kwargs()).containsExactly("size", 8L);
    AiJsonVar get = only(document, "ProviderFixtures$ModelProvider#get");
    assertThat(get.kind()).isEqualTo(AiJsonVar.Kind.CALL);
    assertThat(get.receiver()).isEqualTo(AiJsonRef.to(provider.name()));
    assertThat(get.key()).isEqualTo("dev.aijson.guice.ProviderFixtures$Model");
    assertThat(only(document, "ProviderFixtures$Served").kwargs()).containsExactly("model", AiJsonRef.to(get.name()));
  }

  @Test
  void providerInstanceBinding_receiverIsOpaque() {
    ModelProvider provider = new ModelProvider(4);
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Model.class).toProvider(provider);
              }
            });
    injector.getInstance(Model.class);

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar get = only(document, "ProviderFixtures$ModelProvider#get");
    assertThat(document.var(get.receiver().var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }

  @Test
  void oneModuleInstance_twoInjectors_recordIndependently() {
    AiJsonModule module = new AiJsonModule();
    Injector first = Guice.createInjector(module);
    Injector second = Guice.createInjector(module);
    first.getInstance(Outer.Inner.class);
    first.getInstance(Outer.Inner.class);
    second.getInstance(Outer.Inner.class);

    assertThat(Documents.of(first).vars()).hasSize(2);
    assertThat(Documents.of(second).vars()).hasSize(1);
  }

  static class Vocab {
    @Inject
    Vocab(@Named("size") int size) {}
  }

  /** A service backed by another injector, which components ask while they are made. */
  static final class Vocabularies {
    private final Injector injector;

    Vocabularies(Injector injector) {
      this.injector = injector;
    }

    Vocab fresh() {
      return injector.getInstance(Vocab.class);
    }
  }

  static class Embedding {
    final Vocab fresh;

    @Inject
    Embedding(@Named("dim") int dim, Vocab vocab, Vocabularies vocabularies) {
      // asked while this object is made, when its own Vocab parameter was read back, not provisioned
      this.fresh = vocabularies.fresh();
    }
  }

  static class Classifier {
    @Inject
    Classifier(Embedding embedding, @Named("depth") int depth) {}
  }

  static class VocabModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("size")).to(50);
    }
  }

  /** A module that takes the injector of the vocabularies in its constructor. */
  static class ClassifierModule extends AbstractModule {
    private final Injector vocabularies;

    ClassifierModule(Injector vocabularies) {
      this.vocabularies = vocabularies;
    }

    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("dim")).to(8);
      bindConstant().annotatedWith(Names.named("depth")).to(3);
      bind(Vocab.class).toInstance(new Vocab(7));
      bind(Vocabularies.class).toInstance(new Vocabularies(vocabularies));
    }
  }

  @Test
  void anObjectMadeWhileAnotherInjectorProvisions_isRecordedByItsOwn_asIfEachWereAlone() {
    // both recorded: the vocabularies' injector provisions inside the classifiers' provisions, on
    // the same thread, and between top-level provisions of its own
    Injector vocabularies = Guice.createInjector(new AiJsonModule(), new VocabModule());
    Injector classifiers = Guice.createInjector(new AiJsonModule(), new ClassifierModule(vocabularies));
    classifiers.getInstance(Classifier.class);
    vocabularies.getInstance(Vocab.class);
    classifiers.getInstance(Classifier.class);
    classifiers.getInstance(Embedding.class);

    // each alone: the classifiers asking an unrecorded injector, the vocabularies asked directly
    Injector classifiersAlone = Guice.createInjector(
        new AiJsonModule(), new ClassifierModule(Guice.createInjector(new VocabModule())));
    classifiersAlone.getInstance(Classifier.class);
    classifiersAlone.getInstance(Classifier.class);
    classifiersAlone.getInstance(Embedding.class);
    Injector vocabulariesAlone = Guice.createInjector(new AiJsonModule(), new VocabModule());
    for (int i = 0; i < 4; i++) {
      vocabulariesAlone.getInstance(Vocab.class);
    }

    String classifierJson = classifiers.getInstance(AiJsonLog.class).toJson();
    String vocabularyJson = vocabularies.getInstance(AiJsonLog.class).toJson();
    assertThat(classifierJson).isEqualTo(classifiersAlone.getInstance(AiJsonLog.class).toJson());
    assertThat(vocabularyJson).isEqualTo(vocabulariesAlone.getInstance(AiJsonLog.class).toJson());
    AiJsonDocument document = AiJsonDocument.parse(classifierJson);
    AiJsonVar embedding = document.var(((AiJsonRef) all(document, P + "Classifier").get(1).kwargs().get("embedding")).var());
    assertThat(embedding.kwargs().get("dim")).isEqualTo(8L);
    // the bound instance, not the object the other injector made meanwhile
    assertThat(document.var(((AiJsonRef) embedding.kwargs().get("vocab")).var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(all(AiJsonDocument.parse(vocabularyJson), P + "Vocab")).hasSize(4);
  }

  @Test
  void recordedInjector_isReleasedWhenDropped_whileTheThreadsThatProvisionedForItLiveOn() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      // the last injector this thread and the pool's thread provisioned for
      WeakReference<Injector> last = pool.submit(RecordingRulesTest::recordedAndDropped).get();
      WeakReference<Injector> here = recordedAndDropped();

      assertThat(Collected.released(last)).isTrue();
      assertThat(Collected.released(here)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  private static WeakReference<Injector> recordedAndDropped() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new VocabModule());
    injector.getInstance(Vocab.class);
    return new WeakReference<>(injector);
  }

  @Test
  void withVarCap_zero_isRefusedByTheRecordersOneRule() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new AiJsonModule().withVarCap(0));

    assertThat(e).hasMessageThat().isEqualTo("The var cap is 0, but it must be at least 1: it is"
        + " the most vars a log keeps. Pass 1 or more (the default is 100000).");
  }

  @Test
  void varCap_reached_documentSaysItWasCut() {
    Injector injector = Guice.createInjector(new AiJsonModule().withVarCap(10));
    for (int i = 0; i < 25; i++) {
      injector.getInstance(Outer.Inner.class);
    }

    AiJsonDocument document = Documents.of(injector);
    assertThat(document.vars()).hasSize(10);
    assertThat(document.isCut()).isTrue();
    assertThat(document.cap()).isEqualTo(10);
    assertThat(document.droppedVars()).isEqualTo(15);
    assertThat(injector.getInstance(AiJsonLog.class).toJson())
        .contains("\"cut\": {\n    \"cap\": 10,\n    \"dropped\": 15\n  }");
  }

  @Test
  void withByteBudget_zero_isRefusedByTheRecordersOneRule() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new AiJsonModule().withByteBudget(0));

    assertThat(e).hasMessageThat().startsWith("The byte budget is 0, but it must be at least 1");
  }

  @Test
  void byteBudget_reached_documentSaysTheByteBudgetCutIt() {
    // each var of Outer.Inner is estimated at well over 100 bytes
    Injector injector = Guice.createInjector(new AiJsonModule().withByteBudget(1_000));
    for (int i = 0; i < 25; i++) {
      injector.getInstance(Outer.Inner.class);
    }

    AiJsonDocument document = Documents.of(injector);
    assertThat(document.vars().size()).isLessThan(10);
    assertThat(document.isCut()).isTrue();
    assertThat(document.byteBudget()).isEqualTo(1_000);
    assertThat(document.droppedVars()).isEqualTo(25 - document.vars().size());
    assertThat(injector.getInstance(AiJsonLog.class).toJson()).contains("\"cut\": {\n    \"cap\": "
        + AiJsonRecorder.DEFAULT_CAP + ",\n    \"bytes\": 1000,\n    \"dropped\": ");
  }

  @Test
  void varCap_default_isAtLeast100000() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    for (int i = 0; i < 100_000; i++) {
      injector.getInstance(Outer.Inner.class);
    }

    AiJsonDocument document = Documents.of(injector);
    assertThat(document.vars()).hasSize(100_000);
    assertThat(document.isCut()).isFalse();
  }

  @Test
  void provisionedObjects_areNotKeptAlive() throws InterruptedException {
    Injector injector = Guice.createInjector(new AiJsonModule());
    Outer.Inner object = injector.getInstance(Outer.Inner.class);
    WeakReference<Outer.Inner> reference = new WeakReference<>(object);
    object = null;

    for (int i = 0; i < 50 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(reference.get()).isNull();
    assertThat(Documents.of(injector).vars()).hasSize(1);
  }

  @Test
  void eightThreadsProvisioning_whileAnotherExports_loseNothingAndExportsParse() throws Exception {
    Injector injector = Guice.createInjector(new AiJsonModule(), new PipelineModule());
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    injector.getInstance(Seq2Seq.class); // logs the shared instances where they are first used
    int before = log.size();
    int threads = 8;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    try {
      Future<Integer> exporter =
          pool.submit(
              () -> {
                start.await();
                int exports = 0;
                while (!done.get() || exports == 0) {
                  AiJsonDocument.parse(log.toJson());
                  exports++;
                }
                return exports;
              });
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    injector.getInstance(Seq2Seq.class);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      assertThat(exporter.get(60, TimeUnit.SECONDS)).isAtLeast(1);
    } finally {
      pool.shutdownNow();
    }

    AiJsonDocument document = Documents.of(injector);
    // each Seq2Seq adds three vars, Encoder, Decoder and itself; the parts they share exist
    assertThat(document.vars().size() - before).isEqualTo(threads * perThread * 3);
    assertThat(all(document, P + "Seq2Seq")).hasSize(threads * perThread + 1);
    for (AiJsonVar seq : all(document, P + "Seq2Seq")) {
      AiJsonVar encoder = document.var(((AiJsonRef) seq.kwargs().get("encoder")).var());
      assertThat(encoder.caller()).isEqualTo(P + "Encoder");
    }
  }

  /** Gets its labels as a plain collection, as a classifier takes a label map's values. */
  static class LabelSet {
    final java.util.Collection<String> labels;
    final java.util.Collection<String> queue;

    @Inject
    LabelSet(@Named("labels") java.util.Collection<String> labels, @Named("queue") java.util.Collection<String> queue) {
      this.labels = labels;
      this.queue = queue;
    }

    @dev.aijson.core.AiJson
    public int fit(java.util.Collection<String> examples) {
      return examples.size();
    }
  }

  /** A map whose values() iterate in hash order: "zeta" (key "a") before "alpha" (key "b"). */
  private static java.util.Map<String, String> labelsByCode() {
    java.util.Map<String, String> byCode = new java.util.HashMap<>();
    byCode.put("b", "alpha");
    byCode.put("a", "zeta");
    return byCode;
  }

  // Regression: a collection that defines no order, a map's values() or Set.of(...).values()'s
  // kin, was written in its hash order, which a salt drawn per JVM changes from run to run
  @Test
  void collectionWithoutAnOrder_mapValues_isWrittenSortedAsAHashSetIs() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(new TypeLiteral<java.util.Collection<String>>() {}).annotatedWith(Names.named("labels"))
            .toInstance(labelsByCode().values());
        bind(new TypeLiteral<java.util.Collection<String>>() {}).annotatedWith(Names.named("queue"))
            .toInstance(new java.util.ArrayDeque<>(List.of("zeta", "alpha")));
      }
    });
    assertThat(labelsByCode().values()).containsExactly("zeta", "alpha").inOrder();

    injector.getInstance(LabelSet.class).fit(labelsByCode().values());

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar labels = only(document, "RecordingRulesTest$LabelSet");
    assertThat(labels.kwargs().get("labels")).isEqualTo(List.of("alpha", "zeta"));
    assertThat(labels.kwargs().get("queue")).isEqualTo(List.of("zeta", "alpha")); // a deque keeps its order
    assertThat(only(document, "RecordingRulesTest$LabelSet#fit").kwargs().get("examples"))
        .isEqualTo(List.of("alpha", "zeta"));
  }
}
