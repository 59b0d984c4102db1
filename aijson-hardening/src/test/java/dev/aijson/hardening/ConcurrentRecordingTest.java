package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.name.Names;
import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;

/**
 * Recording under load: 16 threads each provision 10,000 unscoped jobs and call a logged method
 * on each, while another thread exports and parses the log again and again. No var is lost, the
 * calls point at the jobs they were made on, and every export is a valid document.
 */
class ConcurrentRecordingTest {
  private static final int THREADS = 16;
  private static final int PROVISIONS = 10_000;

  /** Shared by every job. */
  @Singleton
  public static class Config {
    final int batch;

    @Inject
    public Config(@Named("batch") int batch) {
      this.batch = batch;
    }
  }

  /** A unit of work, made fresh for every request. */
  public static class Job {
    final Config config;

    @Inject
    public Job(Config config) {
      this.config = config;
    }

    @AiJson
    public String stamp(int thread, int index) {
      return thread + "/" + index;
    }
  }

  @Test
  void sixteenThreads_provisionAndCallWhileExporting_loseNoVar_andEveryExportParses() throws Exception {
    // 320,001 vars are about 70 MB of estimated text, past the default 64 MiB byte budget
    Injector injector = Guice.createInjector(new AiJsonModule().withVarCap(1_000_000)
        .withByteBudget(1L << 30), new AbstractModule() {
      @Override
      protected void configure() {
        bindConstant().annotatedWith(Names.named("batch")).to(32);
      }
    });
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger exports = new AtomicInteger();
    long started = System.nanoTime();

    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < PROVISIONS; i++) {
          injector.getInstance(Job.class).stamp(thread, i);
        }
        return null;
      }));
    }
    Future<Integer> exporter = pool.submit(() -> {
      start.await();
      int previous = 0;
      while (running.get()) {
        AiJsonDocument export = AiJsonDocument.parse(log.toJson());
        assertThat(export.vars().size()).isAtLeast(previous);
        previous = export.vars().size();
        exports.incrementAndGet();
      }
      return previous;
    });
    start.countDown();
    for (Future<?> worker : workers) {
      worker.get();
    }
    running.set(false);
    exporter.get();
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;

    AiJsonDocument document = AiJsonDocument.parse(log.toJson());
    int calls = THREADS * PROVISIONS;
    assertThat(document.vars()).hasSize(1 + 2 * calls);
    assertThat(document.isCut()).isFalse();
    Set<String> stamps = new HashSet<>();
    Set<String> jobs = new HashSet<>();
    Set<AiJsonRef> receivers = new HashSet<>();
    String config = null;
    for (AiJsonVar var : document.vars()) {
      switch (var.caller()) {
        case "ConcurrentRecordingTest$Config" -> config = var.name();
        case "ConcurrentRecordingTest$Job" -> {
          jobs.add(var.name());
          assertThat(var.kwargs()).containsExactly("config", AiJsonRef.to(config));
        }
        case "ConcurrentRecordingTest$Job#stamp" -> {
          stamps.add(var.kwargs().get("thread") + "/" + var.kwargs().get("index"));
          receivers.add(var.receiver());
          assertThat(jobs).contains(var.receiver().var());
        }
        default -> throw new AssertionError("unexpected var " + var);
      }
    }
    assertWithMessage("distinct (thread, index) calls").that(stamps).hasSize(calls);
    assertWithMessage("jobs").that(jobs).hasSize(calls);
    assertWithMessage("distinct receivers").that(receivers).hasSize(calls);
    assertThat(exports.get()).isAtLeast(1);

    Figures.row("5-load-threads",
        "Provisions on many threads at once are all logged, and exports taken meanwhile are valid",
        THREADS + " threads x " + String.format("%,d", PROVISIONS) + " provisions of an unscoped"
            + " component, each followed"
            + " by a logged call, with a thread exporting and parsing the log meanwhile",
        String.format("%,d", document.vars().size()) + " vars of " + String.format("%,d", 1 + 2 * calls)
            + " recorded (every call's receiver its own"
            + " job), " + exports.get() + " exports taken during the run, all parsed; "
            + String.format("%.1f", seconds) + " s",
        Map.of("threads", THREADS, "provisions", calls, "vars", document.vars().size(),
            "exports", exports.get()));
  }
}
