package dev.aijson.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.benchmarks.model.Service;
import dev.aijson.guice.AiJsonModule;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A service in its steady state, on one thread: one injector, then {@value #PROVISIONS} {@code
 * getInstance} of an unscoped component with two constants and a singleton, recording on
 * ({@code withAiJsonModule}) and off ({@code plainGuice}), and with the floor of any log of every
 * provision ({@code keepingListener}, a {@link KeepingListener}). The score is the time of one
 * provision. One injector serves every call of an iteration, as in a service, so its log grows by
 * {@value #PROVISIONS} vars a call; a new injector per call would measure Guice's per-injector
 * thread-local state piling up in the thread (plain Guice slowed from 0.2 to 2.5 µs a provision
 * that way).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SteadyStateBenchmark {
  /** How many components one call provisions. */
  static final int PROVISIONS = 100_000;

  /**
   * One plain injector per iteration, shared by the threads of {@link
   * ConcurrentProvisionBenchmark}.
   */
  @State(Scope.Benchmark)
  public static class Plain {
    Injector injector;

    /** Pre-warms the fork (see {@link SteadyStateBenchmark#PREWARM_MILLIS}). */
    @Setup(Level.Trial)
    public void prewarm() {
      SteadyStateBenchmark.prewarm(Plain::injector);
    }

    /** Creates the injector. */
    @Setup(Level.Iteration)
    public void create() {
      injector = injector();
    }

    private static Injector injector() {
      return Guice.createInjector(Service.module());
    }

    /** Releases it. */
    @TearDown(Level.Iteration)
    public void release() {
      injector = null;
    }
  }

  /**
   * One injector recording every provision, per iteration, shared by the threads of {@link
   * ConcurrentProvisionBenchmark}.
   */
  @State(Scope.Benchmark)
  public static class Recording {
    Injector injector;

    /** Pre-warms the fork (see {@link SteadyStateBenchmark#PREWARM_MILLIS}). */
    @Setup(Level.Trial)
    public void prewarm() {
      SteadyStateBenchmark.prewarm(Recording::injector);
    }

    /** Creates the injector, with no var cap or byte budget that an iteration could reach. */
    @Setup(Level.Iteration)
    public void create() {
      injector = injector();
    }

    private static Injector injector() {
      return Guice.createInjector(
          new AiJsonModule().withVarCap(Integer.MAX_VALUE).withByteBudget(Long.MAX_VALUE), Service.module());
    }

    /** Releases it. */
    @TearDown(Level.Iteration)
    public void release() {
      injector = null;
    }
  }

  /**
   * One injector per iteration with {@link KeepingListener}, the floor of a log of every
   * provision, shared by the threads of {@link ConcurrentProvisionBenchmark}.
   */
  @State(Scope.Benchmark)
  public static class Floor {
    Injector injector;

    /** Pre-warms the fork (see {@link SteadyStateBenchmark#PREWARM_MILLIS}). */
    @Setup(Level.Trial)
    public void prewarm() {
      SteadyStateBenchmark.prewarm(Floor::injector);
    }

    /** Creates the injector. */
    @Setup(Level.Iteration)
    public void create() {
      injector = injector();
    }

    private static Injector injector() {
      return Guice.createInjector(KeepingListener.module(), Service.module());
    }

    /** Releases it. */
    @TearDown(Level.Iteration)
    public void release() {
      injector = null;
    }
  }

  /** The baseline: plain Guice. */
  @Benchmark
  @OperationsPerInvocation(PROVISIONS)
  public void plainGuice(Plain plain, Blackhole sink) {
    provision(plain.injector, PROVISIONS, sink);
  }

  /** Every provision recorded. */
  @Benchmark
  @OperationsPerInvocation(PROVISIONS)
  public void withAiJsonModule(Recording recording, Blackhole sink) {
    provision(recording.injector, PROVISIONS, sink);
  }

  /** The floor of any log of every provision: a listener that keeps a weak reference per provision. */
  @Benchmark
  @OperationsPerInvocation(PROVISIONS)
  public void keepingListener(Floor floor, Blackhole sink) {
    provision(floor.injector, PROVISIONS, sink);
  }

  /**
   * The system property of the milliseconds each fork of these benchmarks and {@link
   * ConcurrentProvisionBenchmark} first provisions on one thread of its own, while it sets up its
   * state, before its warm-up iterations: {@value #PROVISIONS} provisions from one new injector
   * after another, as the iterations make one each. Without it, the sixteen threads of {@link
   * ConcurrentProvisionBenchmark} kept the JIT compiler's threads off the machine's two cores,
   * and each iteration's new injector sent the compiled provision path back to the interpreter
   * (its first provisions take branches the compiled code had not seen), so recording was
   * measured while it was being compiled again: in one fork each, 52 to 65 µs a provision a thread without it against 6.7 to
   * 8.5 µs after 3 s of it (the floor 4.9 to 16.8 against 4.7 to 6.5, plain Guice 0.96 to 7.8
   * against 0.94 to 0.99).
   */
  static final String PREWARM_MILLIS = "aijson.benchmarks.steadyPrewarmMillis";

  /**
   * Provisions from one new injector of {@code injectors} after another, for {@link
   * #PREWARM_MILLIS}, on a thread of its own: Guice leaves state in a thread for every injector
   * that provisioned on it (see the class comment), which must not pile up in the threads that are
   * measured.
   */
  static void prewarm(Supplier<Injector> injectors) {
    long millis = Long.getLong(PREWARM_MILLIS, 0);
    if (millis <= 0) {
      return;
    }
    Blackhole sink = Fixtures.prewarmSink();
    Thread thread = new Thread(
        () -> Fixtures.repeatFor(millis, () -> provision(injectors.get(), PROVISIONS, sink)), "aijson-prewarm");
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pre-warming", e);
    }
  }

  static void provision(Injector injector, int times, Blackhole sink) {
    Key<?> key = Service.request();
    for (int i = 0; i < times; i++) {
      sink.consume(injector.getInstance(key));
    }
  }
}
