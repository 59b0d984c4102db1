package dev.aijson.example;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains the sentiment pipeline with its wiring recorded, and exports the three things serving
 * needs: the wiring ({@code pipeline.json}), the weights ({@code model.tribuo}) and, to check the
 * replay against, the predictions for the held-out sentences ({@code predictions.tsv}).
 *
 * <pre>{@code
 * java -cp ... dev.aijson.example.Train target/example-output
 * }</pre>
 */
public final class Train {
  /** The wiring file in the output folder. */
  public static final String WIRING = "pipeline.json";
  /** The weights file in the output folder. */
  public static final String WEIGHTS = "model.tribuo";
  /** The held-out predictions file in the output folder. */
  public static final String PREDICTIONS = "predictions.tsv";

  // kept here so the logger, and so its level, outlives the call that set it
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private Train() {}

  /**
   * Trains, evaluates on the held-out file and writes the output folder.
   *
   * @param args the output folder; {@code target/example-output} if none is given
   * @throws IOException if the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    TRIBUO_LOG.setLevel(Level.WARNING);
    Path out = Path.of(args.length > 0 ? args[0] : "target/example-output");
    Result result = run(new SentimentModule(), SentimentModule.TEST_FILE, out);
    print(result, out);
  }

  /**
   * What one training run did.
   *
   * @param document the recorded wiring
   * @param pipeline the trained pipeline
   * @param test the held-out reviews
   * @param predictions the pipeline's prediction for each held-out review
   * @param millis how long fitting took
   */
  record Result(AiJsonDocument document, SentimentPipeline pipeline, List<Review> test,
      List<Prediction> predictions, long millis) {
    int correct() {
      int correct = 0;
      for (int i = 0; i < test.size(); i++) {
        correct += test.get(i).label().equals(predictions.get(i).label()) ? 1 : 0;
      }
      return correct;
    }
  }

  /**
   * Builds the pipeline from {@code module} with recording on, fits it with the module's epochs,
   * learning rate and seed, predicts {@code testFile} and writes the three output files.
   */
  static Result run(SentimentModule module, String testFile, Path out) throws IOException {
    Injector injector = Guice.createInjector(new AiJsonModule().onlyPackages("dev.aijson.example"), module);
    SentimentPipeline pipeline = injector.getInstance(SentimentPipeline.class);
    Trainer trainer = injector.getInstance(Trainer.class);
    long start = System.nanoTime();
    TrainingConfig config = module.config();
    trainer.fit(pipeline, config.epochs(), config.learningRate(), config.seed());
    long millis = (System.nanoTime() - start) / 1_000_000;

    List<Review> test = pipeline.labels().read(testFile);
    List<Prediction> predictions = pipeline.predictAll(test);

    Files.createDirectories(out);
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    log.writeTo(out.resolve(WIRING));
    pipeline.saveWeights(out.resolve(WEIGHTS));
    writePredictions(out.resolve(PREDICTIONS), test, predictions);
    return new Result(log.document(), pipeline, test, predictions, millis);
  }

  /** Writes one line per held-out sentence: the exact prediction, a tab, the sentence. */
  static void writePredictions(Path file, List<Review> test, List<Prediction> predictions) throws IOException {
    List<String> lines = new ArrayList<>(test.size());
    for (int i = 0; i < test.size(); i++) {
      lines.add(predictions.get(i).exact() + "\t" + test.get(i).text());
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static void print(Result result, Path out) throws IOException {
    SentimentPipeline pipeline = result.pipeline();
    SubwordTokenizer tokenizer = (SubwordTokenizer) pipeline.tokenizer();
    String example = "My new soundbar is not bad at all, really pleased!";
    System.out.println("Tokenizer: learned " + tokenizer.vocabulary().size() + " subword symbols ("
        + tokenizer.merges().size() + " byte-pair merges) from " + tokenizer.corpusFile());
    System.out.println("  \"" + example + "\"");
    System.out.println("  -> " + tokenizer.tokenize(example));
    System.out.printf(Locale.ROOT, "Classifier: Tribuo LinearSGDTrainer, log loss, AdaGrad (learning rate %s),"
            + " %d epochs, seed %d, %d features: trained in %.1f s%n",
        SentimentModule.LEARNING_RATE, SentimentModule.EPOCHS, SentimentModule.SEED,
        pipeline.layer().featureCount(), result.millis() / 1000.0);

    int n = result.test().size();
    Map<String, Integer> perLabel = new TreeMap<>();
    result.test().forEach(r -> perLabel.merge(r.label(), 1, Integer::sum));
    int majority = perLabel.values().stream().max(Integer::compare).orElse(0);
    System.out.printf(Locale.ROOT, "Held-out accuracy: %d/%d = %.1f%% (always guessing the commonest class: %.1f%%)%n",
        result.correct(), n, 100.0 * result.correct() / n, 100.0 * majority / n);
    for (int i = 0; i < Math.min(3, n); i++) {
      printExample(result, i);
    }
    for (int i = 3; i < n; i++) {
      if (!result.test().get(i).label().equals(result.predictions().get(i).label())) {
        System.out.println("  and one of the mistakes:");
        printExample(result, i);
        break;
      }
    }

    System.out.println();
    System.out.println("Wrote " + out.resolve(WIRING) + "  the wiring, recorded by AiJsonModule ("
        + result.document().vars().size() + " vars)");
    System.out.println("Wrote " + out.resolve(WEIGHTS) + "  the trained weights (Tribuo's serialisation, "
        + Files.size(out.resolve(WEIGHTS)) / 1024 + " KiB)");
    System.out.println("Wrote " + out.resolve(PREDICTIONS) + "  the " + n
        + " held-out predictions, to check serving against");
    System.out.println();
    System.out.println("The wiring (" + WIRING + "):");
    System.out.print(result.document().toJson());
  }

  private static void printExample(Result result, int i) {
    Review review = result.test().get(i);
    Prediction prediction = result.predictions().get(i);
    System.out.printf(Locale.ROOT, "  predicted %-8s (%2.0f%%), labelled %-8s \"%s\"%n", prediction.label(),
        100 * prediction.scores().get(prediction.label()), review.label(), review.text());
  }
}
