package dev.aijson.example;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import java.util.List;
import javax.inject.Singleton;
import org.tribuo.classification.sgd.objectives.LogMulticlass;

/**
 * The training-time wiring of the sentiment pipeline: which preprocessing steps (a {@code
 * Multibinder}), which tokenizer, which classifier layer, which classes, with every
 * hyperparameter taken from the {@link TrainingConfig} passed to its constructor.
 *
 * <p>Serving code does not use this module: it replays the document recorded while this module
 * was in the injector. The document holds the module's configuration (its {@code module} var),
 * and replay rebuilds the module through {@link #SentimentModule(TrainingConfig)} to call its
 * {@code @Provides} method, so that constructor must take the field as it is.
 *
 * <pre>{@code
 * TrainingConfig config = TrainingConfig.defaults();
 * Injector injector = Guice.createInjector(new AiJsonModule(), new SentimentModule(config));
 * SentimentPipeline pipeline = injector.getInstance(SentimentPipeline.class);
 * injector.getInstance(Trainer.class).fit(pipeline, config.epochs(), config.learningRate(),
 *     config.seed());
 * }</pre>
 */
public final class SentimentModule extends AbstractModule {
  /** The labelled training corpus, a class-path resource. */
  public static final String TRAINING_FILE = "reviews/train.tsv";
  /** The labelled held-out corpus, a class-path resource. */
  public static final String TEST_FILE = "reviews/test.tsv";
  /** The classes, in the order scores are reported. */
  public static final List<String> LABELS = List.of("positive", "negative", "neutral");
  /** The tokenizer's vocabulary size: distinct characters plus learned merges. */
  public static final int VOCAB_SIZE = 1000;
  /** The longest run of one repeated character the preprocessing keeps ("sooo" becomes "soo"). */
  public static final int MAX_REPEAT = 2;
  /** The longest run of adjacent tokens the layer makes into a feature. */
  public static final int NGRAM_ORDER = 2;
  /** Examples per gradient step. */
  public static final int MINIBATCH_SIZE = 1;
  /** AdaGrad's smoothing term. */
  public static final double ADAGRAD_EPSILON = 0.1;
  /** Passes over the training data. */
  public static final int EPOCHS = 10;
  /** AdaGrad's initial learning rate. */
  public static final double LEARNING_RATE = 0.5;
  /** The seed of the example shuffling. */
  public static final long SEED = 42L;

  private final TrainingConfig config;

  /** Creates the module with {@link TrainingConfig#defaults()}. */
  public SentimentModule() {
    this(TrainingConfig.defaults());
  }

  /**
   * Creates the module with {@code config}.
   *
   * @param config every hyperparameter of the pipeline
   */
  public SentimentModule(TrainingConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "SentimentModule: config is null. Pass"
        + " TrainingConfig.defaults() or a configuration of your own.");
  }

  /**
   * Returns the configuration this module wires the pipeline with.
   *
   * @return the configuration
   */
  public TrainingConfig config() {
    return config;
  }

  /**
   * Returns this module with another training corpus, which the tokenizer also learns from.
   *
   * @param file a file or class-path resource of {@code label<TAB>sentence} lines
   * @return the changed module
   */
  public SentimentModule withTrainingFile(String file) {
    return new SentimentModule(config.withTrainingFile(file));
  }

  /**
   * Returns this module with another tokenizer vocabulary size.
   *
   * @param size the vocabulary size to learn
   * @return the changed module
   */
  public SentimentModule withVocabSize(int size) {
    return new SentimentModule(config.withVocabSize(size));
  }

  @Override
  protected void configure() {
    bind(Tokenizer.class).to(SubwordTokenizer.class);
    // the preprocessing steps, in the order they run
    Multibinder<TextNormalizer> preprocessing = Multibinder.newSetBinder(binder(), TextNormalizer.class);
    preprocessing.addBinding().to(UnicodeNormalizer.class);
    preprocessing.addBinding().to(RepeatLimiter.class);
    bindConstant().annotatedWith(Names.named("maxRepeat")).to(config.maxRepeat());
    bindConstant().annotatedWith(Names.named("trainingFile")).to(config.trainingFile());
    bindConstant().annotatedWith(Names.named("vocabSize")).to(config.vocabSize());
    bind(new TypeLiteral<List<String>>() {}).annotatedWith(Names.named("labels")).toInstance(config.labels());
  }

  /**
   * Makes the classifier layer: Tribuo's logistic (multiclass log) loss over n-gram features,
   * with the configuration's n-gram order, minibatch size and AdaGrad epsilon.
   *
   * @return an untrained layer
   */
  @Provides
  @Singleton
  public LinearLayer classifier() {
    return new LinearLayer(new LogMulticlass(), config.ngramOrder(), config.minibatchSize(),
        config.adagradEpsilon());
  }
}
