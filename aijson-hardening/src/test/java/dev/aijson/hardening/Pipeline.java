package dev.aijson.hardening;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import javax.inject.Inject;
import javax.inject.Provider;

/**
 * A text-classification pipeline wired the way Guice users wire one: interfaces bound to
 * classes, constants, a {@code @Provides} method, a record and an enum, collections, a provider,
 * member injection and a logged training call. The documents recorded from it seed the fuzzers
 * and the hostile-document mutator. Every constructor reports to {@link Census}.
 */
public final class Pipeline {
  private Pipeline() {}

  /** An activation function, written by name. */
  public enum Activation {
    RELU,
    TANH,
    SIGMOID
  }

  /** The shape of a layer, written inline as an object. */
  public record LayerSpec(int inputs, int outputs, double dropout, Activation activation) {}

  /** Splits text into tokens. */
  public interface Tokenizer {
    List<String> tokenize(String text);
  }

  /** A tokenizer calibrated on a corpus. */
  public static class SubwordTokenizer implements Tokenizer {
    final String corpus;
    final int vocabSize;

    @Inject
    public SubwordTokenizer(@Named("corpus") String corpus, @Named("vocabSize") int vocabSize) {
      Census.constructed();
      this.corpus = corpus;
      this.vocabSize = vocabSize;
    }

    @Override
    public List<String> tokenize(String text) {
      return List.of(text.split(" "));
    }
  }

  /** A dense layer. */
  public static class Layer {
    final LayerSpec spec;
    final long seed;

    public Layer(LayerSpec spec, long seed) {
      Census.constructed();
      this.spec = spec;
      this.seed = seed;
    }
  }

  /** A clock injected into a field, to show member injection. */
  public static class Clock {
    @Inject
    public Clock() {
      Census.constructed();
    }
  }

  /** The classifier: a tokenizer, a layer, labels, class weights and a provider. */
  public static class Classifier {
    final Tokenizer tokenizer;
    final Layer layer;
    final List<String> labels;
    final Map<String, Double> weights;
    final Provider<Tokenizer> tokenizers;
    @Inject Clock clock;
    double threshold;

    @Inject
    public Classifier(
        Tokenizer tokenizer,
        @Named("main") Layer layer,
        @Named("labels") List<String> labels,
        @Named("weights") Map<String, Double> weights,
        Provider<Tokenizer> tokenizers) {
      Census.constructed();
      this.tokenizer = tokenizer;
      this.layer = layer;
      this.labels = labels;
      this.weights = weights;
      this.tokenizers = tokenizers;
    }

    @Inject
    void setThreshold(@Named("threshold") double threshold) {
      this.threshold = threshold;
    }
  }

  /** Trains a classifier; the call is logged and replayed only when something needs its result. */
  public static class Trainer {
    @Inject
    public Trainer() {
      Census.constructed();
    }

    @AiJson
    public Report fit(Classifier classifier, int epochs, double learningRate) {
      return new Report(epochs, learningRate);
    }
  }

  /** What a training run reports. */
  public static class Report {
    final int epochs;
    final double learningRate;

    Report(int epochs, double learningRate) {
      Census.constructed();
      this.epochs = epochs;
      this.learningRate = learningRate;
    }
  }

  /** Every scalar and container type replay reads, in one constructor. */
  public static class Knobs {
    @Inject
    public Knobs(
        @Named("byte") byte b,
        @Named("short") short s,
        @Named("char") char c,
        @Named("int") int i,
        @Named("long") long l,
        @Named("float") float f,
        @Named("double") double d,
        @Named("boolean") boolean z,
        @Named("big") BigInteger big,
        @Named("decimal") BigDecimal decimal,
        @Named("counts") int[] counts,
        @Named("activations") Set<Activation> activations,
        @Named("sorted") SortedMap<String, Integer> sorted,
        @Named("nan") double nan,
        @Named("layers") List<LayerSpec> layers) {
      Census.constructed();
    }
  }

