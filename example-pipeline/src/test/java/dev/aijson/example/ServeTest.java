package dev.aijson.example;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.Guice;
import dev.aijson.guice.ReplayModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serving by replay: the rebuilt pipeline predicts exactly what the trained one did. */
class ServeTest {
  @TempDir static Path folder;

  private static Path out;
  private static Train.Result trained;

  @BeforeAll
  static void train() throws IOException {
    out = folder.resolve("out");
    trained = Train.run(new SentimentModule().withTrainingFile(TrainingSubset.write(folder, 150)),
        SentimentModule.TEST_FILE, out);
  }

  @Test
  void trainedOnSubset_replayed_identicalPredictions() throws IOException {
    SentimentPipeline replayed = Guice.createInjector(ReplayModule.allowing("dev.aijson.example").from(out.resolve(Train.WIRING)))
        .getInstance(SentimentPipeline.class);
    replayed.loadWeights(out.resolve(Train.WEIGHTS));

    assertThat(replayed).isNotSameInstanceAs(trained.pipeline());
    assertThat(replayed.predictAll(trained.test())).containsExactlyElementsIn(trained.predictions()).inOrder();
  }

  @Test
  void serve_trainedFolder_printsAllIdenticalAndReturnsZero() throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int status = Serve.run(out, new PrintStream(printed, true, StandardCharsets.UTF_8));

    int n = trained.test().size();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("replayed pipeline: " + n + "/" + n + " predictions identical");
    assertThat(status).isEqualTo(0);
  }

  @Test
  void serve_changedRecordedPrediction_reportsItAndReturnsOne() throws IOException {
    Path tampered = folder.resolve("tampered");
    Files.createDirectories(tampered);
    for (String name : List.of(Train.WIRING, Train.WEIGHTS)) {
      Files.copy(out.resolve(name), tampered.resolve(name));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve(Train.PREDICTIONS)));
    String first = lines.get(0);
    lines.set(0, (first.startsWith("neutral") ? "positive" : "neutral") + first.substring(first.indexOf('\t')));
    Files.write(tampered.resolve(Train.PREDICTIONS), lines);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int status = Serve.run(tampered, new PrintStream(printed, true, StandardCharsets.UTF_8));

    int n = trained.test().size();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("replayed pipeline: " + (n - 1) + "/" + n + " predictions identical");
    assertThat(status).isEqualTo(1);
  }

  @Test
  void vocabSizeOverride_replayed_tokenizerRelearnedWithNewSize() throws IOException {
    String tokenizerVar = trained.document().vars().stream()
        .filter(v -> v.caller().equals("SubwordTokenizer")).findFirst().orElseThrow().name();

    SentimentPipeline changed = Guice.createInjector(
            ReplayModule.allowing("dev.aijson.example").from(out.resolve(Train.WIRING)).override(tokenizerVar + ".kwargs.vocabSize", 120))
        .getInstance(SentimentPipeline.class);

    SubwordTokenizer tokenizer = (SubwordTokenizer) changed.tokenizer();
    assertThat(tokenizer.vocabSize()).isEqualTo(120);
    assertThat(tokenizer.vocabulary()).hasSize(120);
  }
}
