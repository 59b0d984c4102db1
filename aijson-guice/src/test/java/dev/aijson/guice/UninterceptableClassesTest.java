package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.guice.Documents.all;
import static dev.aijson.guice.Documents.only;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.testing.LogCapture;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Classes with {@code @AiJson} methods that Guice cannot intercept (a final class, a private
 * injectable constructor) are built as plain Guice builds them; their calls are not recorded, and
 * the log says so once per class with the fix.
 *
 * <p>Regression: installing {@code AiJsonModule} made Guice refuse such a class ("Unable to
 * method intercept ... Cannot subclass final class", "Constructor is not visible").
 */
class UninterceptableClassesTest {
  /** Fits a model; final, as many style guides ask of classes not meant to be extended. */
  static final class FinalTrainer {
    final int batchSize;

    @Inject
    FinalTrainer(@Named("batchSize") int batchSize) {
      this.batchSize = batchSize;
    }

    @AiJson
    public int fit(int epochs) {
      return epochs * batchSize;
    }
  }

  /** Made only by the injector: its constructor is private. */
  static class Tuner {
    @Inject
    private Tuner() {}

    @AiJson
    public double search(int trials) {
      return trials / 10.0;
    }
  }

  /** A final class without {@code @AiJson} methods: nothing to intercept, nothing to say. */
  static final class Vocabulary {
    @Inject
    Vocabulary() {}
  }

  /** The same trainer, not final: its calls are recorded. */
  static class Trainer {
    @Inject
    Trainer() {}

    @AiJson
    public int fit(int epochs) {
      return epochs;
    }
  }

  static final class TrainingModule extends AbstractModule {
    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named("batchSize")).to(32);
    }
  }

  private static Injector recording() {
    return Guice.createInjector(new AiJsonModule().withoutEnvironment(), new TrainingModule());
  }

  private static List<LogRecord> warnings(LogCapture log) {
    return log.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
  }

  @Test
  void finalClass_withAiJsonMethod_isBuiltAsPlainGuiceBuildsIt() {
    int plain = Guice.createInjector(new TrainingModule()).getInstance(FinalTrainer.class).fit(3);
    Injector injector = recording();

    assertThat(injector.getInstance(FinalTrainer.class).fit(3)).isEqualTo(plain);
    AiJsonDocument document = Documents.of(injector);
    assertThat(only(document, "UninterceptableClassesTest$FinalTrainer").kwargs())
        .containsExactly("batchSize", 32L);
    assertThat(all(document, "UninterceptableClassesTest$FinalTrainer#fit")).isEmpty();
  }

  @Test
  void finalClass_withAiJsonMethod_logsOnceThatItsCallsAreNotRecordedAndTheFix() {
    try (LogCapture log = LogCapture.of(AiJsonModule.class)) {
      Injector injector = recording();
      injector.getInstance(FinalTrainer.class).fit(1);
      injector.getInstance(FinalTrainer.class).fit(2);

      assertThat(warnings(log)).hasSize(1);
      assertThat(warnings(log).get(0).getMessage()).isEqualTo("aijson: calls of "
          + FinalTrainer.class.getName() + "#fit and the class's other @AiJson methods are not"
          + " recorded: the class is final, and Guice intercepts methods only in a subclass it"
          + " generates, so the object is built as plain Guice builds it. Make the class"
          + " non-final to record them.");
    }
  }

  @Test
  void privateInjectConstructor_withAiJsonMethod_isBuiltAndLogsTheFix() {
    double plain = Guice.createInjector().getInstance(Tuner.class).search(5);
    try (LogCapture log = LogCapture.of(AiJsonModule.class)) {
      Injector injector = recording();

      assertThat(injector.getInstance(Tuner.class).search(5)).isEqualTo(plain);
      assertThat(all(Documents.of(injector), "UninterceptableClassesTest$Tuner#search")).isEmpty();
      assertThat(warnings(log)).hasSize(1);
      assertThat(warnings(log).get(0).getMessage()).isEqualTo("aijson: calls of "
          + Tuner.class.getName() + "#search and the class's other @AiJson methods are not"
          + " recorded: its injectable constructor is private, and Guice intercepts methods only"
          + " in a subclass it generates, so the object is built as plain Guice builds it. Make"
          + " the constructor package-private or public to record them.");
    }
  }

  @Test
  void finalClass_eagerSingletonInProductionStage_createsTheInjector() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new AiJsonModule().withoutEnvironment(),
        new TrainingModule(), binder -> binder.bind(FinalTrainer.class).in(Singleton.class));

    assertThat(injector.getInstance(FinalTrainer.class).fit(2)).isEqualTo(64);
  }

  @Test
  void finalClass_withoutAiJsonMethods_logsNothing() {
    try (LogCapture log = LogCapture.of(AiJsonModule.class)) {
      recording().getInstance(Vocabulary.class);

      assertThat(warnings(log)).isEmpty();
    }
  }

  @Test
  void nonFinalClass_withAiJsonMethod_hasItsCallsRecordedAndLogsNothing() {
    try (LogCapture log = LogCapture.of(AiJsonModule.class)) {
      Injector injector = recording();
      injector.getInstance(Trainer.class).fit(4);

      assertThat(only(Documents.of(injector), "UninterceptableClassesTest$Trainer#fit").kwargs())
          .containsExactly("epochs", 4L);
      assertThat(warnings(log)).isEmpty();
    }
  }
}
