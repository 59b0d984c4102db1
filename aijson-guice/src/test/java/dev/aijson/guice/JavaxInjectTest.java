package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.only;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.Map;
import java.util.Properties;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;

/**
 * javax.inject on Guice 6, which reads it beside jakarta.inject and Guice's own annotations:
 * {@code @Inject}, {@code @Named}, {@code Provider} and {@code @Singleton} of javax record and
 * replay as the others do. Guice 7 reads jakarta.inject only, so aijson-guice7, which runs the
 * other tests of this folder on Guice 7, leaves this class out.
 */
class JavaxInjectTest {
  private static final String P = "JavaxInjectTest$";

  @Singleton
  static class Vocabulary {
    final int size;

    @Inject
    Vocabulary(@Named("size") int size) {
      this.size = size;
    }
  }

  static class Scorer {
    final Vocabulary vocabulary;
    final double bias;

    @Inject
    Scorer(Vocabulary vocabulary, @Named("bias") double bias) {
      this.vocabulary = vocabulary;
      this.bias = bias;
    }

    double score(String text) {
      return Math.floorMod(text.hashCode(), vocabulary.size) / (double) vocabulary.size + bias;
    }
  }

  @Singleton
  static class Pipeline {
    final Provider<Scorer> scorers;

    @Inject
    Pipeline(Provider<Scorer> scorers) {
      this.scorers = scorers;
    }

    double score(String text) {
      return scorers.get().score(text);
    }
  }

  static final class PipelineModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("size")).to(1000);
      bindConstant().annotatedWith(Names.named("bias")).to(0.25);
    }
  }

  /** Builds the pipeline, scores once, and returns the document. */
  private static String train(com.google.inject.Module... modules) {
    com.google.inject.Module[] all = new com.google.inject.Module[modules.length + 1];
    all[0] = new AiJsonModule();
    System.arraycopy(modules, 0, all, 1, modules.length);
    Injector injector = Guice.createInjector(all);
    injector.getInstance(Pipeline.class).score("the cat sat");
    return injector.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void providerParameter_javax_recordsTheKeyItProvides() {
    AiJsonDocument document = AiJsonDocument.parse(train(new PipelineModule()));

    AiJsonVar pipeline = only(document, P + "Pipeline");
    String scorer = "dev.aijson.guice.JavaxInjectTest$Scorer";
    assertThat(pipeline.kwargs()).containsExactly("scorers", Map.of("provider", scorer));
    assertThat(pipeline.signature()).containsExactly("javax.inject.Provider<" + scorer + ">");
    assertThat(pipeline.singleton()).isTrue();
    assertThat(only(document, P + "Vocabulary").singleton()).isTrue();
  }

  @Test
  void pipeline_javax_replaysFromTheDocumentAloneWithTheSameScore() {
    String json = train(new PipelineModule());
    double trained = Guice.createInjector(new PipelineModule()).getInstance(Pipeline.class).score("a dog");

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));
    Pipeline pipeline = serving.getInstance(Pipeline.class);

    assertThat(pipeline.score("a dog")).isEqualTo(trained);
    assertThat(serving.getInstance(Pipeline.class)).isSameInstanceAs(pipeline);
    assertThat(pipeline.scorers.get().vocabulary).isSameInstanceAs(pipeline.scorers.get().vocabulary);
  }

  @Test
  void pipeline_javax_replayedAndRecordedAgain_isTheSameDocument() {
    String json = train(new PipelineModule());

    assertThat(train(ReplayModule.allowing("dev.aijson.guice").from(json))).isEqualTo(json);
  }

  static class Keyed {
    @Inject
    Keyed(@Named("javax") Scorer scorer) {}
  }

  @Test
  void named_javax_isWrittenAsGuiceNamed() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new PipelineModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(Scorer.class).annotatedWith(Names.named("javax")).to(Scorer.class);
      }
    });
    injector.getInstance(Keyed.class);

    AiJsonDocument document = Documents.of(injector);
    AiJsonRef scorer = (AiJsonRef) only(document, P + "Keyed").kwargs().get("scorer");
    assertThat(document.var(scorer.var()).key())
        .isEqualTo("@com.google.inject.name.Named(\"javax\") dev.aijson.guice.JavaxInjectTest$Scorer");
  }

  static class Settings {
    final String name;

    @Inject
    Settings(@Named("name") String name) {
      this.name = name;
    }
  }

  @Test
  void bindPropertiesConstants_withJavaxNames_replayInline() {
    Properties properties = new Properties();
    properties.setProperty("name", "bpe");
    Injector injector = Guice.createInjector(new AiJsonModule(), binder -> Names.bindProperties(binder, properties));
    injector.getInstance(Settings.class);
    String json = injector.getInstance(AiJsonLog.class).toJson();

    Settings settings = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json)).getInstance(Settings.class);

    assertThat(settings.name).isEqualTo("bpe");
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

  /** getUserSuppliedProvider returns a javax provider on Guice 6; aijson calls it by reflection. */
  @Test
  void providerInstanceBinding_javaxProvider_isLoggedAsGetOfTheUsersProvider() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(Threshold.class).toProvider(new ThresholdProvider());
      }
    });
    injector.getInstance(Threshold.class);

    AiJsonVar get = only(Documents.of(injector), P + "ThresholdProvider#get");
    assertThat(get.kind()).isEqualTo(AiJsonVar.Kind.CALL);
  }

  static class Model {}

  static class ModelModule extends AbstractModule {
    @Provides
    @Singleton
    Model model() {
      return new Model();
    }
  }

  @Test
  void providesMethod_javaxSingleton_isRecordedAndReplayedAsASingleton() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new ModelModule());
    injector.getInstance(Model.class);
    String json = injector.getInstance(AiJsonLog.class).toJson();
    assertThat(only(AiJsonDocument.parse(json), P + "ModelModule#model").singleton()).isTrue();

    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(serving.getInstance(Model.class)).isSameInstanceAs(serving.getInstance(Model.class));
  }

  /** Broke: this key reached binder.bind and came back as a CreationException without a cause. */
  @Test
  void keyOfJavaxProvider_isRefusedByFrom() {
    String json = """
        {"aijson": 1, "vars": {"var0": {"kind": "constructor", "module": "dev.aijson.guice", \
        "caller": "JavaxInjectTest$Model", "key": "javax.inject.Provider<java.lang.Object>", \
        "signature": [], "kwargs": {}}}}""";

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.guice").from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().contains("a document may not bind it");
  }
}
