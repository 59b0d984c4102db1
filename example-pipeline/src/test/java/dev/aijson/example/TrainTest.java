package dev.aijson.example;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.Guice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a training run exports, and how well the full pipeline classifies held-out reviews. */
class TrainTest {
  @TempDir Path folder;

  @Test
  void trainingRun_writesWiringWeightsAndOnePredictionPerHeldOutSentence() throws IOException {
    Path out = folder.resolve("out");
    Train.Result result = Train.run(new SentimentModule().withTrainingFile(TrainingSubset.write(folder, 150)),
        SentimentModule.TEST_FILE, out);

    assertThat(Files.readString(out.resolve(Train.WIRING))).isEqualTo(result.document().toJson());
    assertThat(Files.size(out.resolve(Train.WEIGHTS))).isGreaterThan(0L);
    List<String> lines = Files.readAllLines(out.resolve(Train.PREDICTIONS), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(result.test().size());
    assertThat(lines.get(0)).isEqualTo(result.predictions().get(0).exact() + "\t" + result.test().get(0).text());
  }

  @Test
  void savedWeights_loadedIntoFreshPipeline_samePredictions() throws IOException {
    Path out = folder.resolve("out");
    String subset = TrainingSubset.write(folder, 150);
    Train.Result result = Train.run(new SentimentModule().withTrainingFile(subset), SentimentModule.TEST_FILE, out);

    SentimentPipeline fresh = Guice.createInjector(new SentimentModule().withTrainingFile(subset))
        .getInstance(SentimentPipeline.class);
    fresh.loadWeights(out.resolve(Train.WEIGHTS));

    assertThat(fresh.predictAll(result.test())).containsExactlyElementsIn(result.predictions()).inOrder();
  }

  @Test
  void fullCorpus_heldOutAccuracy_above80Percent() throws IOException {
    Train.Result result = Train.run(new SentimentModule(), SentimentModule.TEST_FILE, folder);

    assertThat((double) result.correct() / result.test().size()).isGreaterThan(0.8);
  }
}
