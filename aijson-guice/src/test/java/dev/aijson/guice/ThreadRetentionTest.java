package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.name.Names;
import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A thread that provisioned through a recorded or replayed injector keeps nothing of it once the
 * injector is dropped, while the thread lives on: a web container's or a job runner's pooled
 * threads outlive the application that used them, and must not keep its classes (and so its
 * class loader) alive after it is stopped or redeployed.
 */
class ThreadRetentionTest {
  private interface Work {
    /** Uses an application's class loader on the calling thread and returns a weak reference to it. */
    WeakReference<ClassLoader> run() throws Exception;
  }

  /**
   * Runs {@code work} on a thread that stays alive afterwards, and returns whether the class
   * loader it used is collected while that thread still lives.
   */
  private static boolean releasedWhileTheThreadLives(Work work) throws Exception {
    AtomicReference<WeakReference<ClassLoader>> used = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread pooled = new Thread(() -> {
      try {
        used.set(work.run());
      } catch (Throwable e) {
        failure.set(e);
      }
      done.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pooled");
    pooled.start();
    try {
      done.await();
      if (failure.get() != null) {
        throw new AssertionError("the work failed", failure.get());
      }
      return Collected.released(used.get());
    } finally {
      release.countDown();
      pooled.join();
    }
  }

  private static Module vocabulary(Class<?> model) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("vocabSize")).to(300);
        bind(model);
      }
    };
  }

  /** Records the application's model with a new injector on this thread; returns the document. */
  private static String recorded(Class<?> model) throws ReflectiveOperationException {
    Injector training = Guice.createInjector(new AiJsonModule(), vocabulary(model));
    Object built = training.getInstance(model);
    assertThat(model.getDeclaredField("vocabSize").getInt(built)).isEqualTo(300);
    return training.getInstance(AiJsonLog.class).toJson();
  }

  @Test
  void threadThatRecorded_keepsNoClassOfTheDroppedInjector() throws Exception {
    boolean released = releasedWhileTheThreadLives(() -> {
      ClassLoader application = new ApplicationLoader(ApplicationModel.class);
      Class<?> model = application.loadClass(ApplicationModel.class.getName());
      assertThat(model.getClassLoader()).isSameInstanceAs(application);

      assertThat(recorded(model)).contains("\"vocabSize\": 300");
      return new WeakReference<>(application);
    });

    assertThat(released).isTrue();
  }

  @Test
  void threadThatReplayed_keepsNoClassOfTheDroppedInjector_evenWhereItsRecordingLeavesABinding() throws Exception {
    boolean released = releasedWhileTheThreadLives(() -> {
      ApplicationLoader application = new ApplicationLoader(ApplicationModel.class);
      Class<?> model = application.loadClass(ApplicationModel.class.getName());
      String document = recorded(model);

      Object built = application.asContext(() -> {
        ReplayModule replay = ReplayModule.allowing("dev.aijson.guice").from(document);
        // a recording that leaves the model's binding: nothing takes the trace of its build
        AiJsonModule recordingNothing = new AiJsonModule().onlyBindings(new AbstractMatcher<Binding<?>>() {
          @Override
          public boolean matches(Binding<?> binding) {
            return false;
          }
        });
        return Guice.createInjector(replay, recordingNothing).getInstance(model);
      });
      assertThat(built.getClass()).isSameInstanceAs(model);
      assertThat(model.getDeclaredField("vocabSize").getInt(built)).isEqualTo(300);
      return new WeakReference<>(application);
    });

    assertThat(released).isTrue();
  }
}
