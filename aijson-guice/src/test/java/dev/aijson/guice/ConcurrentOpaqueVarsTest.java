package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An object the recording did not build (bound with {@code toInstance}, or handed to a provider
 * method from outside the injector) is one {@code opaque} var, however many threads first see it
 * at once: serving supplies it once, by that var's name, and every component that received it
 * references that var. Regression: two threads provisioning at the same moment each looked the
 * object up, found no var, and each added one, so the document named two objects where the
 * application had one, and {@code withInstance} of one of them left the other unsupplied.
 */
class ConcurrentOpaqueVarsTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 200;

  /** A vocabulary loaded from disk before the injector exists: no bean, no JSON value. */
  static final class Vocabulary {
    private final int size;

    Vocabulary(int size) {
      this.size = size;
    }

    int size() {
      return size;
    }
  }

  /** Made fresh for every request, from the one vocabulary. */
  static class RequestTokenizer {
    final Vocabulary vocabulary;

    @Inject
    RequestTokenizer(Vocabulary vocabulary) {
      this.vocabulary = vocabulary;
    }
  }

  /** A decoder a provider method makes for every request, from the same vocabulary. */
  record Decoder(Vocabulary vocabulary, int beams) {}

  static final class ServingModule extends AbstractModule {
    private final Vocabulary vocabulary;

    ServingModule(Vocabulary vocabulary) {
      this.vocabulary = vocabulary;
    }

    @Override
    protected void configure() {
      bind(Vocabulary.class).toInstance(vocabulary);
    }

    @Provides
    Decoder decoder(Vocabulary vocabulary) {
      return new Decoder(vocabulary, 4);
    }
  }

  @Test
  void manyThreadsFirstSeeingAnInstance_recordItAsOneOpaqueVar_thatEveryComponentReferences() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Vocabulary vocabulary = new Vocabulary(32_000);
        Injector injector = Guice.createInjector(new AiJsonModule(), new ServingModule(vocabulary));
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          boolean decoder = t % 2 == 0;
          workers.add(pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return decoder ? injector.getInstance(Decoder.class) : injector.getInstance(RequestTokenizer.class);
          }));
        }
        for (Future<?> worker : workers) {
          worker.get(30, TimeUnit.SECONDS);
        }

        AiJsonDocument document = AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
        List<AiJsonVar> opaque = document.vars().stream()
            .filter(var -> var.kind() == AiJsonVar.Kind.OPAQUE)
            .collect(Collectors.toList());
        assertWithMessage("round %s: opaque vars of %s", round, document.toJson()).that(opaque).hasSize(1);
        AiJsonRef only = AiJsonRef.to(opaque.get(0).name());
        // the module's field holds the same object: the module var references the one var too
        Set<Object> received = document.vars().stream()
            .filter(var -> var.kind() != AiJsonVar.Kind.OPAQUE)
            .map(var -> var.kind() == AiJsonVar.Kind.MODULE
                ? var.members().get("vocabulary") : var.kwargs().get("vocabulary"))
            .collect(Collectors.toSet());
        assertWithMessage("round %s: what each component and the module received", round).that(received)
            .containsExactly(only);
        // the vocabulary, the serving module (the receiver of decoder) and one var a provision
        assertThat(document.vars()).hasSize(2 + THREADS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
