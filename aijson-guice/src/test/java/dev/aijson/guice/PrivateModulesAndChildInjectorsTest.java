package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static dev.aijson.guice.Documents.all;
import static dev.aijson.guice.Documents.only;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.PrivateModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Bindings made in a {@code PrivateModule} or a child injector: every argument is read back in the
 * injector that owns the binding, so private constants are recorded with their real values, and
 * replay rebuilds the objects under the keys they were exposed or bound with.
 */
class PrivateModulesAndChildInjectorsTest {
  interface Tokenizer {
    List<String> tokenize(String text);
  }

  static class WindowTokenizer implements Tokenizer {
    final int width;
    final String corpus;

    @Inject
    WindowTokenizer(@Named("width") int width, @Named("corpus") String corpus) {
      this.width = width;
      this.corpus = corpus;
    }

    @Override
    public List<String> tokenize(String text) {
      List<String> pieces = new java.util.ArrayList<>();
      for (int i = 0; i < text.length(); i += width) {
        pieces.add(text.substring(i, Math.min(text.length(), i + width)));
      }
      return pieces;
    }
  }

  static class Pipeline {
    final Tokenizer tokenizer;

    @Inject
    Pipeline(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }
  }

  /** Two tokenizers of one class, each private module with its own width. */
  static class TwoTokenizers {
    final Tokenizer words;
    final Tokenizer characters;

    @Inject
    TwoTokenizers(@Named("words") Tokenizer words, @Named("characters") Tokenizer characters) {
      this.words = words;
      this.characters = characters;
    }
  }

  /** The way a library hides its configuration: a private constant, an exposed interface. */
  static final class TokenizerModule extends PrivateModule {
    private final int width;

