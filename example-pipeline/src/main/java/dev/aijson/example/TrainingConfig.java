package dev.aijson.example;

import java.util.List;

/**
 * Every hyperparameter of the sentiment pipeline, in one configuration record that the training
 * program passes to {@link SentimentModule}'s constructor, as real training programs pass their
 * parsed command line or config file to their modules.
 *
 * <p>The recorded document holds it whole, as the state of the module (its {@code module} var),
 * so that "which parameters was this model trained with?" is answered by the document alone.
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.defaults().withVocabSize(600);
 * Injector injector = Guice.createInjector(new AiJsonModule(), new SentimentModule(config));
 * }</pre>
 *
 * @param trainingFile the labelled training corpus, a file or class-path resource
 * @param vocabSize the tokenizer's vocabulary size: distinct characters plus learned merges
 * @param maxRepeat the longest run of one repeated character the preprocessing keeps
 * @param ngramOrder the longest run of adjacent tokens the layer makes into a feature
 * @param minibatchSize examples per gradient step
 * @param adagradEpsilon AdaGrad's smoothing term
 * @param epochs passes over the training data
 * @param learningRate AdaGrad's initial learning rate
 * @param seed the seed of the example shuffling
 * @param labels the classes, in the order scores are reported
 */
public record TrainingConfig(
    String trainingFile,
    int vocabSize,
    int maxRepeat,
    int ngramOrder,
    int minibatchSize,
    double adagradEpsilon,
    int epochs,
    double learningRate,
    long seed,
    List<String> labels) {
  /**
   * Checks the values and copies {@code labels}.
   *
   * @param trainingFile the labelled training corpus
   * @param vocabSize the tokenizer's vocabulary size
   * @param maxRepeat the longest run of one repeated character kept
   * @param ngramOrder the longest n-gram made into a feature
   * @param minibatchSize examples per gradient step
   * @param adagradEpsilon AdaGrad's smoothing term
   * @param epochs passes over the training data
   * @param learningRate AdaGrad's initial learning rate
   * @param seed the seed of the example shuffling
   * @param labels the classes
   * @throws IllegalArgumentException if a count is not positive or there are fewer than two labels
   */
  public TrainingConfig {
    if (vocabSize <= 0 || maxRepeat <= 0 || ngramOrder <= 0 || minibatchSize <= 0 || epochs <= 0) {
      throw new IllegalArgumentException("vocabSize, maxRepeat, ngramOrder, minibatchSize and"
          + " epochs must be positive, but are " + vocabSize + ", " + maxRepeat + ", " + ngramOrder
          + ", " + minibatchSize + " and " + epochs + ". Pass positive values.");
    }
    labels = List.copyOf(labels);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("a classifier needs at least two labels, not " + labels
          + ". Pass two or more.");
    }
  }

  /**
   * Returns the configuration the shipped example trains with.
   *
   * @return the shipped corpus and the constants of {@link SentimentModule}
   */
  public static TrainingConfig defaults() {
    return new TrainingConfig(SentimentModule.TRAINING_FILE, SentimentModule.VOCAB_SIZE,
        SentimentModule.MAX_REPEAT, SentimentModule.NGRAM_ORDER, SentimentModule.MINIBATCH_SIZE,
        SentimentModule.ADAGRAD_EPSILON, SentimentModule.EPOCHS, SentimentModule.LEARNING_RATE,
        SentimentModule.SEED, SentimentModule.LABELS);
  }

  /**
   * Returns this configuration with another training corpus, which the tokenizer also learns from.
   *
   * @param file a file or class-path resource of {@code label<TAB>sentence} lines
   * @return the changed configuration
   */
  public TrainingConfig withTrainingFile(String file) {
    return new TrainingConfig(file, vocabSize, maxRepeat, ngramOrder, minibatchSize,
        adagradEpsilon, epochs, learningRate, seed, labels);
  }

  /**
   * Returns this configuration with another tokenizer vocabulary size.
   *
   * @param size the vocabulary size to learn
   * @return the changed configuration
   */
  public TrainingConfig withVocabSize(int size) {
    return new TrainingConfig(trainingFile, size, maxRepeat, ngramOrder, minibatchSize,
        adagradEpsilon, epochs, learningRate, seed, labels);
  }
}
