package dev.aijson.guice7;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.name.Names;
import com.google.inject.spi.ProviderInstanceBinding;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.guice.ReplayModule;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A text scorer wired the way a Guice 7 user writes it, with jakarta.inject only, recorded on
 * Guice 7 with javax.inject absent from the class path, replayed from the document alone, and
 * recorded again. aijson-guice is compiled against Guice 6; this is what its users on Guice 7 run.
 */
class JakartaPipelineOnGuice7Test {
  private static final String P = "JakartaPipelineOnGuice7Test$";
  private static final String TRAINING_TEXT = "The cat sat on the mat";
  private static final String SERVED_TEXT = "A dog barked at the cat";

  static class Vocabulary {
    final int size;

    Vocabulary(int size) {
      this.size = size;
    }

    int id(String token) {
      return Math.floorMod(token.hashCode(), size);
    }
  }

  interface Tokenizer {
    List<String> tokenize(String text);
  }

  static class WhitespaceTokenizer implements Tokenizer {
    private final boolean lowercase;

    @Inject
    WhitespaceTokenizer(@Named("lowercase") boolean lowercase) {
      this.lowercase = lowercase;
    }

    @Override
    public List<String> tokenize(String text) {
      return Arrays.asList((lowercase ? text.toLowerCase(Locale.ROOT) : text).split("\\s+"));
    }
  }

  /** Made anew for each request, so the pipeline holds a provider of it. */
  static class Scorer {
    final Vocabulary vocabulary;
    final double bias;

    @Inject
    Scorer(Vocabulary vocabulary, @Named("bias") double bias) {
      this.vocabulary = vocabulary;
      this.bias = bias;
    }

    double score(List<String> tokens) {
      double sum = bias;
      for (String token : tokens) {
        sum += vocabulary.id(token) / (double) vocabulary.size;
      }
      return sum;
    }
  }

  @Singleton
  static class Pipeline {
    final Tokenizer tokenizer;
    final Provider<Scorer> scorers;

    @Inject
    Pipeline(Tokenizer tokenizer, Provider<Scorer> scorers) {
      this.tokenizer = tokenizer;
      this.scorers = scorers;
    }

    double score(String text) {
      return scorers.get().score(tokenizer.tokenize(text));
    }
  }

