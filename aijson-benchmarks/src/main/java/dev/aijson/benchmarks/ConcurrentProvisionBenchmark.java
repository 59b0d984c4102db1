package dev.aijson.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The steady state of {@link SteadyStateBenchmark} with {@value #THREADS} threads provisioning from
 * one injector at once, recording on and off, and with the floor of any log of every provision
 * ({@link KeepingListener}): what a service that serves requests on many threads pays, contention
 * on the log included. Each call is {@value #BATCH} provisions on one thread; the
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

  /** The baseline: plain Guice. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void plainGuice(SteadyStateBenchmark.Plain plain, Blackhole sink) {
    SteadyStateBenchmark.provision(plain.injector, BATCH, sink);
  }

  /** The floor of any log of every provision: a listener that keeps a weak reference per provision. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void keepingListener(SteadyStateBenchmark.Floor floor, Blackhole sink) {
    SteadyStateBenchmark.provision(floor.injector, BATCH, sink);
  }

  /** Every provision recorded. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void withAiJsonModule(SteadyStateBenchmark.Recording recording, Blackhole sink) {
    SteadyStateBenchmark.provision(recording.injector, BATCH, sink);
  }
}
