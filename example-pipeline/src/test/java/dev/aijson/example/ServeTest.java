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

  /** A copy of the trained folder, with {@code name} replaced by {@code content}. */
  private static Path damaged(String folderName, String name, byte[] content) throws IOException {
    Path copy = folder.resolve(folderName);
    Files.createDirectories(copy);
    for (String file : List.of(Train.WIRING, Train.WEIGHTS, Train.PREDICTIONS)) {
      Files.copy(out.resolve(file), copy.resolve(file));
    }
    Files.write(copy.resolve(name), content);
    return copy;
  }

  private static String serve(Path folder, int expectedStatus) throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int status = Serve.run(folder, new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(expectedStatus);
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** Regression: a truncated pipeline.json ended Serve with an AiJsonException's stack trace. */
  @Test
  void serve_truncatedDocument_saysWhereAndHowToWriteItAgain() throws IOException {
    byte[] whole = Files.readAllBytes(out.resolve(Train.WIRING));
    Path broken = damaged("truncated", Train.WIRING, java.util.Arrays.copyOf(whole, whole.length / 2));

    String printed = serve(broken, 2);

    assertThat(printed).startsWith("Cannot replay " + broken.resolve(Train.WIRING)
        + ": The aijson document is not valid JSON: ");
    assertThat(printed).endsWith("Run dev.aijson.example.Train " + broken + " again to write"
        + " pipeline.json, model.tribuo and predictions.tsv anew.\n");
  }

  @Test
  void serve_documentWithAWrongValueType_listsTheProblemAtItsPointer() throws IOException {
    String wiring = Files.readString(out.resolve(Train.WIRING));
    Path broken = damaged("wrongType", Train.WIRING, wiring.replaceFirst("\"vocabSize\": \\d+",
        "\"vocabSize\": \"lots\"").getBytes(StandardCharsets.UTF_8));

    String printed = serve(broken, 2);

    assertThat(printed).contains("kwarg \"vocabSize\" is \"lots\", which is not an int");
    assertThat(printed).contains("Fix the value at /vars/var3/kwargs/vocabSize.");
    assertThat(printed).doesNotContain("\tat ");
  }

  /** Regression: a truncated model.tribuo ended Serve with a protobuf exception's stack trace. */
  @Test
  void serve_truncatedWeights_saysTheyAreNotAModel() throws IOException {
    byte[] whole = Files.readAllBytes(out.resolve(Train.WEIGHTS));
    Path broken = damaged("weights", Train.WEIGHTS, java.util.Arrays.copyOf(whole, 1000));

    String printed = serve(broken, 2);

    assertThat(printed).contains("Cannot load the weights from " + broken.resolve(Train.WEIGHTS)
        + ": it is not a model that LinearLayer.save wrote (");
    assertThat(printed).endsWith("anew.\n");
  }

  /** Regression: a predictions.tsv line without tabs ended Serve with ArrayIndexOutOfBoundsException. */
  @Test
  void serve_predictionsLineWithoutTabs_namesTheLine() throws IOException {
    String predictions = Files.readString(out.resolve(Train.PREDICTIONS));
    Path broken = damaged("predictions", Train.PREDICTIONS,
        (predictions + "a line without tabs\n").getBytes(StandardCharsets.UTF_8));
    int line = predictions.split("\n").length + 1;

    String printed = serve(broken, 2);

    assertThat(printed).contains("Cannot compare with " + broken.resolve(Train.PREDICTIONS)
        + ": its line " + line + " is not a label, a tab, the class probabilities, a tab and the"
        + " sentence, as training writes each line.");
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