  static final class PipelineModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Tokenizer.class).to(WhitespaceTokenizer.class);
      bindConstant().annotatedWith(Names.named("lowercase")).to(true);
      bindConstant().annotatedWith(Names.named("bias")).to(0.25);
      bindConstant().annotatedWith(Names.named("size")).to(1000);
    }

    @Provides
    @Singleton
    Vocabulary vocabulary(@Named("size") int size) {
      return new Vocabulary(size);
    }
  }

  /** Builds and uses the pipeline in {@code modules}, recording it, and returns the document. */
  private static String record(Module... modules) {
    Module[] all = new Module[modules.length + 1];
    all[0] = new AiJsonModule();
    System.arraycopy(modules, 0, all, 1, modules.length);
    Injector injector = Guice.createInjector(all);
    injector.getInstance(Pipeline.class).score(TRAINING_TEXT);
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  private static AiJsonVar only(AiJsonDocument document, String caller) {
    List<AiJsonVar> found = document.vars().stream().filter(v -> v.caller().equals(caller)).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void classPath_isGuice7_withoutJavaxInject() throws NoSuchMethodException {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("javax.inject.Inject"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("javax.inject.Provider"));
    assertThat(Provider.class.isAssignableFrom(com.google.inject.Provider.class)).isTrue();
    assertThat(com.google.inject.Provider.class.getInterfaces()).asList().containsExactly(Provider.class);
    // the method aijson-guice, compiled against Guice 6, calls by reflection
    assertThat(ProviderInstanceBinding.class.getMethod("getUserSuppliedProvider").getReturnType())
        .isEqualTo(Provider.class);
  }

  @Test
  void record_onGuice7_namesGuice7InTheEnvironment() {
    AiJsonDocument document = AiJsonDocument.parse(record(new PipelineModule()));

    assertThat(String.valueOf(document.environment().get("guice"))).matches("7\\.[0-9]+\\.[0-9]+.*");
  }

  @Test
  void record_jakartaAnnotations_recordKeysProvidersAndScopes() {
    AiJsonDocument document = AiJsonDocument.parse(record(new PipelineModule()));

    String scorer = "dev.aijson.guice7.JakartaPipelineOnGuice7Test$Scorer";
    AiJsonVar pipeline = only(document, P + "Pipeline");
    assertThat(pipeline.singleton()).isTrue();
    assertThat(pipeline.signature()).containsExactly("dev.aijson.guice7.JakartaPipelineOnGuice7Test$Tokenizer",
        "jakarta.inject.Provider<" + scorer + ">").inOrder();
    assertThat(pipeline.kwargs().get("scorers")).isEqualTo(Map.of("provider", scorer));
    assertThat(only(document, P + "WhitespaceTokenizer").kwargs()).containsExactly("lowercase", true);
    AiJsonVar vocabulary = only(document, P + "PipelineModule#vocabulary");
    assertThat(vocabulary.kind()).isEqualTo(AiJsonVar.Kind.PROVIDES);
    assertThat(vocabulary.singleton()).isTrue();
    assertThat(vocabulary.kwargs()).containsExactly("size", 1000L);
    AiJsonVar scorerVar = only(document, P + "Scorer");
    assertThat(scorerVar.key()).isEqualTo(scorer);
    assertThat(scorerVar.kwargs())
        .containsExactly("vocabulary", AiJsonRef.to(vocabulary.name()), "bias", new BigDecimal("0.25")).inOrder();
  }

  @Test
  void replay_fromTheDocumentAlone_scoresAsTheTrainedPipelineDoes() {
    String json = record(new PipelineModule());
    double trained = Guice.createInjector(new PipelineModule()).getInstance(Pipeline.class).score(SERVED_TEXT);

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice7").from(json));
    Pipeline pipeline = serving.getInstance(Pipeline.class);

    assertThat(pipeline.score(SERVED_TEXT)).isEqualTo(trained);
    assertThat(pipeline.tokenizer).isInstanceOf(WhitespaceTokenizer.class);
    assertThat(serving.getInstance(Pipeline.class)).isSameInstanceAs(pipeline);
    assertThat(pipeline.scorers.get()).isNotSameInstanceAs(pipeline.scorers.get());
    assertThat(pipeline.scorers.get().vocabulary).isSameInstanceAs(pipeline.scorers.get().vocabulary);
  }

  @Test
  void replay_recordedAgain_isTheSameDocument() {
    String json = record(new PipelineModule());

    assertThat(record(ReplayModule.allowing("dev.aijson.guice7").from(json))).isEqualTo(json);
  }

  static class Threshold {
    final double value;

    Threshold(double value) {
      this.value = value;
    }
  }

  static class ThresholdProvider implements Provider<Threshold> {
    @Override
    public Threshold get() {
      return new Threshold(0.5);
    }
  }

  /** Broke: getUserSuppliedProvider returns a jakarta provider on Guice 7, a NoSuchMethodError. */
  @Test
  void providerInstanceBinding_jakartaProvider_isLoggedAsGetOfTheUsersProvider() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(Threshold.class).toProvider(new ThresholdProvider());
      }
    });
    injector.getInstance(Threshold.class);

    AiJsonDocument document = AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
    AiJsonVar get = only(document, P + "ThresholdProvider#get");
    assertThat(get.kind()).isEqualTo(AiJsonVar.Kind.CALL);
    assertThat(document.var(get.receiver().var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }

  @Test
  void childInjector_onePerRequest_isRecordedAndNotKeptAliveByTheRecording() throws InterruptedException {
    Injector parent = Guice.createInjector(new AiJsonModule());
    List<WeakReference<Injector>> children = new ArrayList<>();
    for (int request = 0; request < 10; request++) {
      Injector child = parent.createChildInjector(new AbstractModule() {
        @Override
        protected void configure() {
          bind(Threshold.class).toProvider(new ThresholdProvider()); // a jakarta provider per child
        }
      });
      child.getInstance(Threshold.class);
      children.add(new WeakReference<>(child));
    }

    AiJsonDocument document = AiJsonDocument.parse(parent.getInstance(AiJsonLog.class).toJson());
    assertThat(document.vars().stream().filter(var -> var.caller().equals(P + "ThresholdProvider#get")).count())
        .isEqualTo(10);
    for (int tries = 0; tries < 50 && children.stream().anyMatch(child -> child.get() != null); tries++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(children.stream().filter(child -> child.get() != null).count()).isEqualTo(0);
  }
}
