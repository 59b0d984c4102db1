package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.OutOfScopeException;
import com.google.inject.Provider;
import com.google.inject.Scope;
import com.google.inject.Scopes;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Keys in a scope of the application's own (a batch scope, as Guice's documentation writes a
 * request scope), recorded and replayed.
 */
class ScopesTest {
  /** A batch scope as Guice's documentation writes {@code SimpleScope}: one map per batch, per thread. */
  static final class BatchScope implements Scope {
    private final ThreadLocal<Map<Key<?>, Object>> values = new ThreadLocal<>();

    void enter() {
      values.set(new HashMap<>());
    }

    void exit() {
      values.remove();
    }

    <T> void seed(Class<T> type, T value) {
      values.get().put(Key.get(type), value);
    }

    @Override
    public <T> Provider<T> scope(Key<T> key, Provider<T> unscoped) {
      return () -> {
        Map<Key<?>, Object> batch = values.get();
        if (batch == null) {
          throw new OutOfScopeException("Cannot access " + key + " outside of a batch");
        }
        @SuppressWarnings("unchecked")
        T current = (T) batch.get(key);
        if (current == null) {
          current = unscoped.get();
          batch.put(key, current);
        }
        return current;
      };
    }
  }

  /** A scope that hands a stored object out once, then makes a new one: asking again makes one. */
  static final class HandOffScope implements Scope {
    @Override
    public <T> Provider<T> scope(Key<T> key, Provider<T> unscoped) {
      Object[] stored = new Object[1];
      return () -> {
        @SuppressWarnings("unchecked")
        T held = (T) stored[0];
        if (held != null) {
          stored[0] = null;
          return held;
        }
        T made = unscoped.get();
        stored[0] = made;
        return made;
      };
    }
  }

  static class BatchBuffer {
    static final AtomicInteger MADE = new AtomicInteger();

    @Inject
    BatchBuffer() {
      MADE.incrementAndGet();
    }
  }

  static class Collator {
    final BatchBuffer input;
    final BatchBuffer output;

    @Inject
    Collator(BatchBuffer input, BatchBuffer output) {
      this.input = input;
      this.output = output;
    }
  }

  static class Tokenize {
    final BatchBuffer buffer;

    @Inject
    Tokenize(BatchBuffer buffer) {
      this.buffer = buffer;
    }
  }

  static class Embed {
    final BatchBuffer buffer;

    @Inject
    Embed(BatchBuffer buffer) {
      this.buffer = buffer;
    }
  }

  static class BatchPipeline {
    final Tokenize tokenize;
    final Embed embed;

    @Inject
    BatchPipeline(Tokenize tokenize, Embed embed) {
      this.tokenize = tokenize;
      this.embed = embed;
    }
  }

  static class BatchModule extends AbstractModule {
    private final Scope scope;

    BatchModule(Scope scope) {
      this.scope = scope;
    }

    @Override
    protected void configure() {
      bind(BatchBuffer.class).in(scope);
    }
  }

  private static Injector recording(com.google.inject.Module module) {
    return Guice.createInjector(new AiJsonModule().withoutEnvironment(), module);
  }

  private static AiJsonDocument document(Injector injector) {
    return AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
  }

  private static <T> T inBatch(BatchScope scope, java.util.function.Supplier<T> work) {
    scope.enter();
    try {
      return work.get();
    } finally {
      scope.exit();
    }
  }

  // Regression: the object a batch scope handed out a second time, without a provision, was
  // written as a new opaque var "made outside the recording", which replay refused.
  @Test
  void customScope_sameObjectForTwoParameters_bothReferenceItsVar() {
    BatchScope scope = new BatchScope();
    Injector injector = recording(new BatchModule(scope));

    Collator collator = inBatch(scope, () -> injector.getInstance(Collator.class));

    assertThat(collator.output).isSameInstanceAs(collator.input);
    AiJsonDocument document = document(injector);
    AiJsonVar buffer = Documents.only(document, "ScopesTest$BatchBuffer");
    assertThat(Documents.only(document, "ScopesTest$Collator").kwargs())
        .containsExactly("input", AiJsonRef.to(buffer.name()), "output", AiJsonRef.to(buffer.name()));
    assertThat(document.vars()).hasSize(2);
  }

