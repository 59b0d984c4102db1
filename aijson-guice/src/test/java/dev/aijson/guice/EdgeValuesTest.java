package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.only;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Values at the edges of what JSON holds (negative zero, NaN and the infinities, floats, longs
 * past 2^53, exact decimals, characters, arrays, enums with bodies, nested empty collections):
 * recorded, written, read back and replayed, each is the same value of the same Java type, or
 * the document says it cannot be written and replay refuses it, naming the var.
 */
class EdgeValuesTest {
  private static final String PACKAGE = "dev.aijson.guice";

  /** An activation whose constants have bodies of their own. */
  public enum Activation {
    RELU {
      @Override
      double apply(double x) {
        return Math.max(0, x);
      }
    },
    TANH {
      @Override
      double apply(double x) {
        return Math.tanh(x);
      }
    };

    abstract double apply(double x);
  }

  /** A layer's settings, each bound under its own name, as a training module binds them. */
  public static class Layer {
    final double bias;
    final float scale;
    final Float clip;
    final double floor;
    final float ceiling;
    final long seed;
    final BigDecimal learningRate;
    final BigInteger steps;
    final char separator;
    final byte[] mask;
    final double[] offsets;
    final Activation activation;
    final Set<Activation> activations;
    final List<List<String>> groups;
    final Map<String, List<Integer>> buckets;
    final List<Float> weights;

    @Inject
    Layer(@Named("bias") double bias, @Named("scale") float scale, @Named("clip") Float clip,
        @Named("floor") double floor, @Named("ceiling") float ceiling, @Named("seed") long seed,
        @Named("learningRate") BigDecimal learningRate, @Named("steps") BigInteger steps,
        @Named("separator") char separator, @Named("mask") byte[] mask, @Named("offsets") double[] offsets,
        @Named("activation") Activation activation, Set<Activation> activations, List<List<String>> groups,
        Map<String, List<Integer>> buckets, List<Float> weights) {
      this.bias = bias;
      this.scale = scale;
      this.clip = clip;
      this.floor = floor;
      this.ceiling = ceiling;
      this.seed = seed;
      this.learningRate = learningRate;
      this.steps = steps;
      this.separator = separator;
      this.mask = mask;
      this.offsets = offsets;
      this.activation = activation;
      this.activations = activations;
      this.groups = groups;
      this.buckets = buckets;
      this.weights = weights;
    }
  }

