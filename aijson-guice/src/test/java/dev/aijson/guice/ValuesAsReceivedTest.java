package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.all;
import static dev.aijson.guice.Documents.only;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.TypeLiteral;
import com.google.inject.assistedinject.Assisted;
import com.google.inject.assistedinject.FactoryModuleBuilder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kwarg states the value its object received: a bound collection of any size that the
 * application changes between provisions is written as it was at each one, and a constructor,
 * {@code @Provides} method or {@code @AiJson} call that changes what it was passed (adds to a
 * list, sorts it, calls a setter of a configuration bean) is recorded with what it was passed.
 */
class ValuesAsReceivedTest {
  private static final String PACKAGE = "dev.aijson.guice";
  private static final TypeLiteral<List<String>> STRINGS = new TypeLiteral<>() {};

  /** Gets the labels of a sweep run. */
  public static class Run {
    final List<String> labels;

    @Inject
    Run(@Named("labels") List<String> labels) {
      this.labels = List.copyOf(labels);
    }
  }

  /** Adds its own label to the list it is given, as some components register themselves. */
  public static class SelfRegistering {
    final List<String> labels;

    @Inject
    SelfRegistering(@Named("labels") List<String> labels) {
      labels.add("self");
      this.labels = List.copyOf(labels);
    }
  }

  /** A configuration bean, bound with {@code toInstance}. */
  public static class TrainingConfig {
    private int epochs;
    private String optimizer;

    public int getEpochs() {
      return epochs;
    }

    public void setEpochs(int epochs) {
      this.epochs = epochs;
    }

    public String getOptimizer() {
      return optimizer;
    }

    public void setOptimizer(String optimizer) {
      this.optimizer = optimizer;
    }
  }

  static TrainingConfig config(int epochs, String optimizer) {
    TrainingConfig config = new TrainingConfig();
    config.setEpochs(epochs);
    config.setOptimizer(optimizer);
    return config;
  }

  /** Fills in a default on the config it is handed, as components that "normalise" config do. */
  public static class Trainer {
    final int epochs;

    @Inject
    Trainer(TrainingConfig config) {
      if (config.getOptimizer() == null) {
        config.setOptimizer("adam");
      }
      config.setEpochs(config.getEpochs() * 2);
      this.epochs = config.getEpochs();
    }
  }

  /** A schedule whose {@code @Provides} method sorts the bound list it is given, in place. */
  static final class ScheduleModule extends AbstractModule {
    @Provides
    @Named("first")
    Double first(@Named("milestones") List<Double> milestones) {
      Collections.sort(milestones);
      return milestones.get(0);
    }
  }

  /** Gets the schedule's first milestone. */
  public static class Scheduler {
    final double first;

    @Inject
    Scheduler(@Named("first") Double first) {
      this.first = first;
    }
  }

  /** Fits a schedule, sorting it and noting the optimizer it ended with, as its own working. */
  public static class Fitter {
    @Inject
    Fitter() {}

    @AiJson
    public int fit(List<Double> schedule, TrainingConfig config) {
      Collections.sort(schedule);
      config.setOptimizer("fitted");
      return schedule.size();
    }
  }

  /** Made by an assisted factory with a list of stages, to which it adds its own. */
  public static class Pipeline {
    final List<String> stages;

    @Inject
    Pipeline(@Assisted List<String> stages, @Named("labels") List<String> labels) {
      stages.add("classify");
      this.stages = List.copyOf(stages);
    }
  }

  /** Makes pipelines. */
  public interface PipelineFactory {
    Pipeline create(List<String> stages);
  }

  /** Uses the factory in its constructor, as assisted-inject users do. */
  public static class Service {
    final Pipeline pipeline;

    @Inject
    Service(PipelineFactory factory) {
      this.pipeline = factory.create(new ArrayList<>(List.of("tokenize")));
    }
  }

  private static Injector recording(Module... modules) {
    Module[] all = new Module[modules.length + 1];
    all[0] = new AiJsonModule().withoutEnvironment();
    System.arraycopy(modules, 0, all, 1, modules.length);
    return Guice.createInjector(all);
  }