  @Test
  void customScope_objectMadeForAnEarlierStepOfTheBatch_isReferencedByTheLaterStep() {
    BatchScope scope = new BatchScope();
    Injector injector = recording(new BatchModule(scope));

    inBatch(scope, () -> injector.getInstance(BatchPipeline.class));

    AiJsonDocument document = document(injector);
    AiJsonVar buffer = Documents.only(document, "ScopesTest$BatchBuffer");
    assertThat(Documents.only(document, "ScopesTest$Embed").kwargs())
        .containsExactly("buffer", AiJsonRef.to(buffer.name()));
  }

  @Test
  void customScope_objectSeededIntoTheScope_isAnOpaqueVar() {
    BatchScope scope = new BatchScope();
    Injector injector = recording(new BatchModule(scope));

    inBatch(scope, () -> {
      scope.seed(BatchBuffer.class, new BatchBuffer());
      return injector.getInstance(Tokenize.class);
    });

    // the recording did not see it made: what it holds is not observed
    AiJsonVar buffer = Documents.only(document(injector), "ScopesTest$BatchBuffer");
    assertThat(buffer.kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }

  @Test
  void customScope_thatWouldMakeANewObjectWhenAskedAgain_isNotAskedToMakeIt() {
    Injector injector = recording(new BatchModule(new HandOffScope()));
    int before = BatchBuffer.MADE.get();

    Collator collator = injector.getInstance(Collator.class);

    // reading the second parameter back would have made a third buffer; it is not observed
    assertThat(collator.output).isSameInstanceAs(collator.input);
    assertThat(BatchBuffer.MADE.get() - before).isEqualTo(1);
    AiJsonDocument document = document(injector);
    AiJsonRef output = (AiJsonRef) Documents.only(document, "ScopesTest$Collator").kwargs().get("output");
    assertThat(document.var(output.var()).kind()).isEqualTo(AiJsonVar.Kind.OPAQUE);
  }

  @Test
  void noScope_eachParameterIsItsOwnVar() {
    Injector injector = recording(new BatchModule(Scopes.NO_SCOPE));

    Collator collator = injector.getInstance(Collator.class);

    assertThat(collator.output).isNotSameInstanceAs(collator.input);
    assertThat(Documents.all(document(injector), "ScopesTest$BatchBuffer")).hasSize(2);
  }

  @Test
  void customScope_replay_sharesTheObjectWithinARequestAndMakesItAgainForTheNext() {
    BatchScope scope = new BatchScope();
    Injector recording = recording(new BatchModule(scope));
    inBatch(scope, () -> recording.getInstance(Collator.class));
    String json = recording.getInstance(AiJsonLog.class).toJson();
    Injector serving = Guice.createInjector(ReplayModule.allowing("dev.aijson.guice").from(json));

    Collator one = serving.getInstance(Collator.class);
    Collator two = serving.getInstance(Collator.class);

    assertThat(one.output).isSameInstanceAs(one.input);
    assertThat(two.input).isNotSameInstanceAs(one.input);
  }

  @Test
  void customScope_recordingTheReplay_givesTheSameDocument() {
    BatchScope scope = new BatchScope();
    Injector recording = recording(new BatchModule(scope));
    inBatch(scope, () -> recording.getInstance(BatchPipeline.class));
    String json = recording.getInstance(AiJsonLog.class).toJson();
    Injector serving = Guice.createInjector(new AiJsonModule().withoutEnvironment(),
        ReplayModule.allowing("dev.aijson.guice").from(json));

    serving.getInstance(BatchPipeline.class);

    assertThat(serving.getInstance(AiJsonLog.class).toJson()).isEqualTo(json);
  }
}
