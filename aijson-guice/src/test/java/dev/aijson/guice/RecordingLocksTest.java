package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Recording never changes what the application does, and so never makes it deadlock: the
 * recorder reads the application's objects (a configuration bean's getters, a bound collection's
 * size and elements) without holding a lock of its own, so that a thread holding one of the
 * application's locks while it provisions never waits for a thread that waits for that lock
 * inside the recorder. Regression: the recorder encoded argument values under its own monitor,
 * and the two threads below waited for each other forever.
 */
class RecordingLocksTest {
  /** A training configuration whose accessors guard it by its own monitor, as a shared bean's do. */
  public static class TrainConfig {
    private int epochs = 3;
    private double rate = 0.1;

    public synchronized int getEpochs() {
      return epochs;
    }

    public synchronized void setEpochs(int epochs) {
      this.epochs = epochs;
    }

    public synchronized double getRate() {
      return rate;
    }

    public synchronized void setRate(double rate) {
      this.rate = rate;
    }
  }

  static class Trainer {
    final int epochs;

    @Inject
    Trainer(TrainConfig config) {
      this.epochs = config.getEpochs();
    }
  }

  static final class ConfigModule extends AbstractModule {
    private final TrainConfig config;

    ConfigModule(TrainConfig config) {
      this.config = config;
    }

    @Override
    protected void configure() {
      bind(TrainConfig.class).toInstance(config);
    }
  }