  /** The training module. */
  public static class TrainingModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Tokenizer.class).to(SubwordTokenizer.class).in(Singleton.class);
      bindConstant().annotatedWith(Names.named("corpus")).to("corpus.txt");
      bindConstant().annotatedWith(Names.named("vocabSize")).to(100);
      bindConstant().annotatedWith(Names.named("threshold")).to(0.5);
      bind(new TypeLiteral<List<String>>() {})
          .annotatedWith(Names.named("labels"))
          .toInstance(List.of("good", "bad", "ugly"));
      bind(new TypeLiteral<Map<String, Double>>() {})
          .annotatedWith(Names.named("weights"))
          .toInstance(Map.of("good", 1.0, "bad", 2.5));
    }

    @Provides
    @Named("main")
    Layer layer(@Named("vocabSize") int inputs) {
      return new Layer(new LayerSpec(inputs, 3, 0.1, Activation.RELU), 42L);
    }
  }

  /** Binds the constants {@link Knobs} takes. */
  public static class KnobsModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(byte.class).annotatedWith(Names.named("byte")).toInstance((byte) -7);
      bind(short.class).annotatedWith(Names.named("short")).toInstance((short) 300);
      bind(char.class).annotatedWith(Names.named("char")).toInstance('x');
      bind(int.class).annotatedWith(Names.named("int")).toInstance(Integer.MAX_VALUE);
      bind(long.class).annotatedWith(Names.named("long")).toInstance(Long.MIN_VALUE);
      bind(float.class).annotatedWith(Names.named("float")).toInstance(1.5f);
      bind(double.class).annotatedWith(Names.named("double")).toInstance(-2.25e-300);
      bind(boolean.class).annotatedWith(Names.named("boolean")).toInstance(true);
      bind(BigInteger.class).annotatedWith(Names.named("big"))
          .toInstance(new BigInteger("123456789012345678901234567890"));
      bind(BigDecimal.class).annotatedWith(Names.named("decimal"))
          .toInstance(new BigDecimal("3.14159265358979323846"));
      bind(int[].class).annotatedWith(Names.named("counts")).toInstance(new int[] {1, 2, 3});
      bind(new TypeLiteral<Set<Activation>>() {}).annotatedWith(Names.named("activations"))
          .toInstance(Set.of(Activation.TANH));
      bind(new TypeLiteral<SortedMap<String, Integer>>() {}).annotatedWith(Names.named("sorted"))
          .toInstance(new java.util.TreeMap<>(Map.of("a", 1, "b", 2)));
      bind(double.class).annotatedWith(Names.named("nan")).toInstance(Double.NaN);
      bind(new TypeLiteral<List<LayerSpec>>() {}).annotatedWith(Names.named("layers"))
          .toInstance(List.of(new LayerSpec(1, 2, 0.0, Activation.SIGMOID)));
    }
  }

  /** A connection made outside the injector: recorded as an opaque var. */
  public static class DataSource {
    final String url;

    public DataSource(String url) {
      Census.constructed();
      this.url = url;
    }
  }

  /** Reads from the data source. */
  public static class Reader {
    final DataSource source;

    @Inject
    public Reader(DataSource source) {
      Census.constructed();
      this.source = source;
    }
  }

  /** A vocabulary made by a provider class: recorded as a call of its get(). */
  public static class Vocabulary {
    final int size;

    Vocabulary(int size) {
      Census.constructed();
      this.size = size;
    }
  }

  /** Provides the vocabulary. */
  public static class VocabularyProvider implements Provider<Vocabulary> {
    final int size;

    @Inject
    public VocabularyProvider(@Named("vocabSize") int size) {
      Census.constructed();
      this.size = size;
    }

    @Override
    public Vocabulary get() {
      return new Vocabulary(size);
    }
  }

  /** Binds a data source instance and a provider class. */
  public static class ServingModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(DataSource.class).toInstance(new DataSource("jdbc:training"));
      bindConstant().annotatedWith(Names.named("vocabSize")).to(100);
      bind(Vocabulary.class).toProvider(VocabularyProvider.class);
    }
  }
}
