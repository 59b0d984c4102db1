package dev.aijson.example;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the recorded document of a training run holds the pipeline's hyperparameters. */
class PipelineDocumentTest {
  @TempDir static Path folder;

  private static String subset;
  private static AiJsonDocument document;

  @BeforeAll
  static void train() throws IOException {
    subset = TrainingSubset.write(folder, 150);
    document = Train.run(new SentimentModule().withTrainingFile(subset), SentimentModule.TEST_FILE,
        folder.resolve("out")).document();
  }

  private static AiJsonVar only(String caller) {
    return document.vars().stream().filter(v -> v.caller().equals(caller)).reduce((a, b) -> {
      throw new AssertionError("two vars for " + caller);
    }).orElseThrow(() -> new AssertionError("no var for " + caller + " in\n" + document.toJson()));
  }

  @Test
  void tokenizerVar_holdsVocabSizeAndCorpus() {
    AiJsonVar tokenizer = only("SubwordTokenizer");

    assertThat(tokenizer.kind()).isEqualTo(AiJsonVar.Kind.CONSTRUCTOR);
    assertThat(tokenizer.key()).isEqualTo("dev.aijson.example.Tokenizer");
    assertThat(tokenizer.kwargs()).containsExactly("corpusFile", subset, "vocabSize", 1000L).inOrder();
  }

  @Test
  void providesVar_readsTheLayerHyperparametersFromTheModulesConfig() {
    AiJsonVar layer = only("SentimentModule#classifier");
    AiJsonVar module = only("SentimentModule");

    assertThat(layer.kind()).isEqualTo(AiJsonVar.Kind.PROVIDES);
    assertThat(layer.singleton()).isTrue();
    assertThat(layer.kwargs()).isEmpty();
    assertThat(layer.receiver()).isEqualTo(AiJsonRef.to(module.name()));
    assertThat(module.kind()).isEqualTo(AiJsonVar.Kind.MODULE);
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) module.members().get("config");
    assertThat(config).containsAtLeast("ngramOrder", 2L, "minibatchSize", 1L,
        "adagradEpsilon", new BigDecimal("0.1"), "epochs", 10L, "learningRate", new BigDecimal("0.5"));
    assertThat(config).containsEntry("vocabSize", 1000L);
    assertThat(config).containsEntry("labels", SentimentModule.LABELS);
  }

  @Test
  void fitCallVar_holdsEpochsLearningRateAndSeed() {
    AiJsonVar fit = only("Trainer#fit");

    assertThat(fit.kind()).isEqualTo(AiJsonVar.Kind.CALL);
    assertThat(fit.receiver()).isEqualTo(AiJsonRef.to(only("Trainer").name()));
    assertThat(fit.kwargs())
        .containsExactly("pipeline", AiJsonRef.to(only("SentimentPipeline").name()), "epochs", 10L,
            "learningRate", new BigDecimal("0.5"), "seed", 42L)
        .inOrder();
  }

  @Test
  void preprocessingSteps_areAMultibinderOfTheirVarsInOrder() {
    AiJsonVar steps = only("Multibinder");

    assertThat(steps.kind()).isEqualTo(AiJsonVar.Kind.MULTIBINDING);
    assertThat(steps.key()).isEqualTo("java.util.Set<dev.aijson.example.TextNormalizer>");
    assertThat(steps.kwargs()).containsExactly("elements", java.util.List.of(
        AiJsonRef.to(only("UnicodeNormalizer").name()), AiJsonRef.to(only("RepeatLimiter").name())));
    assertThat(only("RepeatLimiter").kwargs()).containsExactly("maxRepeat", 2L);
  }

  @Test
  void pipelineVar_referencesItsFourParts() {
    AiJsonVar pipeline = only("SentimentPipeline");

    assertThat(pipeline.kwargs())
        .containsExactly(
            "preprocessing", AiJsonRef.to(only("Multibinder").name()),
            "tokenizer", AiJsonRef.to(only("SubwordTokenizer").name()),
            "layer", AiJsonRef.to(only("SentimentModule#classifier").name()),
            "labels", AiJsonRef.to(only("LabelReader").name()))
        .inOrder();
    assertThat(only("LabelReader").kwargs()).containsExactly("labels", SentimentModule.LABELS);
  }

  @Test
  void sameTraining_recordedTwice_byteIdenticalJson() throws IOException {
    AiJsonDocument again = Train.run(new SentimentModule().withTrainingFile(subset), SentimentModule.TEST_FILE,
        folder.resolve("again")).document();

    assertThat(again.toJson()).isEqualTo(document.toJson());
  }
}
