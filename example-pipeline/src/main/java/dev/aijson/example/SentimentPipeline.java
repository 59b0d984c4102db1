package dev.aijson.example;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The whole classifier: a tokenizer, a classifier layer and the class names, used together.
 *
 * <pre>{@code
 * SentimentPipeline pipeline = injector.getInstance(SentimentPipeline.class);
 * pipeline.loadWeights(Path.of("model.tribuo"));
 * pipeline.predict("The battery died after a week.").label();  // "negative"
 * }</pre>
 */
@Singleton
public final class SentimentPipeline {
  private final Set<TextNormalizer> preprocessing;
  private final Tokenizer tokenizer;
  private final LinearLayer layer;
  private final LabelReader labels;

  /**
   * Assembles a pipeline from its parts.
   *
   * @param preprocessing the steps each sentence goes through before it is tokenized, in order
   * @param tokenizer splits sentences into tokens
   * @param layer scores the tokens of a sentence
   * @param labels the class names and the reader of labelled files
   */
  @Inject
  public SentimentPipeline(Set<TextNormalizer> preprocessing, Tokenizer tokenizer, LinearLayer layer,
      LabelReader labels) {
    this.preprocessing = preprocessing;
    this.tokenizer = tokenizer;
    this.layer = layer;
    this.labels = labels;
  }

  /** Returns the preprocessing steps, in the order they run. */
  public Set<TextNormalizer> preprocessing() {
    return preprocessing;
  }

  /**
   * Returns the tokens of {@code sentence}: preprocessed by each step in order, then tokenized.
   * Training and prediction both go through here, so both see the same text.
   *
   * @param sentence any text
   * @return its tokens
   */
  public List<String> tokens(String sentence) {
    String text = sentence;
    for (TextNormalizer step : preprocessing) {
      text = step.normalize(text);
    }
    return tokenizer.tokenize(text);
  }

  /** Returns the tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Returns the classifier layer. */
  public LinearLayer layer() {
    return layer;
  }

  /** Returns the label reader, which holds the class names. */
  public LabelReader labels() {
    return labels;
  }

  /**
   * Predicts the class of one sentence.
   *
   * @param sentence any text
   * @return the predicted class and the probability of each class
   * @throws IllegalStateException if the layer has no weights yet
   */
  public Prediction predict(String sentence) {
    return layer.predict(tokens(sentence), labels.labels());
  }

  /**
   * Returns the predictions for {@code reviews}, in order.
   *
   * @param reviews labelled sentences; only their text is read
   * @return one prediction per review
   */
  public List<Prediction> predictAll(List<Review> reviews) {
    return reviews.stream().map(review -> predict(review.text())).toList();
  }

  /**
   * Writes the layer's weights with Tribuo's serialisation.
   *
   * @param file the file to write
   * @throws IOException if it cannot be written
   */
  public void saveWeights(Path file) throws IOException {
    layer.save(file);
  }

  /**
   * Reads weights that {@link #saveWeights} wrote into the layer.
   *
   * @param file the file to read
   * @throws IOException if it cannot be read
   */
  public void loadWeights(Path file) throws IOException {
    layer.load(file);
  }
}
