package dev.aijson.example;

import dev.aijson.core.AiJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The classifier layer: a linear model over token n-grams, trained and run by Tribuo.
 *
 * <p>Each sentence becomes binary features, one per distinct token ({@code t=great</w>}) and, for
 * {@code ngramOrder} 2 or more, one per run of up to that many adjacent tokens ({@code
 * n=not</w> bad</w>}). Training is Tribuo's {@link LinearSGDTrainer} with this layer's loss, an
 * {@link AdaGrad} optimiser and a fixed seed, so the same data and settings give the same
 * weights. Weights are saved and loaded with Tribuo's own serialisation.
 *
 * <p>Tribuo's classes know nothing of Guice, so a module makes this layer in a {@code @Provides}
 * method:
 *
 * <pre>{@code
 * @Provides @Singleton
 * LinearLayer classifier(@Named("ngramOrder") int ngramOrder, @Named("minibatchSize") int minibatchSize,
 *     @Named("adagradEpsilon") double adagradEpsilon) {
 *   return new LinearLayer(new LogMulticlass(), ngramOrder, minibatchSize, adagradEpsilon);
 * }
 * }</pre>
 */
@AiJson
public final class LinearLayer {
  private static final LabelFactory LABELS = new LabelFactory();

  private final LabelObjective loss;
  private final int ngramOrder;
  private final int minibatchSize;
  private final double adagradEpsilon;
  private volatile Model<Label> model;

  /**
   * Creates an untrained layer.
   *
   * @param loss the training objective, such as {@code new LogMulticlass()}
   * @param ngramOrder the longest run of adjacent tokens made into a feature, at least 1
   * @param minibatchSize examples per gradient step, at least 1
   * @param adagradEpsilon AdaGrad's smoothing term, greater than 0
   */
  public LinearLayer(LabelObjective loss, int ngramOrder, int minibatchSize, double adagradEpsilon) {
    if (ngramOrder < 1 || minibatchSize < 1 || !(adagradEpsilon > 0)) {
      throw new IllegalArgumentException(
          "ngramOrder and minibatchSize must be at least 1 and adagradEpsilon greater than 0, not "
              + ngramOrder + ", " + minibatchSize + ", " + adagradEpsilon);
    }
    this.loss = loss;
    this.ngramOrder = ngramOrder;
    this.minibatchSize = minibatchSize;
    this.adagradEpsilon = adagradEpsilon;
  }

  /** Returns the longest run of adjacent tokens made into a feature. */
  public int ngramOrder() {
    return ngramOrder;
  }

  /** Returns whether the layer has weights, from training or from a file. */
  public boolean isTrained() {
    return model != null;
  }

  /** Returns how many features the trained model knows. */
  public int featureCount() {
    return trained().getFeatureIDMap().size();
  }

  /**
   * Trains the layer, replacing any weights it had.
   *
   * @param sentences the tokens of each training sentence
   * @param labels the class of each sentence, in the same order
   * @param epochs passes over the data
   * @param learningRate AdaGrad's initial learning rate
   * @param seed the seed of the example shuffling
   */
  public void train(List<List<String>> sentences, List<String> labels, int epochs, double learningRate, long seed) {
    if (sentences.size() != labels.size() || sentences.isEmpty()) {
      throw new IllegalArgumentException(
          "need one label per sentence and at least one sentence, not " + sentences.size()
              + " sentences and " + labels.size() + " labels");
    }
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("labelled sentences", LABELS), LABELS);
    for (int i = 0; i < sentences.size(); i++) {
      data.add(example(sentences.get(i), new Label(labels.get(i))));
    }
    LinearSGDTrainer trainer = new LinearSGDTrainer(
        loss, new AdaGrad(learningRate, adagradEpsilon), epochs, -1, minibatchSize, seed);
    model = trainer.train(data);
  }

  /**
   * Predicts the class of one sentence.
   *
   * @param tokens the sentence's tokens
   * @param labelOrder the order in which to report the class scores
   * @return the predicted class and every class's probability
   * @throws IllegalStateException if the layer has no weights yet
   */
  public Prediction predict(List<String> tokens, List<String> labelOrder) {
    Model<Label> trained = trained();
    Example<Label> example = example(tokens, LabelFactory.UNKNOWN_LABEL);
    if (noKnownFeature(trained, example)) {
      return uninformed(labelOrder);
    }
    org.tribuo.Prediction<Label> prediction = trained.predict(example);
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String label : labelOrder) {
      Label scored = prediction.getOutputScores().get(label);
      scores.put(label, scored == null ? 0.0 : scored.getScore());
    }
    return new Prediction(prediction.getOutput().getLabel(), scores);
  }

  /**
   * Writes the weights with Tribuo's serialisation.
   *
   * @param file the file to write
   * @throws IOException if it cannot be written
   */
  public void save(Path file) throws IOException {
    trained().serializeToFile(file);
  }

  /**
   * Reads weights written by {@link #save}, replacing any the layer had.
   *
   * @param file the file to read
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it holds a model that does not predict labels
   */
  public void load(Path file) throws IOException {
    Model<?> loaded = Model.deserializeFromFile(file);
    if (!loaded.validate(Label.class)) {
      throw new IllegalArgumentException(
          file + " holds a " + loaded.getClass().getSimpleName() + " that does not predict class"
              + " labels. Load weights written by LinearLayer.save.");
    }
    model = loaded.castModel(Label.class);
  }

  private Model<Label> trained() {
    Model<Label> trained = model;
    if (trained == null) {
      throw new IllegalStateException("The layer has no weights yet: train it, or load saved weights.");
    }
    return trained;
  }

  private Example<Label> example(List<String> tokens, Label label) {
    TreeSet<String> features = new TreeSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      features.add("t=" + tokens.get(i));
      StringBuilder run = new StringBuilder(tokens.get(i));
      for (int n = 2; n <= ngramOrder && i + n <= tokens.size(); n++) {
        run.append(' ').append(tokens.get(i + n - 1));
        features.add("n=" + run);
      }
    }
    String[] names = features.toArray(String[]::new);
    double[] values = new double[names.length];
    Arrays.fill(values, 1.0);
    return new ArrayExample<>(label, names, values);
  }

  private static boolean noKnownFeature(Model<Label> model, Example<Label> example) {
    for (var feature : example) {
      if (model.getFeatureIDMap().get(feature.getName()) != null) {
        return false;
      }
    }
    return true;
  }

  /** For a sentence with no known feature Tribuo refuses to predict; every class is equally likely. */
  private static Prediction uninformed(List<String> labelOrder) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String label : labelOrder) {
      scores.put(label, 1.0 / labelOrder.size());
    }
    return new Prediction(labelOrder.get(0), scores);
  }

  @Override
  public String toString() {
    return "LinearLayer(" + loss + ", ngramOrder " + ngramOrder + ", minibatchSize " + minibatchSize
        + ", adagradEpsilon " + adagradEpsilon + (model == null ? ", untrained)" : ", trained)");
  }
}
