package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.all;
import static dev.aijson.guice.Documents.only;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A singleton binding whose {@code @Provides} method returns what another var made (the result of
 * an {@code @AiJson} call): what received it references that var, and since Guice's singleton
 * scope gave every holder the one object, replay gives every holder one object too.
 */
class SingletonHeldProductsTest {
  private static final String P = "SingletonHeldProductsTest$";

  /** Trained weights: not a JSON value, so a holder references the var that made them. */
  static class Weights {
    final double[] values;

    Weights(double[] values) {
      this.values = values;
    }
  }

  /** Fits weights; each fit is logged as a call. */
  static class Trainer {
    @Inject
    Trainer() {}

    @AiJson
    public Weights fit(int epochs, double learningRate) {
      return new Weights(new double[] {epochs, learningRate});
    }
  }

  /** An unscoped component, made once per request, holding the trained weights. */
  static class Scorer {
    final Weights weights;

    @Inject
    Scorer(@Named("best") Weights weights) {
      this.weights = weights;
    }
  }

  /** Trains once, in a singleton provider, as a training module does. */
  static class TrainingModule extends AbstractModule {
    @Provides
    @Singleton
    @Named("best")
    Weights best(Trainer trainer) {
      return trainer.fit(8, 0.01);
    }
  }

  /** Trains afresh for every holder: the unscoped twin of {@link TrainingModule}. */
  static class RetrainingModule extends AbstractModule {
    @Provides
    @Named("best")
    Weights best(Trainer trainer) {
      return trainer.fit(8, 0.01);
    }
  }

  private static String recordTwoScorers(Stage stage, AbstractModule module) {
    Injector training = Guice.createInjector(stage, new AiJsonModule().withoutEnvironment(), module);
    training.getInstance(Scorer.class);
    training.getInstance(Scorer.class);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void record_singletonProvidesReturnsACallResult_callIsWrittenSingleton() {
    AiJsonDocument document = AiJsonDocument.parse(recordTwoScorers(Stage.DEVELOPMENT, new TrainingModule()));

    assertThat(only(document, P + "Trainer#fit").singleton()).isTrue();
    assertThat(only(document, P + "Trainer#fit").key()).isNull();
  }

  @Test
  void record_unscopedProvidesReturnsACallResult_eachCallStaysUnscoped() {
    AiJsonDocument document = AiJsonDocument.parse(recordTwoScorers(Stage.DEVELOPMENT, new RetrainingModule()));

    assertThat(all(document, P + "Trainer#fit").stream().map(v -> v.singleton()).toList())
        .containsExactly(false, false);
  }

  // broke: replay built the call once per request, so two scorers got two trained weights
  @Test
  void replay_twoRequestsOfAnUnscopedHolder_shareTheSingletonsCallResult() {
    for (Stage stage : List.of(Stage.DEVELOPMENT, Stage.PRODUCTION)) {
      Injector serving = Guice.createInjector(stage,
          ReplayModule.allowing("dev.aijson.guice").from(recordTwoScorers(stage, new TrainingModule())));

      Scorer first = serving.getInstance(Scorer.class);
      Scorer second = serving.getInstance(Scorer.class);

      assertThat(second.weights).isSameInstanceAs(first.weights);
      assertThat(first.weights.values).usingExactEquality().containsExactly(8.0, 0.01).inOrder();
    }
  }

  @Test
  void replay_unscopedProvidesReturnsACallResult_eachRequestGetsItsOwn() {
    Injector serving = Guice.createInjector(
        ReplayModule.allowing("dev.aijson.guice").from(recordTwoScorers(Stage.DEVELOPMENT, new RetrainingModule())));

    assertThat(serving.getInstance(Scorer.class).weights)
        .isNotSameInstanceAs(serving.getInstance(Scorer.class).weights);
  }

  @Test
  void replay_recordedAgain_keepsTheCallSingletonAndSharedByBothHolders() {
    Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(recordTwoScorers(Stage.DEVELOPMENT, new TrainingModule())));
    serving.getInstance(Scorer.class);
    serving.getInstance(Scorer.class);

    AiJsonDocument again = Documents.of(serving);
    AiJsonVar fit = only(again, P + "Trainer#fit");
    assertThat(fit.singleton()).isTrue();
    assertThat(all(again, P + "Scorer").stream().map(v -> v.kwargs().get("weights")).toList())
        .containsExactly(AiJsonRef.to(fit.name()), AiJsonRef.to(fit.name()));
  }
}
