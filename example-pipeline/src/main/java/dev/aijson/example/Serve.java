package dev.aijson.example;

import com.google.inject.Guice;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.guice.ReplayModule;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serves the trained pipeline from what training exported, without installing the training code's
 * module: rebuilds the pipeline by replaying {@code pipeline.json}, loads {@code model.tribuo},
 * predicts the held-out sentences and checks every prediction against the one made at training
 * time. The classes the document names must be on the class path ({@link Trainer} too, whose
 * recorded call replay checks but never runs).
 *
 * <p>Exits with status 1 if any prediction differs, 2 if a file of the output folder is missing
 * or damaged (the message says which, and how to write it again).
 *
 * <pre>{@code
 * java -cp ... dev.aijson.example.Serve target/example-output
 * }</pre>
 */
public final class Serve {
  private static final String WIRING = "pipeline.json";
  /** The package of the pipeline's classes: what the serving code lets replay construct. */
  private static final String MODELS = "dev.aijson.example";
  private static final String WEIGHTS = "model.tribuo";
  private static final String PREDICTIONS = "predictions.tsv";
  private static final String SHOWN_WORD = "headphones";

  private Serve() {}

  /**
   * Replays, predicts, compares and prints; exits non-zero on any difference.
   *
   * @param args the folder training wrote; {@code target/example-output} if none is given
   * @throws IOException if the folder cannot be read
   */
  public static void main(String[] args) throws IOException {
    int status = run(Path.of(args.length > 0 ? args[0] : "target/example-output"), System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Does what {@link #main} does, printing to {@code out}.
   *
   * @return 0 if every prediction is identical, 1 if one differs, 2 if a file is missing or damaged
   */
  static int run(Path folder, PrintStream out) throws IOException {
    for (String name : List.of(WIRING, WEIGHTS, PREDICTIONS)) {
      if (!Files.isRegularFile(folder.resolve(name))) {
        out.println("Missing " + folder.resolve(name) + ". Run dev.aijson.example.Train " + folder + " first.");
        return 2;
      }
    }
    ReplayModule replay;
    try {
      replay = ReplayModule.allowing(MODELS).from(folder.resolve(WIRING));
    } catch (AiJsonException e) {
      // the message lists every problem with its pointer; a trace would only bury it
      out.println("Cannot replay " + folder.resolve(WIRING) + ": " + e.getMessage());
      out.println(retrain(folder));
      return 2;
    }
    AiJsonDocument document = replay.document();
    out.println("The wiring, read from " + folder.resolve(WIRING) + " by ReplayModule:");
    printWiring(document, out);

    SentimentPipeline pipeline = Guice.createInjector(replay).getInstance(SentimentPipeline.class);
    out.println();
    out.println("Rebuilt from the wiring: " + pipeline.tokenizer());
    out.println("                         " + pipeline.layer());
    try {
      pipeline.loadWeights(folder.resolve(WEIGHTS));
    } catch (IOException | RuntimeException e) {
      out.println("Cannot load the weights from " + folder.resolve(WEIGHTS) + ": it is not a model"
          + " that LinearLayer.save wrote (" + e.getClass().getSimpleName() + ": " + e.getMessage()
          + ").");
      out.println(retrain(folder));
      return 2;
    }
    out.println("Loaded the weights from " + folder.resolve(WEIGHTS) + " and predicted the held-out"
        + " sentences again.");

    List<String> recorded = Files.readAllLines(folder.resolve(PREDICTIONS), StandardCharsets.UTF_8);
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      String[] parts = recorded.get(i).split("\t", 3);
      if (parts.length < 3) {
        out.println("Cannot compare with " + folder.resolve(PREDICTIONS) + ": its line " + (i + 1)
            + " is not a label, a tab, the class probabilities, a tab and the sentence, as"
            + " training writes each line.");
        out.println(retrain(folder));
        return 2;
      }
      String replayed = pipeline.predict(parts[2]).exact();
      if (!replayed.equals(parts[0] + "\t" + parts[1])) {
        differences.add("  \"" + parts[2] + "\"\n    at training: " + parts[0] + " " + parts[1]
            + "\n    replayed:    " + replayed.replace('\t', ' '));
      }
    }
    int same = recorded.size() - differences.size();
    out.println("replayed pipeline: " + same + "/" + recorded.size() + " predictions identical"
        + " (labels and every class probability, to the last bit)");
    if (!differences.isEmpty()) {
      out.println("These predictions differ from training:");
      differences.stream().limit(5).forEach(out::println);
      return 1;
    }

    out.println();
    showOverride(folder.resolve(WIRING), document, pipeline, out);
    return 0;
  }

  /** Returns the fix for a damaged output folder: training writes all three files again. */
  private static String retrain(Path folder) {
    return "Run dev.aijson.example.Train " + folder + " again to write " + WIRING + ", " + WEIGHTS
        + " and " + PREDICTIONS + " anew.";
  }

  /** Prints one line per var: what was built, how, and its arguments. */
  private static void printWiring(AiJsonDocument document, PrintStream out) {
    int width = document.vars().stream().mapToInt(v -> v.caller().length()).max().orElse(0);
    for (AiJsonVar var : document.vars()) {
      String how = switch (var.kind()) {
        case CONSTRUCTOR -> var.factory() == null ? "constructor"
            : "constructor, made by " + var.factory().key() + "#" + var.factory().method();
        case PROVIDES -> "@Provides method" + (var.receiver() == null ? "" : " of " + var.receiver());
        case CALL -> "call on " + var.receiver() + ", not replayed (serving does not train)";
        case OPAQUE -> "supplied by the caller";
        case MULTIBINDING -> "collection of " + var.key() + ", bound through Guice's binder";
        case UNOBSERVED -> "not observed when recording: the document does not know it";
        case FACTORY -> "assisted-inject factory " + var.key() + ", replayed from what it made";
        case MODULE -> "module, rebuilt from its configuration";
      };
      if (var.singleton()) {
        how += ", singleton";
      }
      out.printf(Locale.ROOT, "  %-5s %-" + width + "s  %s%n", var.name(), var.caller(), how);
      if (!var.kwargs().isEmpty()) {
        out.printf(Locale.ROOT, "  %-5s %-" + width + "s    %s%n", "", "", kwargs(var.kwargs()));
      }
      if (!var.members().isEmpty()) {
        out.printf(Locale.ROOT, "  %-5s %-" + width + "s    %s%n", "", "", kwargs(var.members()));
      }
    }
  }

  private static String kwargs(Map<String, Object> kwargs) {
    return kwargs.entrySet().stream().map(e -> e.getKey() + "=" + show(e.getValue())).collect(Collectors.joining(", "));
  }

  private static String show(Object value) {
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
  }

  /** Replays the wiring again with a smaller vocabulary and shows what that changes. */
  private static void showOverride(Path wiring, AiJsonDocument document, SentimentPipeline pipeline,
      PrintStream out) {
    AiJsonVar tokenizerVar = document.vars().stream()
        .filter(v -> v.caller().equals(SubwordTokenizer.class.getSimpleName()))
        .findFirst().orElseThrow(() -> new IllegalStateException("the wiring has no SubwordTokenizer"));
    Object before = tokenizerVar.kwargs().get("vocabSize");
    int after = ((Number) before).intValue() / 3;
    String path = tokenizerVar.name() + ".kwargs.vocabSize";

    ReplayModule smaller = ReplayModule.allowing(MODELS).from(wiring).override(path, after);
    SentimentPipeline changed = Guice.createInjector(smaller).getInstance(SentimentPipeline.class);

    out.println("An override, applied while replaying: ReplayModule.allowing(\"" + MODELS + "\").from(...).override(\"" + path + "\", " + after + ")");
    out.println("  " + path + " in the document: " + before + " -> "
        + smaller.document().var(tokenizerVar.name()).kwargs().get("vocabSize"));
    out.println("  \"" + SHOWN_WORD + "\" before: " + pipeline.tokenizer().tokenize(SHOWN_WORD));
    out.println("  \"" + SHOWN_WORD + "\" after:  " + changed.tokenizer().tokenize(SHOWN_WORD)
        + "  (a new tokenizer, relearned with the smaller vocabulary)");
  }
}
