package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * An application whose classes a class loader of its own defines, with aijson in a parent loader
 * (a container's or a cluster's shared libraries), leaves nothing of its classes in aijson once
 * its injectors are dropped: its class loader is collected, so a redeployed or finished job does
 * not keep its classes alive. The application's configuration bean is the case that goes through
 * Jackson, whose caches hold the classes they have seen.
 */
class ClassLoaderRetentionTest {
  /** The application's module: binds its configuration bean, made as the application makes it. */
  private static Module configured(Class<?> configClass) throws ReflectiveOperationException {
    Object config = configClass.getConstructor().newInstance();
    configClass.getMethod("setVocabSize", int.class).invoke(config, 300);
    configClass.getMethod("setCorpus", String.class).invoke(config, "corpus.txt");
    return new AbstractModule() {
      @Override
      @SuppressWarnings({"unchecked", "rawtypes"})
      protected void configure() {
        bind((Class) configClass).toInstance(config);
      }
    };
  }

  /** Records the application's pipeline with a new injector; returns the document. */
  private static String recorded(ClassLoader application) throws ReflectiveOperationException {
    Class<?> pipeline = application.loadClass(ApplicationPipeline.class.getName());
    Class<?> config = application.loadClass(ApplicationConfig.class.getName());
    assertThat(pipeline.getClassLoader()).isSameInstanceAs(application);
    assertThat(config.getClassLoader()).isSameInstanceAs(application);
    Injector training = Guice.createInjector(new AiJsonModule(), configured(config));
    training.getInstance(pipeline);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  /** Replays {@code document} and returns the vocabulary size of the pipeline it builds. */
  private static int replayedVocabSize(String document, ApplicationLoader application) throws Exception {
    return application.asContext(() -> {
      Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(document));
      Class<?> pipeline = application.loadClass(ApplicationPipeline.class.getName());
      Object config = pipeline.getField("config").get(serving.getInstance(pipeline));
      return (int) config.getClass().getMethod("getVocabSize").invoke(config);
    });
  }

  @Test
  void recordingAConfigBean_keepsNoClassOfTheApplication() throws Exception {
    ClassLoader application = new ApplicationLoader(ApplicationPipeline.class, ApplicationConfig.class);
    String document = recorded(application);
    assertThat(document).contains("\"vocabSize\": 300");
    WeakReference<ClassLoader> loader = new WeakReference<>(application);
    application = null;

    assertThat(Collected.released(loader)).isTrue();
  }

  @Test
  void replayingAConfigBean_keepsNoClassOfTheApplication() throws Exception {
    ApplicationLoader application = new ApplicationLoader(ApplicationPipeline.class, ApplicationConfig.class);
    String document = recorded(application);
    assertThat(replayedVocabSize(document, application)).isEqualTo(300);
    WeakReference<ClassLoader> loader = new WeakReference<>(application);
    application = null;

    assertThat(Collected.released(loader)).isTrue();
  }

  /**
   * Records the application's trainer, made by its module from the settings the module takes in
   * its constructor, and a call of its {@code fit}; returns the document.
   */
  private static String recordedTraining(ClassLoader application) throws ReflectiveOperationException {
    Class<?> trainer = application.loadClass(ApplicationTrainer.class.getName());
    Class<?> settings = application.loadClass(ApplicationSettings.class.getName());
    Class<?> mode = application.loadClass(ApplicationMode.class.getName());
    assertThat(trainer.getClassLoader()).isSameInstanceAs(application);
    Object configured = application.loadClass(ApplicationModule.class.getName()).getConstructor(settings)
        .newInstance(settings.getConstructor(int.class, mode).newInstance(64, mode.getField("TRAIN").get(null)));
    Injector training = Guice.createInjector(new AiJsonModule(), (Module) configured);
    Object trained = training.getInstance(trainer);
    assertThat(trainer.getMethod("fit", int.class).invoke(trained, 3)).isEqualTo(192);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  /** Replays {@code document} and returns the hidden width and mode of the trainer's network it builds. */
  private static String replayedNet(String document, ApplicationLoader application) throws Exception {
    return application.asContext(() -> {
      Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(document));
      Class<?> trainer = application.loadClass(ApplicationTrainer.class.getName());
      Object net = trainer.getField("net").get(serving.getInstance(trainer));
      assertThat(net.getClass().getClassLoader()).isSameInstanceAs(application);
      return net.getClass().getField("hidden").get(net) + " " + net.getClass().getField("mode").get(net);
    });
  }

  @Test
  void recordingAndReplayingAConfiguredModule_keepsNoClassOfTheApplication() throws Exception {
    ApplicationLoader application = new ApplicationLoader(ApplicationModule.class, ApplicationSettings.class,
        ApplicationMode.class, ApplicationNet.class, ApplicationTrainer.class);
    String document = recordedTraining(application);
    assertThat(document).contains("\"hidden\": 64");
    assertThat(document).contains("#fit");
    assertThat(replayedNet(document, application)).isEqualTo("64 TRAIN");
    WeakReference<ClassLoader> loader = new WeakReference<>(application);
    application = null;

    assertThat(Collected.released(loader)).isTrue();
  }
}