  /** Waits until {@code thread} blocks or waits (on the lock the test holds), failing after 10 s. */
  private static void awaitBlocked(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      if (System.nanoTime() > deadline || !thread.isAlive()) {
        throw new AssertionError("the thread never blocked: " + thread.getState());
      }
      Thread.sleep(1);
    }
  }

  /** Runs {@code task} on a thread of its own, daemon, so that a deadlock cannot keep the JVM alive. */
  private static Thread start(String name, ThrowingRunnable task, List<Throwable> failures) {
    Thread thread = new Thread(() -> {
      try {
        task.run();
      } catch (Throwable e) {
        synchronized (failures) {
          failures.add(e);
        }
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static void joinAll(List<Throwable> failures, Thread... threads) throws InterruptedException {
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(20));
      assertWithMessage(thread.getName() + " is still running: deadlocked").that(thread.isAlive()).isFalse();
    }
    assertThat(failures).isEmpty();
  }

  /**
   * Makes the interleaving that deadlocked: thread "b" takes {@code monitor}, thread "a" then
   * runs {@code provision}, and once "a" blocks (reading the application's object inside the
   * recorder), "b" runs {@code whileHeld} still holding the monitor. Fails if either thread does
   * not finish.
   */
  private static void provisionWhileAnotherHolds(Object monitor, ThrowingRunnable whileHeld, ThrowingRunnable provision)
      throws InterruptedException {
    List<Throwable> failures = new ArrayList<>();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch aStarted = new CountDownLatch(1);
    AtomicReference<Thread> a = new AtomicReference<>();
    Thread b = start("b", () -> {
      synchronized (monitor) {
        held.countDown();
        aStarted.await();
        awaitBlocked(a.get());
        whileHeld.run();
      }
    }, failures);
    held.await();
    Thread started = start("a", () -> {
      a.set(Thread.currentThread());
      aStarted.countDown();
      provision.run();
    }, failures);
    joinAll(failures, started, b);
  }

  /** Every reference of every var names an earlier var, and the document reads back as it is written. */
  private static void assertConsistent(String json) {
    AiJsonDocument document = AiJsonDocument.parse(json);
    for (int i = 0; i < document.vars().size(); i++) {
      AiJsonVar var = document.vars().get(i);
      for (AiJsonRef ref : var.references()) {
        assertThat(ref.number()).isLessThan(i);
      }
    }
  }

  @Test
  void provision_whileAnotherThreadHoldsTheBoundBeansMonitorAndProvisions_bothFinish() throws Exception {
    TrainConfig config = new TrainConfig();
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new ConfigModule(config));
    provisionWhileAnotherHolds(config, () -> {
      config.setEpochs(5);
      injector.getInstance(Trainer.class);
    }, () -> injector.getInstance(Trainer.class));

    String json = injector.getInstance(AiJsonLog.class).toJson();
    assertConsistent(json);
    List<AiJsonVar> trainers = AiJsonDocument.parse(json).vars().stream()
        .filter(var -> var.caller().endsWith("$Trainer")).toList();
    assertThat(trainers).hasSize(2);
    for (AiJsonVar trainer : trainers) {
      assertThat(trainer.kwargs().get("config").toString()).contains("epochs=5");
    }
  }

  static class Vocabulary {
    final int size;

    @Inject
    Vocabulary(List<String> words) {
      synchronized (words) {
        this.size = words.size();
      }
    }
  }

  @Test
  void provision_whileAnotherThreadIteratesTheBoundSynchronizedListUnderItsLock_bothFinish() throws Exception {
    List<String> words = Collections.synchronizedList(new ArrayList<>(List.of("alpha", "beta")));
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(new TypeLiteral<List<String>>() {}).toInstance(words);
      }
    });
    injector.getInstance(Vocabulary.class); // the application has been running a while
    provisionWhileAnotherHolds(words, () -> {
      for (String word : words) {
        assertThat(word).isNotEmpty();
      }
      words.add("gamma");
      injector.getInstance(Vocabulary.class);
    }, () -> injector.getInstance(Vocabulary.class));

    String json = injector.getInstance(AiJsonLog.class).toJson();
    assertConsistent(json);
    List<AiJsonVar> vocabularies = AiJsonDocument.parse(json).vars().stream()
        .filter(var -> var.caller().endsWith("$Vocabulary")).toList();
    assertThat(vocabularies).hasSize(3);
    assertThat(vocabularies.get(0).kwargs().get("words")).isEqualTo(List.of("alpha", "beta"));
    for (AiJsonVar vocabulary : vocabularies.subList(1, 3)) {
      assertThat(vocabulary.kwargs().get("words")).isEqualTo(List.of("alpha", "beta", "gamma"));
    }
  }

  @Test
  void provision_whileAnotherThreadAddsToTheBoundSynchronizedListUnderItsLock_recordsEveryProvision()
      throws Exception {
    List<String> words = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 2_000; i++) {
      words.add("w" + i);
    }
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(new TypeLiteral<List<String>>() {}).toInstance(words);
      }
    });
    List<Throwable> failures = new ArrayList<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread writer = start("writer", () -> {
      for (int i = 0; !done.get(); i++) {
        synchronized (words) { // as Collections.synchronizedList asks of a compound change
          words.remove(0);
          words.add("x" + i);
        }
      }
    }, failures);
    int provisions = 1_000;
    for (int i = 0; i < provisions; i++) {
      assertThat(injector.getInstance(Vocabulary.class).size).isEqualTo(2_000);
    }
    done.set(true);
    joinAll(failures, writer);

    // each read of the list sees it whole, between two changes: none is lost to a
    // ConcurrentModificationException in the recorder, which read it without its lock
    AiJsonDocument document = AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
    List<AiJsonVar> vocabularies = document.vars().stream()
        .filter(var -> var.caller().endsWith("$Vocabulary")).toList();
    assertThat(vocabularies).hasSize(provisions);
    for (AiJsonVar vocabulary : vocabularies) {
      assertThat((List<?>) vocabulary.kwargs().get("words")).hasSize(2_000);
    }
  }

  /** Settings a background loader fills in: reading them waits until the loading has finished. */
  public static class LoadedSettings {
    /** Counted down once the configuration is loaded. */
    static volatile CountDownLatch loading = new CountDownLatch(0);
    private int epochs;

    public int getEpochs() {
      try {
        if (!loading.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never loaded");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return epochs;
    }

    public void setEpochs(int epochs) {
      this.epochs = epochs;
    }
  }

  /** What the loader reads the settings from, made by the injector. */
  static class SettingsSource {
    @Inject
    SettingsSource() {}

    int epochs() {
      return 7;
    }
  }

  static class Model {
    final int epochs;

    Model(int epochs) {
      this.epochs = epochs;
    }
  }

  static class Fitter {
    @Inject
    Fitter() {}

    @AiJson
    public Model fit(LoadedSettings settings) {
      return new Model(settings.getEpochs());
    }
  }

  @Test
  void call_whoseArgumentsGetterWaitsForAThreadThatProvisions_finishes() throws Exception {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment());
    LoadedSettings settings = new LoadedSettings();
    CountDownLatch loading = new CountDownLatch(1);
    LoadedSettings.loading = loading;
    AtomicBoolean reading = new AtomicBoolean();
    List<Throwable> failures = new ArrayList<>();
    Model[] model = new Model[1];
    Thread a = start("a", () -> {
      reading.set(true);
      model[0] = injector.getInstance(Fitter.class).fit(settings);
    }, failures);
    Thread loader = start("loader", () -> {
      while (!reading.get()) {
        Thread.onSpinWait();
      }
      awaitBlocked(a); // the recorder reads the settings the call is passed
      settings.setEpochs(injector.getInstance(SettingsSource.class).epochs());
      loading.countDown();
    }, failures);

    joinAll(failures, a, loader);
    assertThat(model[0].epochs).isEqualTo(7);
    String json = injector.getInstance(AiJsonLog.class).toJson();
    assertConsistent(json);
    AiJsonVar fit = AiJsonDocument.parse(json).vars().stream()
        .filter(var -> var.kind() == AiJsonVar.Kind.CALL).findFirst().orElseThrow();
    assertThat(fit.kwargs().get("settings")).isEqualTo(Map.of("epochs", 7L));
  }

  /** Settings whose getter asks the injector for its defaults, on the thread that reads it. */
  public static class DefaultedSettings {
    static Injector injector;
    private Integer epochs;

    public int getEpochs() {
      return epochs != null ? epochs : injector.getInstance(Defaults.class).epochs;
    }

    public void setEpochs(int epochs) {
      this.epochs = epochs;
    }
  }

  static class Defaults {
    final int epochs;

    @Inject
    Defaults(SettingsSource source) {
      this.epochs = source.epochs();
    }
  }

  static class Run {
    final int epochs;

    @Inject
    Run(DefaultedSettings settings, SettingsSource source) {
      this.epochs = settings.getEpochs();
    }
  }

  @Test
  void provision_whoseBoundBeansGetterProvisionsOnTheSameThread_recordsAConsistentDocument() {
    DefaultedSettings settings = new DefaultedSettings();
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(DefaultedSettings.class).toInstance(settings);
      }
    });
    DefaultedSettings.injector = injector;

    Run run = injector.getInstance(Run.class);

    assertThat(run.epochs).isEqualTo(7);
    String json = injector.getInstance(AiJsonLog.class).toJson();
    assertConsistent(json);
    AiJsonVar recorded = AiJsonDocument.parse(json).vars().stream()
        .filter(var -> var.caller().endsWith("$Run")).findFirst().orElseThrow();
    assertThat(recorded.kwargs().get("settings")).isEqualTo(Map.of("epochs", 7L));
  }

  static class Session {
    final Defaults defaults;

    @Inject
    Session(DefaultedSettings settings, Defaults defaults) {
      this.defaults = defaults;
    }
  }

  static class Job {
    final Session session;

    @Inject
    Job(Session session, Defaults defaults) {
      this.session = session;
    }
  }

  @Test
  void provision_whoseBoundBeansGetterProvisionsAParameterKey_referencesTheObjectTheParameterGot() {
    DefaultedSettings settings = new DefaultedSettings();
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(DefaultedSettings.class).toInstance(settings);
      }
    });
    DefaultedSettings.injector = injector;

    injector.getInstance(Job.class);

    // the recorder's reads of the getter made Defaults of their own; Session and Job each
    // reference the one Guice made for their parameter, the last Defaults before them
    AiJsonDocument document = AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
    String lastDefaults = null;
    for (AiJsonVar var : document.vars()) {
      if (var.caller().endsWith("$Defaults")) {
        lastDefaults = var.name();
      } else if (var.caller().endsWith("$Session") || var.caller().endsWith("$Job")) {
        assertThat(var.kwargs().get("defaults")).isEqualTo(AiJsonRef.to(lastDefaults));
      }
    }
    assertThat(lastDefaults).isNotNull();
  }

  @Singleton
  static class Pipeline {
    final Trainer trainer;
    final Vocabulary vocabulary;

    @Inject
    Pipeline(Trainer trainer, Vocabulary vocabulary) {
      this.trainer = trainer;
      this.vocabulary = vocabulary;
    }
  }

  @Test
  void document_readWhileOtherThreadsProvision_isConsistentEachTime() throws Exception {
    TrainConfig config = new TrainConfig();
    List<String> words = Collections.synchronizedList(new ArrayList<>(List.of("alpha")));
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment(), new ConfigModule(config),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(new TypeLiteral<List<String>>() {}).toInstance(words);
          }

          @Provides
          Model model(Fitter fitter, TrainConfig config) {
            LoadedSettings settings = new LoadedSettings();
            settings.setEpochs(config.getEpochs());
            return fitter.fit(settings);
          }
        });
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          int thread = t;
          work.add(pool.submit(() -> {
            for (int i = 0; i < 300; i++) {
              injector.getInstance(Trainer.class);
              injector.getInstance(Vocabulary.class);
              injector.getInstance(Model.class);
              injector.getInstance(Pipeline.class);
              if (i % 50 == 0) {
                config.setEpochs(thread * 1000 + i);
                words.add("w" + thread + "-" + i);
              }
            }
            return null;
          }));
        }
        work.add(pool.submit(() -> {
          for (int i = 0; i < 30; i++) {
            assertConsistent(log.toJson());
            assertConsistent(log.document().toJson());
          }
          return null;
        }));
        for (Future<?> future : work) {
          future.get();
        }
      });
    } finally {
      pool.shutdownNow();
    }
    assertConsistent(log.toJson());
  }
}
