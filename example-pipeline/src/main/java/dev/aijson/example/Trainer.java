package dev.aijson.example;

import dev.aijson.core.AiJson;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;

/**
 * Trains a pipeline on a labelled corpus.
 *
 * <p>{@link #fit} is an {@code @AiJson} method: with {@code AiJsonModule} installed, each call is
 * recorded with its arguments (the pipeline, epochs, learning rate and seed), so the document
 * says how the weights were made. For that Guice must build this class, and the class and method
 * must stay overridable (not final, not private).
 *
 * <pre>{@code
 * Trainer trainer = injector.getInstance(Trainer.class);
 * trainer.fit(pipeline, 10, 0.5, 42L);
 * }</pre>
 */
public class Trainer {
  private final String trainingFile;

  /**
   * Creates a trainer for one corpus.
   *
   * @param trainingFile a file or class-path resource of {@code label<TAB>sentence} lines
   */
  @Inject
  public Trainer(@Named("trainingFile") String trainingFile) {
    this.trainingFile = trainingFile;
  }

  /** Returns the corpus this trainer fits on. */
  public String trainingFile() {
    return trainingFile;
  }

  /**
   * Trains {@code pipeline}'s layer on the training file, replacing any weights it had.
   *
   * @param pipeline the pipeline whose tokenizer and labels are used and whose layer is trained
   * @param epochs passes over the training data
   * @param learningRate the optimiser's initial learning rate
   * @param seed the seed of the example shuffling; the same seed gives the same weights
   */
  @AiJson
  public void fit(SentimentPipeline pipeline, int epochs, double learningRate, long seed) {
    List<Review> reviews = pipeline.labels().read(trainingFile);
    List<List<String>> sentences = reviews.stream().map(r -> pipeline.tokens(r.text())).toList();
    List<String> labels = reviews.stream().map(Review::label).toList();
    pipeline.layer().train(sentences, labels, epochs, learningRate, seed);
  }
}