  static final class LayerModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("bias")).to(-0.0);
      bindConstant().annotatedWith(Names.named("scale")).to(-0.0f);
      bind(Float.class).annotatedWith(Names.named("clip")).toInstance(0.1f);
      bindConstant().annotatedWith(Names.named("floor")).to(Double.NEGATIVE_INFINITY);
      bindConstant().annotatedWith(Names.named("ceiling")).to(Float.NaN);
      bindConstant().annotatedWith(Names.named("seed")).to((1L << 53) + 1);
      bind(BigDecimal.class).annotatedWith(Names.named("learningRate")).toInstance(new BigDecimal("0.0100"));
      bind(BigInteger.class).annotatedWith(Names.named("steps"))
          .toInstance(new BigInteger("123456789012345678901234567890"));
      bindConstant().annotatedWith(Names.named("separator")).to('$');
      bind(byte[].class).annotatedWith(Names.named("mask")).toInstance(new byte[] {-128, 0, 127});
      bind(double[].class).annotatedWith(Names.named("offsets"))
          .toInstance(new double[] {-0.0, Double.MIN_VALUE, Double.NaN});
      bind(Activation.class).annotatedWith(Names.named("activation")).toInstance(Activation.TANH);
      bind(new TypeLiteral<Set<Activation>>() {}).toInstance(EnumSet.of(Activation.TANH, Activation.RELU));
      bind(new TypeLiteral<List<List<String>>>() {}).toInstance(List.of(List.of(), List.of("$x")));
      bind(new TypeLiteral<Map<String, List<Integer>>>() {}).toInstance(Map.of("empty", List.of()));
      bind(new TypeLiteral<List<Float>>() {}).toInstance(List.of(0.1f, -0.0f, Float.POSITIVE_INFINITY));
    }
  }

  private static String train(Class<?> root, Module module) {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), module);
    injector.getInstance(root);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  // regression: negative zero was written 0.0, so replay passed positive zero
  @Test
  void negativeZero_isWrittenAsItsStringAndReplayedNegative() {
    String json = train(Layer.class, new LayerModule());

    AiJsonVar layer = only(AiJsonDocument.parse(json), "EdgeValuesTest$Layer");
    assertThat(layer.kwargs().get("bias")).isEqualTo("-0.0");
    assertThat(layer.kwargs().get("scale")).isEqualTo("-0.0");
    Layer served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Layer.class);
    assertThat(Double.doubleToRawLongBits(served.bias)).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Float.floatToRawIntBits(served.scale)).isEqualTo(Float.floatToRawIntBits(-0.0f));
    assertThat(Double.doubleToRawLongBits(served.offsets[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Float.floatToRawIntBits(served.weights.get(1))).isEqualTo(Float.floatToRawIntBits(-0.0f));
  }

  @Test
  void edgeValues_areReplayedAsTheSameValuesOfTheSameTypes() {
    Layer trained = Guice.createInjector(new LayerModule()).getInstance(Layer.class);
    String json = train(Layer.class, new LayerModule());

    Layer served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Layer.class);

    assertThat(served.clip).isEqualTo(trained.clip);
    assertThat(served.floor).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(served.ceiling).isNaN();
    assertThat(served.seed).isEqualTo(9_007_199_254_740_993L);
    assertThat(served.learningRate).isEqualTo(new BigDecimal("0.0100")); // scale kept
    assertThat(served.steps).isEqualTo(trained.steps);
    assertThat(served.separator).isEqualTo('$');
    assertThat(served.mask).isEqualTo(trained.mask);
    assertThat(Arrays.equals(served.offsets, trained.offsets)).isTrue();
    assertThat(served.activation).isSameInstanceAs(Activation.TANH);
    assertThat(served.activations).containsExactly(Activation.RELU, Activation.TANH).inOrder();
    assertThat(served.groups).isEqualTo(List.of(List.of(), List.of("$x")));
    assertThat(served.buckets).isEqualTo(Map.of("empty", List.of()));
    assertThat(served.weights).isEqualTo(trained.weights);
    assertThat(served.weights.get(0)).isInstanceOf(Float.class);
  }

  /** Takes any value: replay reads an {@code Object} by what the JSON holds. */
  public static class Tagger {
    final Object missing;
    final List<Object> values;
    final Number threshold;

    @Inject
    Tagger(@Named("missing") Object missing, @Named("values") List<Object> values,
        @Named("threshold") Number threshold) {
      this.missing = missing;
      this.values = values;
      this.threshold = threshold;
    }
  }

  // regression: a NaN or an infinity where an Object goes was written as the string "NaN", and
  // replay passed the String "NaN" where the application had passed a Double
  @Test
  void nonFiniteDoubleWhereAnObjectGoes_isAnOpaqueVarThatReplayAsksFor() {
    String json = train(Tagger.class, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Object.class).annotatedWith(Names.named("missing")).toInstance(Double.NaN);
        bind(new TypeLiteral<List<Object>>() {}).annotatedWith(Names.named("values"))
            .toInstance(List.of(1.5, Double.POSITIVE_INFINITY));
        bind(Number.class).annotatedWith(Names.named("threshold")).toInstance(Double.NaN);
      }
    });

    AiJsonDocument document = AiJsonDocument.parse(json);
    AiJsonVar tagger = only(document, "EdgeValuesTest$Tagger");
    assertThat(tagger.kwargs().get("missing")).isInstanceOf(AiJsonRef.class);
    assertThat(tagger.kwargs().get("values")).isInstanceOf(AiJsonRef.class);
    assertThat(document.var(((AiJsonRef) tagger.kwargs().get("missing")).var()).kind())
        .isEqualTo(AiJsonVar.Kind.OPAQUE);
    assertThat(tagger.kwargs().get("threshold")).isEqualTo("NaN"); // a Number is never a string

    CreationException refused = assertThrows(CreationException.class,
        () -> Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)));
    assertThat(refused).hasMessageThat().contains("var0 (Double) is opaque");

    Tagger served = Guice.createInjector(ReplayModule.allowing(PACKAGE)
        .withInstance("var0", Double.NaN)
        .withInstance("var1", List.of(1.5, Double.POSITIVE_INFINITY)).from(json)).getInstance(Tagger.class);
    assertThat(served.missing).isEqualTo(Double.NaN);
    assertThat(served.threshold).isEqualTo(Double.NaN);
  }

  @Test
  void finiteDoubleWhereAnObjectGoes_isWrittenInline() {
    String json = train(Tagger.class, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Object.class).annotatedWith(Names.named("missing")).toInstance(2.5);
        bind(new TypeLiteral<List<Object>>() {}).annotatedWith(Names.named("values")).toInstance(List.of("NaN"));
        bind(Number.class).annotatedWith(Names.named("threshold")).toInstance(-0.0);
      }
    });

    Tagger served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Tagger.class);

    assertThat(served.missing).isEqualTo(2.5);
    assertThat(served.values).containsExactly("NaN"); // a string stays a string
    assertThat(served.threshold).isEqualTo(-0.0);
  }
}
