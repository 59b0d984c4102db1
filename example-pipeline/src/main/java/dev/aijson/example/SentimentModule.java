package dev.aijson.example;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;
import org.tribuo.classification.sgd.objectives.LogMulticlass;

/**
 * The training-time wiring of the sentiment pipeline: which preprocessing steps (a {@code
 * Multibinder}), which tokenizer, which classifier layer, which classes, and every hyperparameter
 * as a named constant.
 *
 * <p>Serving code does not use this module: it replays the document recorded while this module
 * was in the injector. The class must stay public, top-level and constructible without arguments,
 * because replay calls its {@code @Provides} method on an instance it makes itself.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new AiJsonModule(), new SentimentModule());
 * SentimentPipeline pipeline = injector.getInstance(SentimentPipeline.class);
 * injector.getInstance(Trainer.class).fit(pipeline, SentimentModule.EPOCHS,
 *     SentimentModule.LEARNING_RATE, SentimentModule.SEED);
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

  private final String trainingFile;
  private final int vocabSize;

  /** Creates the module with the shipped corpus and the constants above. */
  public SentimentModule() {
    this(TRAINING_FILE, VOCAB_SIZE);
  }

  private SentimentModule(String trainingFile, int vocabSize) {
    this.trainingFile = trainingFile;
    this.vocabSize = vocabSize;
  }

  /**
   * Returns this module with another training corpus, which the tokenizer also learns from.
   *
   * @param file a file or class-path resource of {@code label<TAB>sentence} lines
   * @return the changed module
   */
  public SentimentModule withTrainingFile(String file) {
    return new SentimentModule(file, vocabSize);
  }

  /**
   * Returns this module with another tokenizer vocabulary size.
   *
   * @param size the vocabulary size to learn
   * @return the changed module
   */
  public SentimentModule withVocabSize(int size) {
    return new SentimentModule(trainingFile, size);
  }

  @Override
  protected void configure() {
    bind(Tokenizer.class).to(SubwordTokenizer.class);
    // the preprocessing steps, in the order they run
    Multibinder<TextNormalizer> preprocessing = Multibinder.newSetBinder(binder(), TextNormalizer.class);
    preprocessing.addBinding().to(UnicodeNormalizer.class);
    preprocessing.addBinding().to(RepeatLimiter.class);
    bindConstant().annotatedWith(Names.named("maxRepeat")).to(MAX_REPEAT);
    bindConstant().annotatedWith(Names.named("trainingFile")).to(trainingFile);
    bindConstant().annotatedWith(Names.named("vocabSize")).to(vocabSize);
    bindConstant().annotatedWith(Names.named("ngramOrder")).to(NGRAM_ORDER);
    bindConstant().annotatedWith(Names.named("minibatchSize")).to(MINIBATCH_SIZE);
    bindConstant().annotatedWith(Names.named("adagradEpsilon")).to(ADAGRAD_EPSILON);
    bind(new TypeLiteral<List<String>>() {}).annotatedWith(Names.named("labels")).toInstance(LABELS);
  }

  /**
   * Makes the classifier layer: Tribuo's logistic (multiclass log) loss over n-gram features.
   *
   * @param ngramOrder the longest run of adjacent tokens made into a feature
   * @param minibatchSize examples per gradient step
   * @param adagradEpsilon AdaGrad's smoothing term
   * @return an untrained layer
   */
  @Provides
  @Singleton
  public LinearLayer classifier(
      @Named("ngramOrder") int ngramOrder,
      @Named("minibatchSize") int minibatchSize,
      @Named("adagradEpsilon") double adagradEpsilon) {
    return new LinearLayer(new LogMulticlass(), ngramOrder, minibatchSize, adagradEpsilon);
  }
}
