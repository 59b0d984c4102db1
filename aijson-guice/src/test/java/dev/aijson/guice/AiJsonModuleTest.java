package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.all;
import static dev.aijson.guice.Documents.only;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.Binding;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.outside.Clock;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What AiJsonModule records for each kind of binding. */
class AiJsonModuleTest {
  private static final String P = "AiJsonModuleTest$";

  interface Embedder {}

  static class HashEmbedder implements Embedder {
    final int dim;

    @Inject
    HashEmbedder(@Named("dim") int dim) {
      this.dim = dim;
    }
  }

  static class Classifier {
    final Embedder embedder;

    @Inject
    Classifier(Embedder embedder) {
      this.embedder = embedder;
    }
  }

  static class EmbedderModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Embedder.class).to(HashEmbedder.class);
      bindConstant().annotatedWith(Names.named("dim")).to(64);
    }
  }

  @Test
  void linkedBinding_requestedByInterface_logsImplementationUnderInterfaceKey() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new EmbedderModule());
    injector.getInstance(Embedder.class);

    AiJsonVar var = only(Documents.of(injector), P + "HashEmbedder");
    assertThat(var.kind()).isEqualTo(AiJsonVar.Kind.CONSTRUCTOR);
    assertThat(var.module()).isEqualTo("dev.aijson.guice");
    assertThat(var.key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$Embedder");
    assertThat(var.signature()).containsExactly("int");
    assertThat(var.kwargs()).containsExactly("dim", 64L);
  }

  /** Binds two keys to one class: a provision of the class may have come through either. */
  static class TwoEmbeddersModule extends EmbedderModule {
    @Override
    protected void configure() {
      super.configure();
      bind(Embedder.class).annotatedWith(Names.named("hashed")).to(HashEmbedder.class);
    }
  }

  @Test
  void linkedBinding_twoKeysLinkedToOneClass_logsUnderTheClassKey() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new TwoEmbeddersModule());
    injector.getInstance(Key.get(Embedder.class, Names.named("hashed")));
    injector.getInstance(Embedder.class);

    // which of the two keys each provision came through is not known: both name the class's own
    List<AiJsonVar> embedders = all(Documents.of(injector), P + "HashEmbedder");
    assertThat(embedders).hasSize(2);
    for (AiJsonVar embedder : embedders) {
      assertThat(embedder.key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$HashEmbedder");
    }
  }

  @Test
  void linkedBinding_injectedIntoConstructor_logsInterfaceKeyAndReference() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new EmbedderModule());
    injector.getInstance(Classifier.class);

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar embedder = only(document, P + "HashEmbedder");
    AiJsonVar classifier = only(document, P + "Classifier");
    assertThat(embedder.key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$Embedder");
    assertThat(classifier.kwargs()).containsExactly("embedder", AiJsonRef.to(embedder.name()));
    assertThat(classifier.signature()).containsExactly("dev.aijson.guice.AiJsonModuleTest$Embedder");
  }

  @com.google.inject.ImplementedBy(WordTokenizer.class)
  interface Tokenizer {}

  static class WordTokenizer implements Tokenizer, Splitter {
    final int vocab;

    @Inject
    WordTokenizer(@Named("vocab") int vocab) {
      this.vocab = vocab;
    }
  }

  @com.google.inject.ImplementedBy(WordTokenizer.class)
  interface Splitter {}

  static class TokenizerModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("vocab")).to(30_000);
      bind(Embedder.class).annotatedWith(Names.named("hashed")).to(HashEmbedder.class);
      bindConstant().annotatedWith(Names.named("dim")).to(64);
    }
  }

  @Test
  void implementedBy_requestedByInterface_logsImplementationUnderInterfaceKeyAndReplays() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new TokenizerModule());
    // an annotated key first: the interface's just-in-time link must still be found after it
    injector.getInstance(Key.get(Embedder.class, Names.named("hashed")));
    injector.getInstance(Tokenizer.class);

    AiJsonDocument document = Documents.of(injector);
    assertThat(only(document, P + "HashEmbedder").key())
        .isEqualTo("@com.google.inject.name.Named(\"hashed\") dev.aijson.guice.AiJsonModuleTest$Embedder");
    AiJsonVar tokenizer = only(document, P + "WordTokenizer");
    assertThat(tokenizer.key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$Tokenizer");
    assertThat(tokenizer.kwargs()).containsExactly("vocab", 30_000L);

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(document.toJson()));
    assertThat(((WordTokenizer) serving.getInstance(Tokenizer.class)).vocab).isEqualTo(30_000);
  }

  @Test
  void implementedBy_twoInterfacesLinkedToOneClass_logsUnderTheClassKey() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new TokenizerModule());
    injector.getInstance(Splitter.class); // a second just-in-time link to WordTokenizer
    injector.getInstance(Tokenizer.class);

    // the first came through the only link made then; which of the two links the second came
    // through is not known
    List<AiJsonVar> tokenizers = all(Documents.of(injector), P + "WordTokenizer");
    assertThat(tokenizers).hasSize(2);
    assertThat(tokenizers.get(0).key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$Splitter");
    assertThat(tokenizers.get(1).key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$WordTokenizer");
  }

  static class Vocabulary {
    @Inject
    Vocabulary() {}
  }

  @Test
  void justInTimeBinding_noModule_logsConstructorUnderItsClass() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    injector.getInstance(Vocabulary.class);

    AiJsonVar var = only(Documents.of(injector), P + "Vocabulary");
    assertThat(var.key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$Vocabulary");
    assertThat(var.singleton()).isFalse();
    assertThat(var.kwargs()).isEmpty();
  }

  @Test
  void explicitBinding_inSingleton_logsScopeSingleton() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Vocabulary.class).in(Singleton.class);
              }
            });
    injector.getInstance(Vocabulary.class);

    assertThat(only(Documents.of(injector), P + "Vocabulary").singleton()).isTrue();
  }

  interface Layer {
    int size();
  }

  record Dense(int inputs, int outputs) implements Layer {
    @Override
    public int size() {
      return inputs * outputs;
    }
  }

  static class Mlp implements Layer {
    final int hidden;

    Mlp(int hidden) {
      this.hidden = hidden;
    }

    @Override
    public int size() {
      return hidden;
    }
  }

  static class LayerModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("hidden")).to(32);
    }

    @Provides
    @Named("main")
    Layer mainLayer(@Named("hidden") int nHidden, Vocabulary vocabulary) {
      return new Mlp(nHidden);
    }
  }

  @Test
  void providesMethod_logsProvidesVarWithItsParameters() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new LayerModule());
    injector.getInstance(Key.get(Layer.class, Names.named("main")));

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar vocabulary = only(document, P + "Vocabulary");
    AiJsonVar layer = only(document, P + "LayerModule#mainLayer");
    assertThat(layer.kind()).isEqualTo(AiJsonVar.Kind.PROVIDES);
    assertThat(layer.key())
        .isEqualTo("@com.google.inject.name.Named(\"main\") dev.aijson.guice.AiJsonModuleTest$Layer");
    assertThat(layer.signature())
        .containsExactly("int", "dev.aijson.guice.AiJsonModuleTest$Vocabulary")
        .inOrder();
    assertThat(layer.kwargs())
        .containsExactly("nHidden", 32L, "vocabulary", AiJsonRef.to(vocabulary.name()))
        .inOrder();
  }

  static class Hyper {
    final String name;
    final long steps;
    final double rate;
    final boolean shuffle;

    @Inject
    Hyper(
        @Named("name") String name,
        @Named("steps") long steps,
        @Named("rate") double rate,
        @Named("shuffle") boolean shuffle) {
      this.name = name;
      this.steps = steps;
      this.rate = rate;
      this.shuffle = shuffle;
    }
  }

  @Test
  void constants_fromBindConstant_areLoggedInline() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bindConstant().annotatedWith(Names.named("name")).to("bpe");
                bindConstant().annotatedWith(Names.named("steps")).to(1000L);
                bindConstant().annotatedWith(Names.named("rate")).to(0.25);
                bindConstant().annotatedWith(Names.named("shuffle")).to(true);
              }
            });
    injector.getInstance(Hyper.class);

    assertThat(only(Documents.of(injector), P + "Hyper").kwargs())
        .containsExactly("name", "bpe", "steps", 1000L, "rate", new BigDecimal("0.25"), "shuffle", true)
        .inOrder();
  }

  @Test
  void constants_fromBindProperties_areConvertedAndLoggedInline() {
    Properties properties = new Properties();
    properties.setProperty("name", "unigram");
    properties.setProperty("steps", "250");
    properties.setProperty("rate", "0.5");
    properties.setProperty("shuffle", "false");
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                Names.bindProperties(binder(), properties);
              }
            });
    injector.getInstance(Hyper.class);

    assertThat(only(Documents.of(injector), P + "Hyper").kwargs())
        .containsExactly("name", "unigram", "steps", 250L, "rate", new BigDecimal("0.5"), "shuffle", false)
        .inOrder();
  }

  static class Labelled {
    @Inject
    Labelled(@Named("labels") List<String> labels, Map<String, Integer> classes, Dense shape) {}
  }

  @Test
  void toInstance_jsonValues_areLoggedInlineWithGenericSignature() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(new TypeLiteral<List<String>>() {})
                    .annotatedWith(Names.named("labels"))
                    .toInstance(List.of("good", "bad", "ugly"));
                bind(new TypeLiteral<Map<String, Integer>>() {}).toInstance(Map.of("good", 0));
                bind(Dense.class).toInstance(new Dense(3, 4));
              }
            });
    injector.getInstance(Labelled.class);

    AiJsonVar var = only(Documents.of(injector), P + "Labelled");
    assertThat(var.signature())
        .containsExactly(
            "java.util.List<java.lang.String>",
            "java.util.Map<java.lang.String, java.lang.Integer>",
            "dev.aijson.guice.AiJsonModuleTest$Dense")
        .inOrder();
    assertThat(var.kwargs())
        .containsExactly(
            "labels", List.of("good", "bad", "ugly"),
            "classes", Map.of("good", 0L),
            "shape", Map.of("inputs", 3L, "outputs", 4L))
        .inOrder();
  }

  static class DataSource {}

  static class Reader {
    @Inject
    Reader(DataSource source, DataSource again) {}
  }

  @Test
  void toInstance_nonJsonValue_isOneOpaqueVarWithItsKey() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(DataSource.class).toInstance(new DataSource());
              }
            });
    injector.getInstance(Reader.class);

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar source = only(document, P + "DataSource");
    assertThat(source.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(source.key()).isEqualTo("dev.aijson.guice.AiJsonModuleTest$DataSource");
    assertThat(only(document, P + "Reader").kwargs())
        .containsExactly("source", AiJsonRef.to(source.name()), "again", AiJsonRef.to(source.name()));
  }

  static class Cache {
    @Inject
    Cache() {}
  }

  static class Left {
    @Inject
    Left(Cache cache) {}
  }

  static class Right {
    @Inject
    Right(Cache cache) {}
  }

  static class Both {
    @Inject
    Both(Left left, Right right) {}
  }

  @Test
  void singleton_referencedTwice_isOneVar() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Cache.class).in(Singleton.class);
              }
            });
    injector.getInstance(Both.class);

    AiJsonDocument document = Documents.of(injector);
    AiJsonRef cache = AiJsonRef.to(only(document, P + "Cache").name());
    assertThat(only(document, P + "Left").kwargs()).containsExactly("cache", cache);
    assertThat(only(document, P + "Right").kwargs()).containsExactly("cache", cache);
  }

  @Test
  void singleton_alreadyBuiltBeforeTheConsumer_isReferencedNotLoggedAgain() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Cache.class).in(Singleton.class);
              }
            });
    injector.getInstance(Cache.class);
    injector.getInstance(Left.class);

    AiJsonDocument document = Documents.of(injector);
    assertThat(document.vars()).hasSize(2);
    assertThat(only(document, P + "Left").kwargs())
        .containsExactly("cache", AiJsonRef.to(only(document, P + "Cache").name()));
  }

  @Test
  void unscoped_referencedTwice_isTwoVars() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    injector.getInstance(Both.class);

    AiJsonDocument document = Documents.of(injector);
    List<AiJsonVar> caches = all(document, P + "Cache");
    assertThat(caches).hasSize(2);
    assertThat(only(document, P + "Left").kwargs()).containsExactly("cache", AiJsonRef.to(caches.get(0).name()));
    assertThat(only(document, P + "Right").kwargs()).containsExactly("cache", AiJsonRef.to(caches.get(1).name()));
  }

  static class Lazy {
    @Inject
    Lazy(
        Provider<Vocabulary> guice,
        jakarta.inject.Provider<Vocabulary> jakarta,
        @Named("main") Provider<Layer> named) {}
  }

  @Test
  void providerParameters_guiceAndJakarta_recordTheKeyTheyProvide() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new LayerModule());
    injector.getInstance(Lazy.class);

    AiJsonVar var = only(Documents.of(injector), P + "Lazy");
    String vocabulary = "dev.aijson.guice.AiJsonModuleTest$Vocabulary";
    assertThat(var.kwargs())
        .containsExactly(
            "guice", Map.of("provider", vocabulary),
            "jakarta", Map.of("provider", vocabulary),
            "named", Map.of("provider", "@com.google.inject.name.Named(\"main\") dev.aijson.guice.AiJsonModuleTest$Layer"))
        .inOrder();
    assertThat(var.signature().get(1)).isEqualTo("jakarta.inject.Provider<" + vocabulary + ">");
    assertThat(all(Documents.of(injector), P + "Vocabulary")).isEmpty();
  }

  static class Base {
    @Inject Cache baseCache;
  }

  static class WithMembers extends Base {
    @Inject Vocabulary vocabulary;
    int seed;

    @Inject
    WithMembers() {}

    @Inject
    void setSeed(@Named("seed") int seed) {
      this.seed = seed;
    }
  }

  @Test
  void fieldAndMethodInjection_areLoggedUnderMembers() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bindConstant().annotatedWith(Names.named("seed")).to(7);
              }
            });
    injector.getInstance(WithMembers.class);

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar var = only(document, P + "WithMembers");
    assertThat(var.kwargs()).isEmpty();
    assertThat(var.members())
        .containsExactly(
            "baseCache", AiJsonRef.to(only(document, P + "Cache").name()),
            "vocabulary", AiJsonRef.to(only(document, P + "Vocabulary").name()),
            "setSeed", Map.of("seed", 7L))
        .inOrder();
  }

  public static class Model {
    final int epochs;

    Model(int epochs) {
      this.epochs = epochs;
    }
  }

  public static class Trainer {
    @Inject
    Trainer() {}

    @AiJson
    public Model fit(Vocabulary vocabulary, int epochs, double learningRate) {
      return new Model(epochs);
    }

    @AiJson
    public Model fineTune(Model model, int epochs) {
      return new Model(model.epochs + epochs);
    }
  }

  static class Server {
    @Inject
    Server(Model model) {}
  }

  @Test
  void aiJsonCall_logsReceiverKwargsAndTracksTheResult() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    Trainer trainer = injector.getInstance(Trainer.class);
    Vocabulary vocabulary = injector.getInstance(Vocabulary.class);
    Model model = trainer.fit(vocabulary, 5, 0.1);
    trainer.fineTune(model, 2);

    AiJsonDocument document = Documents.of(injector);
    AiJsonVar trainerVar = only(document, P + "Trainer");
    AiJsonVar fit = only(document, P + "Trainer#fit");
    assertThat(trainer.getClass()).isNotEqualTo(Trainer.class);
    assertThat(fit.kind()).isEqualTo(AiJsonVar.Kind.CALL);
    assertThat(fit.receiver()).isEqualTo(AiJsonRef.to(trainerVar.name()));
    assertThat(fit.signature())
        .containsExactly("dev.aijson.guice.AiJsonModuleTest$Vocabulary", "int", "double")
        .inOrder();
    assertThat(fit.kwargs())
        .containsExactly(
            "vocabulary", AiJsonRef.to(only(document, P + "Vocabulary").name()),
            "epochs", 5L,
            "learningRate", new BigDecimal("0.1"))
        .inOrder();
    assertThat(only(document, P + "Trainer#fineTune").kwargs())
        .containsExactly("model", AiJsonRef.to(fit.name()), "epochs", 2L)
        .inOrder();
  }

  /** Trains as training code does: shuffles its examples and scales its weights in place. */
  public static class ShufflingTrainer {
    @Inject
    ShufflingTrainer() {}

    @AiJson
    public Model fit(List<String> examples, double[] weights, Map<String, List<Integer>> buckets, long seed) {
      java.util.Collections.shuffle(examples, new java.util.Random(seed));
      weights[0] *= 2;
      buckets.get("a").add(9);
      buckets.put("b", new java.util.ArrayList<>());
      return new Model(examples.size());
    }
  }

  /**
   * Broke: a call's arguments were read after the call had run, so the document had the shuffled
   * examples, the scaled weights and the grown buckets, values fit never received; a replay of
   * the call would shuffle the shuffled examples again.
   */
  @Test
  void aiJsonCall_argumentsTheCallChanges_areRecordedAsTheCallReceivedThem() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    ShufflingTrainer trainer = injector.getInstance(ShufflingTrainer.class);
    List<String> examples = new java.util.ArrayList<>(List.of("a", "b", "c", "d", "e", "f"));
    double[] weights = {1.5, 2.0};
    Map<String, List<Integer>> buckets = new java.util.LinkedHashMap<>();
    buckets.put("a", new java.util.ArrayList<>(List.of(1)));
    trainer.fit(examples, weights, buckets, 42L);

    assertThat(examples).isNotEqualTo(List.of("a", "b", "c", "d", "e", "f")); // the call's work stands
    assertThat(weights[0]).isEqualTo(3.0);
    assertThat(only(Documents.of(injector), P + "ShufflingTrainer#fit").kwargs())
        .containsExactly(
            "examples", List.of("a", "b", "c", "d", "e", "f"),
            "weights", List.of(new BigDecimal("1.5"), new BigDecimal("2.0")),
            "buckets", Map.of("a", List.of(1L)),
            "seed", 42L)
        .inOrder();
  }

  /** An interceptor of the application's own, after AiJsonModule's, that caps the epochs. */
  @Test
  void aiJsonCall_argumentAnInterceptorReplaces_isRecordedAsTheMethodGotIt() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bindInterceptor(com.google.inject.matcher.Matchers.subclassesOf(Trainer.class),
            com.google.inject.matcher.Matchers.any(),
            (org.aopalliance.intercept.MethodInterceptor) invocation -> {
              invocation.getArguments()[1] = Math.min((Integer) invocation.getArguments()[1], 3);
              return invocation.proceed();
            });
      }
    });
    Model model = injector.getInstance(Trainer.class).fit(injector.getInstance(Vocabulary.class), 50, 0.1);

    assertThat(model.epochs).isEqualTo(3);
    assertThat(only(Documents.of(injector), P + "Trainer#fit").kwargs().get("epochs")).isEqualTo(3L);
  }

  static class ServingModule extends AbstractModule {
    @Provides
    @Singleton
    Model model(Trainer trainer, Vocabulary vocabulary) {
      return trainer.fit(vocabulary, 3, 0.5);
    }
  }

  @Test
  void aiJsonCall_resultInjectedLater_isReferencedByTheComponent() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new ServingModule());
    injector.getInstance(Server.class);

    AiJsonDocument document = Documents.of(injector);
    assertThat(only(document, P + "Server").kwargs())
        .containsExactly("model", AiJsonRef.to(only(document, P + "Trainer#fit").name()));
  }

  static class Coach {
    @Inject
    Coach(Trainer trainer) {}
  }

  @Test
  void opaqueInstanceOfGuiceEnhancedClass_isNamedByTheUserClass() {
    Trainer enhanced = Guice.createInjector(new AiJsonModule()).getInstance(Trainer.class);
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(Trainer.class).toInstance(enhanced);
              }
            });
    injector.getInstance(Coach.class);

    assertThat(enhanced.getClass()).isNotEqualTo(Trainer.class);
    AiJsonVar trainer = only(Documents.of(injector), P + "Trainer");
    assertThat(trainer.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }

  @Test
  void guiceOwnBindings_areNeverLogged() {
    Injector injector = Guice.createInjector(new AiJsonModule());
    injector.getInstance(Injector.class);
    injector.getInstance(AiJsonLog.class);
    injector.getInstance(java.util.logging.Logger.class);
    injector.getInstance(com.google.inject.Stage.class);

    assertThat(Documents.of(injector).vars()).isEmpty();
  }

  static class Timed {
    @Inject
    Timed(Clock clock, Vocabulary vocabulary) {}
  }

  @Test
  void onlyPackages_componentFromElsewhere_isOpaqueAndNotLogged() {
    Injector injector = Guice.createInjector(new AiJsonModule().onlyPackages("dev.aijson.guice"));
    injector.getInstance(Timed.class);
    injector.getInstance(Clock.class);

    AiJsonDocument document = Documents.of(injector);
    assertThat(document.vars()).hasSize(3);
    AiJsonRef clockRef = (AiJsonRef) only(document, P + "Timed").kwargs().get("clock");
    AiJsonVar clock = document.var(clockRef.var());
    assertThat(clock.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(clock.module()).isEqualTo("dev.aijson.outside");
    assertThat(clock.caller()).isEqualTo("Clock");
    assertThat(clock.key()).isEqualTo("dev.aijson.outside.Clock");
  }

  @Test
  void onlyPackages_subpackagesCount_andOtherPackagesDoNot() {
    Injector injector = Guice.createInjector(new AiJsonModule().onlyPackages("dev.aijson"));
    injector.getInstance(Clock.class);
    assertThat(only(Documents.of(injector), "Clock").kind()).isEqualTo(AiJsonVar.Kind.CONSTRUCTOR);

    Injector other = Guice.createInjector(new AiJsonModule().onlyPackages("dev.aijson.out"));
    other.getInstance(Clock.class);
    assertThat(Documents.of(other).vars()).isEmpty();
  }

  @Test
  void onlyPackages_wildcard_isRejectedNamingTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AiJsonModule().onlyPackages("dev.aijson.*"));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonModule.onlyPackages: \"dev.aijson.*\" is not a"
        + " package name, so no class would match it and nothing would be recorded. Write it as"
        + " com.acme.models (sub-packages are included, no wildcard).");
  }

  @Test
  void onlyPackages_nullName_isRejectedNamingIt() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new AiJsonModule().onlyPackages("dev.aijson", null));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonModule.onlyPackages: packages[1] is null. Pass"
        + " package names such as \"com.acme.models\".");
  }

  @Test
  void onlyPackages_noName_isRejectedNamingTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AiJsonModule().onlyPackages());

    assertThat(e).hasMessageThat().isEqualTo("AiJsonModule.onlyPackages: no package name was given,"
        + " and a module restricted to no package would record nothing. Pass package names such as"
        + " \"com.acme.models\", or leave onlyPackages out to record every package.");
  }

  @Test
  void onlyBindings_matcherExcludesBinding_itIsNotLogged() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule()
                .onlyBindings(
                    new AbstractMatcher<Binding<?>>() {
                      @Override
                      public boolean matches(Binding<?> binding) {
                        return !binding.getKey().equals(Key.get(Cache.class));
                      }
                    }));
    injector.getInstance(Left.class);

    AiJsonDocument document = Documents.of(injector);
    assertThat(all(document, P + "Cache").stream().map(AiJsonVar::kind).toList())
        .containsExactly(AiJsonVar.Kind.OPAQUE);
    AiJsonRef cache = (AiJsonRef) only(document, P + "Left").kwargs().get("cache");
    assertThat(document.var(cache.var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }

  static class Priced {
    @Inject
    Priced(@Named("currency") String currency) {}
  }

  @Test
  void stringConstant_startingWithDollar_survivesTheRoundTrip() {
    Injector injector =
        Guice.createInjector(
            new AiJsonModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bindConstant().annotatedWith(Names.named("currency")).to("$USD");
              }
            });
    injector.getInstance(Priced.class);

    String json = injector.getInstance(AiJsonLog.class).toJson();
    assertThat(json).contains("\"currency\": \"$$USD\"");
    assertThat(only(AiJsonDocument.parse(json), P + "Priced").kwargs()).containsExactly("currency", "$USD");
  }

  /** A data loader that fails the first time (the file is not there yet), as real ones do. */
  static class FlakyLoader {
    static final java.util.concurrent.atomic.AtomicBoolean FAIL = new java.util.concurrent.atomic.AtomicBoolean();

    @Inject
    FlakyLoader() {
      if (FAIL.getAndSet(false)) {
        throw new IllegalStateException("corpus.txt is not there yet");
      }
    }
  }

  static class Featurizer {
    @Inject
    Featurizer(@Named("size") int size) {}
  }

  static class Job {
    @Inject
    Job(Featurizer featurizer, FlakyLoader loader) {}
  }

  static class Report {
    @Inject
    Report(@Named("title") String title) {}
  }

  /**
   * Broke: a provision that threw left its frame, and its parent's, as they were, so the next
   * provision on the thread was recorded with the failed one's plan and arguments: Report was
   * written as a Job built from the failed attempt's Featurizer and an opaque FlakyLoader that was
   * never made, and Report itself was missing.
   */
  @Test
  void provisionThatThrowsHalfwayThroughAGraph_laterProvisionsAreRecordedAsThemselves() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("size")).to(3);
        bindConstant().annotatedWith(Names.named("title")).to("weekly");
      }
    });
    FlakyLoader.FAIL.set(true);
    com.google.inject.ProvisionException e = org.junit.jupiter.api.Assertions.assertThrows(
        com.google.inject.ProvisionException.class, () -> injector.getInstance(Job.class));
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("corpus.txt is not there yet");
    injector.getInstance(Report.class);
    injector.getInstance(Job.class);

    AiJsonDocument document = Documents.of(injector);
    assertThat(document.vars().stream().map(var -> var.kind() + " " + var.caller() + " " + var.kwargs()).toList())
        .containsExactly(
            "CONSTRUCTOR AiJsonModuleTest$Featurizer {size=3}",
            "CONSTRUCTOR AiJsonModuleTest$Report {title=weekly}",
            "CONSTRUCTOR AiJsonModuleTest$Featurizer {size=3}",
            "CONSTRUCTOR AiJsonModuleTest$FlakyLoader {}",
            "CONSTRUCTOR AiJsonModuleTest$Job {featurizer=$var2, loader=$var3}")
        .inOrder();
  }
}