  private static Module labels(List<String> labels) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(STRINGS).annotatedWith(Names.named("labels")).toInstance(labels);
      }
    };
  }

  // regression: a bound mutable list of more than 1,024 elements was written as it was at its
  // first provision, though the application had changed it since
  @Test
  void largeBoundList_changedBetweenProvisions_eachVarHasWhatItsObjectGot() {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      labels.add("label" + i);
    }
    Injector injector = recording(labels(labels));
    injector.getInstance(Run.class);
    labels.set(4_321, "changed");
    injector.getInstance(Run.class);
    labels.add("added");
    injector.getInstance(Run.class);
    injector.getInstance(Run.class);

    List<AiJsonVar> runs = all(Documents.of(injector), "ValuesAsReceivedTest$Run");
    List<?> first = (List<?>) runs.get(0).kwargs().get("labels");
    List<?> second = (List<?>) runs.get(1).kwargs().get("labels");
    List<?> third = (List<?>) runs.get(2).kwargs().get("labels");
    assertThat(first).hasSize(5_000);
    assertThat(first.get(4_321)).isEqualTo("label4321");
    assertThat(second).hasSize(5_000);
    assertThat(second.get(4_321)).isEqualTo("changed");
    assertThat(third).hasSize(5_001);
    assertThat(third.get(5_000)).isEqualTo("added");
    assertThat(runs.get(3).kwargs().get("labels")).isEqualTo(third);
  }

  // regression: a change that kept the list's hash ("Aa" and "BB" hash alike) was not seen
  @Test
  void boundList_changedToContentsOfTheSameHash_isWrittenAsChanged() {
    List<String> labels = new ArrayList<>(List.of("Aa", "x"));
    Injector injector = recording(labels(labels));
    injector.getInstance(Run.class);
    labels.set(0, "BB");
    injector.getInstance(Run.class);

    assertThat(all(Documents.of(injector), "ValuesAsReceivedTest$Run").stream()
        .map(run -> run.kwargs().get("labels")).toList())
        .containsExactly(List.of("Aa", "x"), List.of("BB", "x")).inOrder();
  }

  /** Gets grouped labels. */
  public static class Grouped {
    @Inject
    Grouped(List<List<String>> groups) {}
  }

  // regression: an immutable list was written once, though a list inside it had changed
  @Test
  void immutableListOfAMutableList_changedInside_isWrittenAsChanged() {
    List<String> group = new ArrayList<>(List.of("a"));
    Injector injector = recording(new AbstractModule() {
      @Override
      protected void configure() {
        bind(new TypeLiteral<List<List<String>>>() {}).toInstance(List.of(group, List.of("z")));
      }
    });
    injector.getInstance(Grouped.class);
    group.add("b");
    injector.getInstance(Grouped.class);

    assertThat(all(Documents.of(injector), "ValuesAsReceivedTest$Grouped").stream()
        .map(var -> var.kwargs().get("groups")).toList())
        .containsExactly(List.of(List.of("a"), List.of("z")), List.of(List.of("a", "b"), List.of("z")))
        .inOrder();
  }

  /** Gets the configs of several runs. */
  public static class Sweep {
    @Inject
    Sweep(List<TrainingConfig> configs) {}
  }

  @Test
  void boundListOfBeans_beanChangedBetweenProvisions_isWrittenAsChanged() {
    TrainingConfig config = config(5, "sgd");
    Injector injector = recording(new AbstractModule() {
      @Override
      protected void configure() {
        bind(new TypeLiteral<List<TrainingConfig>>() {}).toInstance(List.of(config));
      }
    });
    injector.getInstance(Sweep.class);
    config.setEpochs(9);
    injector.getInstance(Sweep.class);

    assertThat(all(Documents.of(injector), "ValuesAsReceivedTest$Sweep").stream()
        .map(var -> ((Map<?, ?>) ((List<?>) var.kwargs().get("configs")).get(0)).get("epochs")).toList())
        .containsExactly(5L, 9L).inOrder();
  }

  @Test
  void immutableBoundList_unchanged_everyVarSharesOneCopy() {
    Injector injector = recording(labels(List.of("good", "bad", "ugly")));
    injector.getInstance(Run.class);
    injector.getInstance(Run.class);

    AiJsonDocument document = injector.getInstance(AiJsonLog.class).document();
    List<AiJsonVar> runs = all(document, "ValuesAsReceivedTest$Run");
    assertThat(runs.get(0).kwargs().get("labels")).isEqualTo(List.of("good", "bad", "ugly"));
    assertThat(runs.get(1).kwargs().get("labels")).isSameInstanceAs(runs.get(0).kwargs().get("labels"));
  }

  // regression: a constructor that added to the bound list it received was recorded with the
  // list it left, so replay passed it that list and it added again
  @Test
  void constructorThatAddsToABoundList_isRecordedWithTheListItReceived() {
    List<String> labels = new ArrayList<>(List.of("good", "bad"));
    Injector injector = recording(labels(labels));
    SelfRegistering trained = injector.getInstance(SelfRegistering.class);
    String json = injector.getInstance(AiJsonLog.class).toJson();

    assertThat(only(AiJsonDocument.parse(json), "ValuesAsReceivedTest$SelfRegistering").kwargs().get("labels"))
        .isEqualTo(List.of("good", "bad"));
    SelfRegistering served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json))
        .getInstance(SelfRegistering.class);
    assertThat(served.labels).isEqualTo(trained.labels);
  }

  // regression: a constructor that called a setter of the bound bean it received was recorded
  // with the values it set
  @Test
  void constructorThatCallsASetterOfABoundBean_isRecordedWithTheValuesItReceived() {
    Injector injector = recording(new AbstractModule() {
      @Override
      protected void configure() {
        bind(TrainingConfig.class).toInstance(config(5, null));
      }
    });
    Trainer trained = injector.getInstance(Trainer.class);
    String json = injector.getInstance(AiJsonLog.class).toJson();

    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("epochs", 5L);
    config.put("optimizer", null);
    assertThat(only(AiJsonDocument.parse(json), "ValuesAsReceivedTest$Trainer").kwargs().get("config"))
        .isEqualTo(config);
    Trainer served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Trainer.class);
    assertThat(served.epochs).isEqualTo(trained.epochs);
  }

  // regression: a @Provides method that sorted the bound list it received was recorded with
  // the list sorted
  @Test
  void providesMethodThatSortsABoundList_isRecordedWithTheListItReceived() {
    Injector injector = recording(new ScheduleModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(new TypeLiteral<List<Double>>() {}).annotatedWith(Names.named("milestones"))
            .toInstance(new ArrayList<>(List.of(30.0, 10.0, 20.0)));
      }
    });
    injector.getInstance(Scheduler.class);

    assertThat(only(Documents.of(injector), "ValuesAsReceivedTest$ScheduleModule#first").kwargs().get("milestones"))
        .isEqualTo(List.of(new java.math.BigDecimal("30.0"), new java.math.BigDecimal("10.0"),
            new java.math.BigDecimal("20.0")));
  }

  // regression: an @AiJson call that called a setter of a bean it was passed was recorded with
  // the value it set (its lists were already copied before the call)
  @Test
  void aiJsonCallThatChangesItsArguments_isRecordedWithWhatItWasPassed() {
    Injector injector = recording();
    Fitter fitter = injector.getInstance(Fitter.class);
    fitter.fit(new ArrayList<>(List.of(3.0, 1.0)), config(2, "sgd"));

    AiJsonVar fit = only(Documents.of(injector), "ValuesAsReceivedTest$Fitter#fit");
    assertThat(fit.kwargs().get("schedule"))
        .isEqualTo(List.of(new java.math.BigDecimal("3.0"), new java.math.BigDecimal("1.0")));
    assertThat(((Map<?, ?>) fit.kwargs().get("config")).get("optimizer")).isEqualTo("sgd");
  }

  // regression: an object an assisted factory made, whose constructor added to the list the
  // factory method was called with, was recorded with the list it left
  @Test
  void assistedArgumentChangedByTheConstructor_isRecordedAsTheFactoryWasCalled() {
    Injector injector = recording(labels(new ArrayList<>(List.of("good"))), new AbstractModule() {
      @Override
      protected void configure() {
        install(new FactoryModuleBuilder().build(PipelineFactory.class));
      }
    });
    injector.getInstance(Service.class);

    AiJsonVar pipeline = only(Documents.of(injector), "ValuesAsReceivedTest$Pipeline");
    assertThat(pipeline.kwargs().get("stages")).isEqualTo(List.of("tokenize"));
    assertThat(pipeline.kwargs().get("labels")).isEqualTo(List.of("good"));
  }
  /** A network made from the layers its module was given. */
  public static class Net {
    final List<String> layers;

    Net(List<String> layers) {
      this.layers = List.copyOf(layers);
    }
  }

  /** A module that takes its layers in its constructor; its method appends the output layer. */
  static final class NetModule extends AbstractModule {
    private final List<String> layers;

    NetModule(List<String> layers) {
      this.layers = layers;
    }

    @Provides
    @com.google.inject.Singleton
    Net net() {
      layers.add("softmax");
      return new Net(layers);
    }
  }

  // regression: a @Provides method that changed its module's field was recorded with the module
  // as the method left it, so replay made a module that the method changed again
  @Test
  void providesMethodThatChangesItsModulesField_isRecordedWithTheModuleAsItWasCalled() {
    Injector injector = recording(new NetModule(new ArrayList<>(List.of("dense"))));
    Net trained = injector.getInstance(Net.class);
    String json = injector.getInstance(AiJsonLog.class).toJson();

    assertThat(only(AiJsonDocument.parse(json), "ValuesAsReceivedTest$NetModule").members().get("layers"))
        .isEqualTo(List.of("dense"));
    Net served = Guice.createInjector(ReplayModule.allowing(PACKAGE).from(json)).getInstance(Net.class);
    assertThat(served.layers).isEqualTo(trained.layers);
  }

  /** A module configured by a bean that a sweep changes between runs. */
  static final class SweepModule extends AbstractModule {
    private final TrainingConfig config;

    SweepModule(TrainingConfig config) {
      this.config = config;
    }

    @Provides
    @Named("epochs")
    Integer epochs() {
      return config.getEpochs();
    }
  }

  /** Gets the epochs its module's config said. */
  public static class Epochs {
    @Inject
    Epochs(@Named("epochs") Integer epochs) {}
  }

  // regression: a module's state was recorded at its first provision only, so a provides var
  // made after the application changed the module's config referenced the old state
  @Test
  void moduleStateChangedBetweenProvisions_laterVarsReferenceTheModuleAsItWasThen() {
    TrainingConfig config = config(5, "sgd");
    Injector injector = recording(new SweepModule(config));
    injector.getInstance(Epochs.class);
    injector.getInstance(Epochs.class);
    config.setEpochs(20);
    injector.getInstance(Epochs.class);

    AiJsonDocument document = Documents.of(injector);
    List<AiJsonVar> modules = all(document, "ValuesAsReceivedTest$SweepModule");
    assertThat(modules.stream().map(var -> ((Map<?, ?>) var.members().get("config")).get("epochs")).toList())
        .containsExactly(5L, 20L).inOrder();
    assertThat(all(document, "ValuesAsReceivedTest$SweepModule#epochs").stream().map(AiJsonVar::receiver).toList())
        .containsExactly(dev.aijson.core.AiJsonRef.to(modules.get(0).name()),
            dev.aijson.core.AiJsonRef.to(modules.get(0).name()),
            dev.aijson.core.AiJsonRef.to(modules.get(1).name())).inOrder();
  }

  /** A configuration bean that counts how often its state is read. */
  public static class CountedConfig {
    static final java.util.concurrent.atomic.AtomicInteger READS = new java.util.concurrent.atomic.AtomicInteger();
    private int epochs = 3;

    public int getEpochs() {
      READS.incrementAndGet();
      return epochs;
    }

    public void setEpochs(int epochs) {
      this.epochs = epochs;
    }
  }

  /** Made per request with the bound configuration. */
  public static class Request {
    @Inject
    Request(CountedConfig config) {}
  }

  // a long-running service past the var cap: the vars are dropped, so the values they would hold
  // are not read either (a large bound list would otherwise be compared at every request)
  @Test
  void pastTheVarCap_boundValues_areNoLongerRead() {
    Injector injector = Guice.createInjector(new AiJsonModule().withoutEnvironment().withVarCap(3),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(CountedConfig.class).toInstance(new CountedConfig());
          }
        });
    for (int i = 0; i < 3; i++) {
      injector.getInstance(Request.class);
    }
    int readsUpToTheCap = CountedConfig.READS.get();
    for (int i = 0; i < 100; i++) {
      injector.getInstance(Request.class);
    }

    assertThat(readsUpToTheCap).isGreaterThan(0);
    assertThat(CountedConfig.READS.get()).isEqualTo(readsUpToTheCap);
    assertThat(Documents.of(injector).isCut()).isTrue();
  }
}
