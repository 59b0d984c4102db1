package dev.aijson.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.benchmarks.model.Service;
import dev.aijson.guice.AiJsonModule;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The steady state of {@link SteadyStateBenchmark} with {@value #THREADS} threads provisioning from
 * one injector at once, recording on and off: what a service that serves requests on many threads
 * pays, contention on the log included. Each call is {@value #BATCH} provisions on one thread; the
 * score is the time of one provision on one thread. A new injector (and so an empty log) is made
 * for every iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(ConcurrentProvisionBenchmark.THREADS)
public class ConcurrentProvisionBenchmark {
  /** How many threads provision at once. */
  static final int THREADS = 16;
  /** How many components one call provisions. */
  static final int BATCH = 1_000;

  /** One plain injector shared by every thread, made anew for each iteration. */
  @State(Scope.Benchmark)
  public static class Plain {
    Injector injector;

    /** Creates the injector. */
    @Setup(Level.Iteration)
    public void create() {
      injector = Guice.createInjector(Service.module());
    }

    /** Releases it. */
    @TearDown(Level.Iteration)
    public void release() {
      injector = null;
    }
  }

  /** One recording injector shared by every thread, made anew for each iteration. */
  @State(Scope.Benchmark)
  public static class Recording {
    Injector injector;

    /** Creates the injector. */
    @Setup(Level.Iteration)
    public void create() {
      injector = Guice.createInjector(new AiJsonModule().withVarCap(Integer.MAX_VALUE), Service.module());
    }

    /** Releases it. */
    @TearDown(Level.Iteration)
    public void release() {
      injector = null;
    }
  }

  /** The baseline: plain Guice. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void plainGuice(Plain plain, Blackhole sink) {
    SteadyStateBenchmark.provision(plain.injector, BATCH, sink);
  }

  /** Every provision recorded. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void withAiJsonModule(Recording recording, Blackhole sink) {
    SteadyStateBenchmark.provision(recording.injector, BATCH, sink);
  }
}
