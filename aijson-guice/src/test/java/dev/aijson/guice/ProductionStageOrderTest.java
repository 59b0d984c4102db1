package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code Stage.PRODUCTION}: the just-in-time singletons Guice makes eagerly, which it makes in
 * the order of a hash table keyed by identity hash codes, are recorded in the order of their keys'
 * names, so that a pipeline gives the same document in every JVM.
 */
class ProductionStageOrderTest {
  // shared services of a serving pipeline, each a just-in-time singleton that only unscoped
  // components take, so that no module-bound singleton makes it first
  @Singleton static class Vocabulary { @Inject Vocabulary() {} }

  @Singleton static class Metrics { @Inject Metrics() {} }

  @Singleton static class Clock { @Inject Clock() {} }

  @Singleton static class FeatureCache { @Inject FeatureCache() {} }

  @Singleton static class Stopwords { @Inject Stopwords() {} }

  @Singleton static class Embeddings { @Inject Embeddings() {} }

  @Singleton static class Lexicon { @Inject Lexicon() {} }

  @Singleton static class Alphabet { @Inject Alphabet() {} }

  static class Tokenizer {
    @Inject
    Tokenizer(Vocabulary vocabulary, Stopwords stopwords, Alphabet alphabet, Lexicon lexicon) {}
  }

  static class Decoder {
    @Inject
    Decoder(Clock clock, FeatureCache cache, Embeddings embeddings, Metrics metrics, Vocabulary vocabulary) {}
  }

  /** The serving module: per-request components bound, their shared services left to Guice. */
  static final class ServingModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Tokenizer.class);
      bind(Decoder.class);
    }
  }

  private static final List<Class<?>> SERVICES_BY_NAME = List.of(Alphabet.class, Clock.class, Embeddings.class,
      FeatureCache.class, Lexicon.class, Metrics.class, Stopwords.class, Vocabulary.class);

  private static String record(Module... modules) {
    List<Module> all = new ArrayList<>(List.of(modules));
    all.add(0, new AiJsonModule().withoutEnvironment());
    Injector injector = Guice.createInjector(Stage.PRODUCTION, all);
    injector.getInstance(Tokenizer.class);
    injector.getInstance(Decoder.class);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static List<String> keys(String json) {
    List<String> keys = new ArrayList<>();
    for (AiJsonVar var : AiJsonDocument.parse(json).vars()) {
      keys.add(var.key());
    }
    return keys;
  }

  @Test
  void productionStage_justInTimeSingletonsMadeEagerly_recordedInTheOrderOfTheirKeys() {
    List<String> keys = keys(record(new ServingModule()));

    List<String> expected = new ArrayList<>();
    for (Class<?> service : SERVICES_BY_NAME) {
      expected.add(service.getName());
    }
    // eight classes in Guice's hash order would come sorted by their names once in 40,320 runs
    assertThat(keys.subList(0, SERVICES_BY_NAME.size())).containsExactlyElementsIn(expected).inOrder();
  }

  @Test
  void productionStage_justInTimeSingletons_sameDocumentAsBindingThemInTheOrderOfTheirKeys() {
    String bound = record(new ServingModule(), new AbstractModule() {
      @Override
      protected void configure() {
        for (Class<?> service : SERVICES_BY_NAME) {
          bind(service);
        }
      }
    });

    assertThat(record(new ServingModule())).isEqualTo(bound);
  }

  @Test
  void productionStage_aJustInTimeSingletonNeededByAModuleBoundSingleton_staysWhereThatSingletonMakesIt() {
    class SharedModule extends AbstractModule {
      @Override
      protected void configure() {
        bind(Decoder.class).in(Singleton.class);
        bind(Tokenizer.class);
      }
    }

    List<String> keys = keys(record(new SharedModule()));

    // the module's singleton comes first with what it takes; the rest in the order of their keys
    assertThat(keys.subList(0, 6)).containsExactly(Clock.class.getName(), FeatureCache.class.getName(),
        Embeddings.class.getName(), Metrics.class.getName(), Vocabulary.class.getName(), Decoder.class.getName())
        .inOrder();
    assertThat(keys.subList(6, 9)).containsExactly(Alphabet.class.getName(), Lexicon.class.getName(),
        Stopwords.class.getName()).inOrder();
  }

  static final AtomicInteger BROKEN_MADE = new AtomicInteger();

  @Singleton
  static class BrokenIndex {
    @Inject
    BrokenIndex() {
      BROKEN_MADE.incrementAndGet();
      throw new IllegalStateException("index file missing");
    }
  }

  static class Searcher {
    @Inject
    Searcher(BrokenIndex index, Alphabet alphabet, Vocabulary vocabulary) {}
  }

  @Test
  void productionStage_aJustInTimeSingletonThatThrows_failsTheInjectorAsWithoutRecording() {
    Module searching = new AbstractModule() {
      @Override
      protected void configure() {
        bind(Searcher.class);
      }
    };
    BROKEN_MADE.set(0);
    CreationException plain = assertThrows(CreationException.class,
        () -> Guice.createInjector(Stage.PRODUCTION, searching));
    int plainAttempts = BROKEN_MADE.getAndSet(0);

    CreationException recorded = assertThrows(CreationException.class,
        () -> Guice.createInjector(Stage.PRODUCTION, new AiJsonModule().withoutEnvironment(), searching));

    assertThat(recorded.getErrorMessages()).hasSize(plain.getErrorMessages().size());
    assertThat(recorded.getMessage()).contains("index file missing");
    assertThat(recorded.getMessage()).contains(BrokenIndex.class.getSimpleName());
    // Guice makes it again after the recording's attempt, and reports what failed as it would
    assertThat(BROKEN_MADE.get()).isAtMost(plainAttempts + 1);
  }

  @Test
  void developmentStage_justInTimeSingletons_madeWhenFirstAskedFor() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new ServingModule());
    injector.getInstance(Decoder.class);

    assertThat(keys(injector.getInstance(AiJsonLog.class).toJson())).containsExactly(Clock.class.getName(),
        FeatureCache.class.getName(), Embeddings.class.getName(), Metrics.class.getName(),
        Vocabulary.class.getName(), Decoder.class.getName()).inOrder();
  }
}
