package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * An injector made from a replay module is released once the serving code drops it, recorded or
 * not, even when the module is kept to make the next one: a service that makes an injector per
 * job must not keep every one it made.
 */
class ReplayReleaseTest {
  @Singleton
  static class Vocabulary {
    final int size;

    @Inject
    Vocabulary(@Named("vocabSize") int size) {
      this.size = size;
    }
  }

  static class Tokenizer {
    final Vocabulary vocabulary;
    final String corpus;

    @Inject
    Tokenizer(Vocabulary vocabulary, @Named("corpus") String corpus) {
      this.vocabulary = vocabulary;
      this.corpus = corpus;
    }
  }

  private static final String DOCUMENT = record();

  private static String record() {
    Injector training = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("vocabSize")).to(300);
        bindConstant().annotatedWith(Names.named("corpus")).to("corpus.txt");
        bind(Vocabulary.class);
        bind(Tokenizer.class);
      }
    });
    training.getInstance(Tokenizer.class);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  /** Makes an injector of {@code modules}, builds from it and returns a weak reference to it. */
  private static WeakReference<Injector> madeAndDropped(Module... modules) {
    Injector injector = Guice.createInjector(modules);
    Tokenizer tokenizer = injector.getInstance(Tokenizer.class);
    assertThat(tokenizer.vocabulary.size).isEqualTo(300);
    assertThat(tokenizer.corpus).isEqualTo("corpus.txt");
    return new WeakReference<>(injector);
  }

  @Test
  void injectorOfAKeptReplayModule_isReleasedWhenDropped() throws InterruptedException {
    ReplayModule kept = ReplayModule.allowing("dev.aijson.guice").from(DOCUMENT);

    WeakReference<Injector> first = madeAndDropped(kept);
    WeakReference<Injector> second = madeAndDropped(kept);

    assertThat(Collected.released(first)).isTrue();
    assertThat(Collected.released(second)).isTrue();
  }

  @Test
  void recordedReplayInjector_isReleasedWhenDropped() throws InterruptedException {
    ReplayModule kept = ReplayModule.allowing("dev.aijson.guice").from(DOCUMENT);

    WeakReference<Injector> recorded = madeAndDropped(new AiJsonModule(), kept);

    assertThat(Collected.released(recorded)).isTrue();
  }
}