    TokenizerModule(int width) {
      this.width = width;
    }

    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("width")).to(width);
      bindConstant().annotatedWith(Names.named("corpus")).to("reviews.txt");
      bind(Tokenizer.class).to(WindowTokenizer.class);
      expose(Tokenizer.class);
    }
  }

  static final class NamedTokenizerModule extends PrivateModule {
    private final String name;
    private final int width;

    NamedTokenizerModule(String name, int width) {
      this.name = name;
      this.width = width;
    }

    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("width")).to(width);
      bindConstant().annotatedWith(Names.named("corpus")).to(name + ".txt");
      bind(Tokenizer.class).annotatedWith(Names.named(name)).to(WindowTokenizer.class);
      expose(Tokenizer.class).annotatedWith(Names.named(name));
    }
  }

  static final class ChildModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("width")).to(5);
      bindConstant().annotatedWith(Names.named("corpus")).to("child.txt");
      bind(Tokenizer.class).to(WindowTokenizer.class);
    }
  }

  private static String record(Module... modules) {
    Injector injector = Guice.createInjector(modules);
    injector.getInstance(Pipeline.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static String trainInPrivateModule() {
    return record(new AiJsonModule().withoutEnvironment(), new TokenizerModule(3));
  }

  @Test
  void privateModule_privateConstant_isRecordedWithItsValue() {
    AiJsonDocument document = AiJsonDocument.parse(trainInPrivateModule());

    AiJsonVar tokenizer = only(document, "PrivateModulesAndChildInjectorsTest$WindowTokenizer");
    assertThat(tokenizer.kwargs()).containsExactly("width", 3L, "corpus", "reviews.txt").inOrder();
    assertThat(tokenizer.key()).isEqualTo(Tokenizer.class.getName());
    assertThat(only(document, "PrivateModulesAndChildInjectorsTest$Pipeline").kwargs())
        .containsExactly("tokenizer", AiJsonRef.to(tokenizer.name()));
    assertThat(document.vars()).hasSize(2);
  }

  @Test
  void privateModule_exposedKeyAskedForDirectly_isRecordedUnderTheExposedKey() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new TokenizerModule(4));
    injector.getInstance(Tokenizer.class);

    AiJsonVar tokenizer = only(Documents.of(injector),
        "PrivateModulesAndChildInjectorsTest$WindowTokenizer");
    assertThat(tokenizer.key()).isEqualTo(Tokenizer.class.getName());
    assertThat(tokenizer.kwargs()).containsEntry("width", 4L);
  }

  @Test
  void privateModule_sameClassInTwoModules_eachVarHasItsOwnModulesConstant() {
    Injector injector = Guice.createInjector(new AiJsonModule(),
        new NamedTokenizerModule("words", 4), new NamedTokenizerModule("characters", 1));
    injector.getInstance(TwoTokenizers.class);

    List<AiJsonVar> tokenizers = Documents.all(Documents.of(injector),
        "PrivateModulesAndChildInjectorsTest$WindowTokenizer");
    assertThat(tokenizers).hasSize(2);
    assertThat(tokenizers.get(0).kwargs()).containsExactly("width", 4L, "corpus", "words.txt");
    assertThat(tokenizers.get(0).key())
        .isEqualTo("@com.google.inject.name.Named(\"words\") " + Tokenizer.class.getName());
    assertThat(tokenizers.get(1).kwargs()).containsExactly("width", 1L, "corpus", "characters.txt");
  }

  @Test
  void privateModule_replayFromTheDocumentAlone_behavesTheSame() {
    Injector training = Guice.createInjector(new TokenizerModule(3));
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(trainInPrivateModule()));

    Pipeline trained = training.getInstance(Pipeline.class);
    Pipeline served = serving.getInstance(Pipeline.class);
    assertThat(served.tokenizer.tokenize("tokenizers")).containsExactly("tok", "eni", "zer", "s");
    assertThat(served.tokenizer.tokenize("tokenizers"))
        .isEqualTo(trained.tokenizer.tokenize("tokenizers"));
    assertThat(serving.getInstance(Tokenizer.class)).isInstanceOf(WindowTokenizer.class);
  }

  @Test
  void privateModule_recordingTheReplay_givesTheSameDocument() {
    String trained = trainInPrivateModule();

    assertThat(record(new AiJsonModule().withoutEnvironment(), ReplayModule.allowing("dev.aijson.guice").from(trained)))
        .isEqualTo(trained);
  }

  @Test
  void privateModule_twoRecordings_areByteIdentical() {
    assertThat(trainInPrivateModule()).isEqualTo(trainInPrivateModule());
  }

  @Test
  void privateModule_productionStage_recordsTheSameDocument() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        new AiJsonModule().withoutEnvironment(), new TokenizerModule(3));
    injector.getInstance(Pipeline.class);

    assertThat(injector.getInstance(AiJsonLog.class).toJson()).isEqualTo(trainInPrivateModule());
  }

  private static Pipeline trainInChild(Injector parent) {
    return parent.createChildInjector(new ChildModule()).getInstance(Pipeline.class);
  }

  @Test
  void childInjector_ownConstantsAndBindings_areRecordedWithTheirValues() {
    Injector parent = Guice.createInjector(new AiJsonModule());
    trainInChild(parent);

    AiJsonDocument document = Documents.of(parent);
    AiJsonVar tokenizer = only(document, "PrivateModulesAndChildInjectorsTest$WindowTokenizer");
    assertThat(tokenizer.kwargs()).containsExactly("width", 5L, "corpus", "child.txt").inOrder();
    assertThat(tokenizer.key()).isEqualTo(Tokenizer.class.getName());
    assertThat(only(document, "PrivateModulesAndChildInjectorsTest$Pipeline").kwargs())
        .containsExactly("tokenizer", AiJsonRef.to(tokenizer.name()));
  }

  @Test
  void childInjector_replayAndRecordAgain_givesTheSameDocumentAndBehaviour() {
    Injector parent = Guice.createInjector(new AiJsonModule().withoutEnvironment());
    Pipeline trained = trainInChild(parent);
    String json = parent.getInstance(AiJsonLog.class).toJson();

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    assertThat(serving.getInstance(Pipeline.class).tokenizer.tokenize("abcdefgh"))
        .isEqualTo(trained.tokenizer.tokenize("abcdefgh"));
    assertThat(record(new AiJsonModule().withoutEnvironment(), ReplayModule.allowing("dev.aijson.guice").from(json)))
        .isEqualTo(json);
  }

  /** Asks the child for the tokenizer itself, as a per-request child injector's caller does. */
  private static String recordTokenizerOfChild(Module childModule) {
    Injector parent = Guice.createInjector(new AiJsonModule().withoutEnvironment());
    parent.createChildInjector(childModule).getInstance(Tokenizer.class);
    return parent.getInstance(AiJsonLog.class).toJson();
  }

  private static Injector servingWithRecording(String json) {
    return Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(json));
  }

  // Regression: the child's link was not among the recording injector's bindings, so the object
  // was recorded under WindowTokenizer, and replay's getInstance(Tokenizer) failed with Guice's
  // MissingImplementation.
  @Test
  void childInjector_linkedKeyAskedForDirectly_isRecordedUnderTheKeyAskedFor() {
    String json = recordTokenizerOfChild(new ChildModule());

    assertThat(only(AiJsonDocument.parse(json), "PrivateModulesAndChildInjectorsTest$WindowTokenizer").key())
        .isEqualTo(Tokenizer.class.getName());
    Injector serving = servingWithRecording(json);
    assertThat(serving.getInstance(Tokenizer.class).tokenize("abcdefgh")).containsExactly("abcde", "fgh").inOrder();
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  @Test
  void childInjector_privateModulesExposedLinkAskedForDirectly_isRecordedUnderTheExposedKey() {
    String json = recordTokenizerOfChild(new TokenizerModule(4));

    assertThat(only(AiJsonDocument.parse(json), "PrivateModulesAndChildInjectorsTest$WindowTokenizer").key())
        .isEqualTo(Tokenizer.class.getName());
    Injector serving = servingWithRecording(json);
    assertThat(serving.getInstance(Tokenizer.class).tokenize("abcdefgh")).containsExactly("abcd", "efgh").inOrder();
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  /** A singleton of the parent that the child's objects share. */
  static class Vocabulary {
    final int size;

    Vocabulary(int size) {
      this.size = size;
    }
  }

  static class Encoder {
    final Vocabulary vocabulary;
    final int width;

    @Inject
    Encoder(Vocabulary vocabulary, @Named("width") int width) {
      this.vocabulary = vocabulary;
      this.width = width;
    }
  }

  static final class VocabularyModule extends AbstractModule {
    @Provides
    @Singleton
    Vocabulary vocabulary(@Named("size") int size) {
      return new Vocabulary(size);
    }

    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("size")).to(1000);
    }
  }

  @Test
  void childInjector_parentSingletonAndChildConstant_bothRecorded() {
    Injector parent = Guice.createInjector(new AiJsonModule(), new VocabularyModule());
    Injector child = parent.createChildInjector(
        binder -> binder.bindConstant().annotatedWith(Names.named("width")).to(7));
    Encoder first = child.getInstance(Encoder.class);
    Encoder second = child.getInstance(Encoder.class);

    AiJsonDocument document = Documents.of(parent);
    AiJsonVar vocabulary = only(document, "PrivateModulesAndChildInjectorsTest$VocabularyModule#vocabulary");
    assertThat(vocabulary.kwargs()).containsExactly("size", 1000L);
    List<AiJsonVar> encoders = Documents.all(document, "PrivateModulesAndChildInjectorsTest$Encoder");
    assertThat(encoders).hasSize(2);
    for (AiJsonVar encoder : encoders) {
      assertThat(encoder.kwargs()).containsExactly(
          "vocabulary", AiJsonRef.to(vocabulary.name()), "width", 7L).inOrder();
    }
    assertThat(first.vocabulary).isSameInstanceAs(second.vocabulary);

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(document.toJson()));
    Encoder served = serving.getInstance(Key.get(Encoder.class));
    assertThat(served.width).isEqualTo(7);
    assertThat(served.vocabulary.size).isEqualTo(1000);
    assertThat(serving.getInstance(Encoder.class).vocabulary).isSameInstanceAs(served.vocabulary);
  }

  /** What a service makes for each request, in a child injector that binds the request's number. */
  static class Handler {
    final int request;
    final Session session;
    final Budget budget;
    final Deadline deadline;

    @Inject
    Handler(@Named("request") int request, Session session, Budget budget, Deadline deadline) {
      this.request = request;
      this.session = session;
      this.budget = budget;
      this.deadline = deadline;
    }
  }

  /** A child's singleton that keeps its injector, as Guice code often does. */
  @Singleton
  static class Session {
    @Inject Injector injector;
  }

  /** An instance bound in the child, into which Guice injects the child. */
  static class Budget {
    @Inject Injector injector;
  }

  /** What a provider instance bound in the child makes. */
  static class Deadline {}

  /** A provider instance into which Guice injects the child. */
  static class DeadlineProvider implements com.google.inject.Provider<Deadline> {
    @Inject Injector injector;

    @Override
    public Deadline get() {
      return new Deadline();
    }
  }

  @Test
  void childInjector_onePerRequest_eachRecordedAndNoneKeptAliveByTheRecording() throws InterruptedException {
    Injector parent = Guice.createInjector(new AiJsonModule());
    List<WeakReference<Injector>> children = new ArrayList<>();
    for (int request = 0; request < 20; request++) {
      int number = request;
      Injector child = parent.createChildInjector(new AbstractModule() {
        @Override
        protected void configure() {
          bindConstant().annotatedWith(Names.named("request")).to(number);
          bind(Session.class);
          bind(Budget.class).toInstance(new Budget());
          bind(Deadline.class).toProvider(new DeadlineProvider());
          install(new AssistedInjectionTest.EncoderModule()); // a factory bound in the child
        }
      });
      assertThat(child.getInstance(Handler.class).request).isEqualTo(number);
      assertThat(child.getInstance(Handler.class).session.injector).isSameInstanceAs(child);
      child.getInstance(AssistedInjectionTest.EncoderFactory.class).create(number + 1, 0.5);
      children.add(new WeakReference<>(child));
    }

    AiJsonDocument document = Documents.of(parent);
    // two handlers a request, each with its request's number
    assertThat(all(document, "PrivateModulesAndChildInjectorsTest$Handler").stream()
        .map(var -> var.kwargs().get("request")).toList())
        .containsExactlyElementsIn(LongStream.range(0, 40).map(i -> i / 2).boxed().toList()).inOrder();
    // one session a child, both of its handlers referencing it
    List<AiJsonVar> handlers = all(document, "PrivateModulesAndChildInjectorsTest$Handler");
    assertThat(all(document, "PrivateModulesAndChildInjectorsTest$Session")).hasSize(20);
    assertThat(handlers.get(0).kwargs().get("session")).isEqualTo(handlers.get(1).kwargs().get("session"));
    assertThat(handlers.get(0).kwargs().get("session")).isNotEqualTo(handlers.get(2).kwargs().get("session"));
    assertThat(all(document, "PrivateModulesAndChildInjectorsTest$DeadlineProvider#get")).hasSize(40);
    assertThat(all(document, "AssistedInjectionTest$LstmEncoder").stream()
        .map(var -> var.kwargs().get("layers")).toList())
        .containsExactlyElementsIn(LongStream.range(1, 21).boxed().toList()).inOrder();
    // what the recording works out for a binding must not keep a child injector alive
    for (int tries = 0; tries < 50 && children.stream().anyMatch(child -> child.get() != null); tries++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(children.stream().filter(child -> child.get() != null).count()).isEqualTo(0);
  }

  /** A component of the child that reads a constant and a singleton of the parent. */
  static class Trainer {
    final int epochs;
    final String run;
    final Session session;

    @Inject
    Trainer(@Named("epochs") int epochs, @Named("run") String run, Session session) {
      this.epochs = epochs;
      this.run = run;
      this.session = session;
    }
  }

  @Test
  void childInjector_aiJsonModuleInParentAndChild_errorNamesTheRuleAndTheFix() {
    Injector parent = Guice.createInjector(new AiJsonModule());
    CreationException error = assertThrows(CreationException.class,
        () -> parent.createChildInjector(new AiJsonModule(), new ChildModule()));
    assertThat(error).hasMessageThat().contains("AiJsonLog was bound multiple times");
    assertThat(error).hasMessageThat().contains("install one AiJsonModule per injector tree");
    assertThat(error).hasMessageThat().contains("remove AiJsonModule from the child injector's modules");

    // the parent's recording covers the child without a second module
    parent.createChildInjector(new ChildModule()).getInstance(Pipeline.class);
    assertThat(all(Documents.of(parent), "PrivateModulesAndChildInjectorsTest$Pipeline")).hasSize(1);
  }

  @Test
  void aiJsonModuleInstalledTwiceInOneInjector_errorNamesTheRuleAndTheFix() {
    CreationException error = assertThrows(CreationException.class,
        () -> Guice.createInjector(new AiJsonModule(), new AiJsonModule().withVarCap(10)));
    assertThat(error).hasMessageThat().contains("install one AiJsonModule per injector tree");
    assertThat(error).hasMessageThat().contains("or from the second install");
  }

  @Test
  void childInjector_recordingOnlyInTheChild_readsTheParentsValuesAndSaysWhatItDidNotSee() {
    Injector parent = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("epochs")).to(3);
        bind(Session.class);
      }
    });
    Injector child = parent.createChildInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("run")).to("nightly");
      }
    });
    child.getInstance(Trainer.class);
    child.getInstance(Trainer.class);

    AiJsonDocument document = Documents.of(child);
    List<AiJsonVar> trainers = all(document, "PrivateModulesAndChildInjectorsTest$Trainer");
    assertThat(trainers).hasSize(2);
    assertThat(trainers.get(1).kwargs()).containsEntry("epochs", 3L);
    assertThat(trainers.get(1).kwargs()).containsEntry("run", "nightly");
    // the parent made its singleton without the child's listener: the document says it did not
    // see how, rather than inventing arguments
    AiJsonVar session = document.var(((AiJsonRef) trainers.get(1).kwargs().get("session")).var());
    assertThat(session.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(trainers.get(0).kwargs().get("session")).isEqualTo(trainers.get(1).kwargs().get("session"));
  }

  /** A library's normalizer, configurable through an optional binder. */
  interface Normalizer {
    String normalize(String text);
  }

  static class Truncating implements Normalizer {
    final int length;

    @Inject
    Truncating(@Named("width") int length) {
      this.length = length;
    }

    @Override
    public String normalize(String text) {
      return text.substring(0, Math.min(length, text.length()));
    }
  }

  /** Takes the normalizer both as java.util.Optional and as Guava's, as code mid-migration does. */
  static class MigratingCleaner {
    final java.util.Optional<Normalizer> normalizer;
    final com.google.common.base.Optional<Normalizer> legacy;

    @Inject
    MigratingCleaner(java.util.Optional<Normalizer> normalizer, com.google.common.base.Optional<Normalizer> legacy) {
      this.normalizer = normalizer;
      this.legacy = legacy;
    }
  }

  private static void assertReplaysAndRecordsTheSame(String json) {
    Injector serving = servingWithRecording(json);
    MigratingCleaner served = serving.getInstance(MigratingCleaner.class);
    assertThat(served.normalizer.get().normalize("abcdefgh")).isEqualTo("abcde");
    assertThat(served.legacy.get().normalize("abcdefgh")).isEqualTo("abcde");
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  // Regression: the value Guava's optional held was recorded under its class's key, not T's: the
  // child's and the private module's optional binders were not looked at.
  @Test
  void childInjector_optionalBinderInjectedAsBothOptionals_replaysAndRecordsTheSameDocument() {
    Injector parent = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        binder -> binder.bindConstant().annotatedWith(Names.named("width")).to(5));
    parent.createChildInjector(binder -> com.google.inject.multibindings.OptionalBinder
        .newOptionalBinder(binder, Normalizer.class).setDefault().to(Truncating.class))
        .getInstance(MigratingCleaner.class);
    String json = parent.getInstance(AiJsonLog.class).toJson();

    assertThat(all(AiJsonDocument.parse(json), "PrivateModulesAndChildInjectorsTest$Truncating").get(1).key())
        .isEqualTo(Normalizer.class.getName());
    assertReplaysAndRecordsTheSame(json);
  }

  @Test
  void privateModule_optionalBinderExposedAsBothOptionals_replaysAndRecordsTheSameDocument() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new PrivateModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("width")).to(5);
        com.google.inject.multibindings.OptionalBinder.newOptionalBinder(binder(), Normalizer.class)
            .setDefault().to(Truncating.class);
        expose(new com.google.inject.TypeLiteral<java.util.Optional<Normalizer>>() {});
        expose(new com.google.inject.TypeLiteral<com.google.common.base.Optional<Normalizer>>() {});
      }
    });
    injector.getInstance(MigratingCleaner.class);
    String json = injector.getInstance(AiJsonLog.class).toJson();

    assertThat(all(AiJsonDocument.parse(json), "PrivateModulesAndChildInjectorsTest$Truncating").get(1).key())
        .isEqualTo(Normalizer.class.getName());
    assertReplaysAndRecordsTheSame(json);
  }

  /** Every normalizer bound to each language, of a map binder that permits duplicates. */
  static class NormalizerChains {
    final java.util.Map<String, java.util.Set<Normalizer>> byLanguage;

    @Inject
    NormalizerChains(java.util.Map<String, java.util.Set<Normalizer>> byLanguage) {
      this.byLanguage = byLanguage;
    }
  }

  static class Stripping implements Normalizer {
    @Inject
    Stripping() {}

    @Override
    public String normalize(String text) {
      return text.strip();
    }
  }

  @Test
  void childInjector_mapBinderMultimap_replaysAndRecordsTheSameDocument() {
    Injector parent = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        binder -> binder.bindConstant().annotatedWith(Names.named("width")).to(5));
    parent.createChildInjector(binder -> {
      var byLanguage = com.google.inject.multibindings.MapBinder.newMapBinder(binder, String.class, Normalizer.class)
          .permitDuplicates();
      byLanguage.addBinding("en").to(Stripping.class);
      byLanguage.addBinding("en").to(Truncating.class);
    }).getInstance(NormalizerChains.class);
    String json = parent.getInstance(AiJsonLog.class).toJson();

    Injector serving = servingWithRecording(json);
    assertThat(serving.getInstance(NormalizerChains.class).byLanguage.get("en").stream()
        .map(n -> n.normalize(" abcdefgh")).toList()).containsExactly("abcdefgh", " abcd").inOrder();
    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }

  @Test
  void privateModule_exposedLinkBesideAnInternalOneAskedForDirectly_isRecordedUnderTheExposedKey() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new PrivateModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("width")).to(3);
        bindConstant().annotatedWith(Names.named("corpus")).to("reviews.txt");
        bind(Tokenizer.class).to(WindowTokenizer.class);
        // a second link inside the module, which nothing outside it can ask for
        bind(Tokenizer.class).annotatedWith(Names.named("inner")).to(WindowTokenizer.class);
        expose(Tokenizer.class);
      }
    });
    injector.getInstance(Tokenizer.class);

    assertThat(only(Documents.of(injector), "PrivateModulesAndChildInjectorsTest$WindowTokenizer").key())
        .isEqualTo(Tokenizer.class.getName());
  }
}
