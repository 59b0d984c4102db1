package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An {@code @AiJson} call that throws (a fit that diverges, caught by the training code, which
 * fits again with a smaller rate): the application gets its own exception, unchanged, and the
 * document has no var for the failed call, since it returned nothing that anything could hold.
 */
class CallThatThrowsTest {
  /** Thrown by a fit whose loss diverged. */
  static final class DivergedException extends RuntimeException {
    DivergedException(String message) {
      super(message);
    }
  }

  static final class Weights {
    final double learningRate;

    Weights(double learningRate) {
      this.learningRate = learningRate;
    }
  }

  static class Trainer {
    @Inject
    Trainer() {}

    @AiJson
    public Weights fit(int epochs, double learningRate) {
      if (learningRate > 0.1) {
        throw new DivergedException("loss diverged at learning rate " + learningRate);
      }
      return new Weights(learningRate);
    }
  }

  static class Scorer {
    final Weights weights;

    @Inject
    Scorer(Weights weights) {
      this.weights = weights;
    }
  }

  static final class TrainingModule extends AbstractModule {
    static final DivergedException[] caught = new DivergedException[1];

    @Provides
    @Singleton
    Weights weights(Trainer trainer) {
      try {
        return trainer.fit(5, 0.5);
      } catch (DivergedException e) {
        caught[0] = e;
        return trainer.fit(5, 0.01);
      }
    }
  }

  @Test
  void aCallThatThrows_reachesTheApplicationUnchanged_andHasNoVar() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new TrainingModule());
    Scorer scorer = training.getInstance(Scorer.class);
    assertThat(scorer.weights.learningRate).isEqualTo(0.01);
    assertThat(TrainingModule.caught[0]).hasMessageThat().isEqualTo("loss diverged at learning rate 0.5");

    String json = training.getInstance(AiJsonLog.class).toJson();
    AiJsonDocument document = AiJsonDocument.parse(json);
    List<AiJsonVar> fits = document.vars().stream().filter(v -> v.kind() == AiJsonVar.Kind.CALL).toList();
    assertThat(fits).hasSize(1);
    assertThat(fits.get(0).kwargs()).containsExactly("epochs", 5L, "learningRate", new java.math.BigDecimal("0.01")).inOrder();
    AiJsonVar scorerVar = document.vars().stream().filter(v -> v.caller().endsWith("$Scorer")).findFirst().get();
    assertThat(scorerVar.kwargs().get("weights")).isEqualTo(AiJsonRef.to(fits.get(0).name()));

    Scorer served = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Scorer.class);
    assertThat(served.weights.learningRate).isEqualTo(0.01);
  }

  @Test
  void aCallThatThrows_withNothingCaughtIt_failsTheProvisionAsWithoutRecording() {
    Injector training = Guice.createInjector(new AiJsonModule().withoutEnvironment());
    Trainer trainer = training.getInstance(Trainer.class);

    DivergedException e = assertThrows(DivergedException.class, () -> trainer.fit(3, 0.9));
    assertThat(e).hasMessageThat().isEqualTo("loss diverged at learning rate 0.9");
    assertThat(training.getInstance(AiJsonLog.class).document().vars().stream()
        .filter(v -> v.kind() == AiJsonVar.Kind.CALL).toList()).isEmpty();
  }
}
