package dev.aijson.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.AiJsonModule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Provisioning a graph: plain Guice, with an {@link AiJsonModule} recording every binding, and
 * with one whose {@code onlyPackages} excludes every binding. {@code plainGuice}, {@code
 * withAiJsonModule} and {@code excludedByMatcher} measure what a program pays to get its graph:
 * {@code createInjector} and every root from it. The {@code provisionOnly} ones create the
 * injector before the measured call (outside the measured time), so their score is provisioning,
 * and recording, alone; {@code provisionOnlyKeepingListener} is the floor of any log of every
 * provision ({@link KeepingListener}) measured the same way.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProvisionBenchmark {
  /** The graph, one per size. */
  @State(Scope.Benchmark)
  public static class Sized {
    /** The number of vars a recording of the graph has. */
    @Param({"1000", "10000", "100000"})
    public int vars;

    Graph graph;

    /**
     * Generates the graph, after running the fork's benchmark on a small graph for the time the
     * {@link Fixtures#PREWARM_MILLIS} property gives, if it is set.
     */
    @Setup(Level.Trial)
    public void generate(BenchmarkParams params) {
      if (Fixtures.prewarming()) {
        Sized small = new Sized();
        small.graph = Graph.ofVars(Fixtures.PREWARM_VARS);
        ProvisionBenchmark benchmark = new ProvisionBenchmark();
        Blackhole sink = Fixtures.prewarmSink();
        Fixtures.prewarm(params, method -> {
          switch (method) {
            case "plainGuice" -> benchmark.plainGuice(small, sink);
            case "withAiJsonModule" -> benchmark.withAiJsonModule(small, sink);
            case "excludedByMatcher" -> benchmark.excludedByMatcher(small, sink);
            case "provisionOnlyPlainGuice" -> {
              Plain plain = new Plain();
              plain.create(small);
              benchmark.provisionOnlyPlainGuice(small, plain, sink);
            }
            case "provisionOnlyWithAiJsonModule" -> {
              Recording recording = new Recording();
              recording.create(small);
              benchmark.provisionOnlyWithAiJsonModule(small, recording, sink);
            }
            case "provisionOnlyKeepingListener" -> {
              Floor floor = new Floor();
              floor.create(small);
              benchmark.provisionOnlyKeepingListener(small, floor, sink);
            }
            case "provisionOnlyExcludedByMatcher" -> {
              Excluding excluding = new Excluding();
              excluding.create(small);
              benchmark.provisionOnlyExcludedByMatcher(small, excluding, sink);
            }
            default -> throw Fixtures.noPrewarm(method);
          }
        });
      }
      graph = Graph.ofVars(vars);
    }
  }

  /** A fresh plain injector for each call. */
  @State(Scope.Thread)
  public static class Plain {
    Injector injector;

    /** Creates the injector. */
    @Setup(Level.Invocation)
    public void create(Sized sized) {
      injector = Guice.createInjector(sized.graph.module());
    }

    /** Releases it. */
    @TearDown(Level.Invocation)
    public void release() {
      injector = null;
    }
  }

  /** A fresh injector with a default {@link AiJsonModule} for each call. */
  @State(Scope.Thread)
  public static class Recording {
    Injector injector;

    /** Creates the injector. */
    @Setup(Level.Invocation)
    public void create(Sized sized) {
      injector = Guice.createInjector(new AiJsonModule(), sized.graph.module());
    }

    /** Releases it. */
    @TearDown(Level.Invocation)
    public void release() {
      injector = null;
    }
  }

  /** A fresh injector whose {@link AiJsonModule} only records a package the graph is not in. */
  @State(Scope.Thread)
  public static class Excluding {
    Injector injector;

    /** Creates the injector. */
    @Setup(Level.Invocation)
    public void create(Sized sized) {
      injector = Guice.createInjector(new AiJsonModule().onlyPackages(Fixtures.ELSEWHERE), sized.graph.module());
    }

    /** Releases it. */
    @TearDown(Level.Invocation)
    public void release() {
      injector = null;
    }
  }

  /**
   * A fresh injector for each call with a {@link KeepingListener}, the floor of any log of every
   * provision.
   */
  @State(Scope.Thread)
  public static class Floor {
    Injector injector;

    /** Creates the injector. */
    @Setup(Level.Invocation)
    public void create(Sized sized) {
      injector = Guice.createInjector(KeepingListener.module(), sized.graph.module());
    }

    /** Releases it. */
    @TearDown(Level.Invocation)
    public void release() {
      injector = null;
    }
  }

  /** The baseline: plain Guice. */
  @Benchmark
  public void plainGuice(Sized sized, Blackhole sink) {
    Fixtures.provisionAll(Guice.createInjector(sized.graph.module()), sized.graph.roots(), sink);
  }

  /** Every provision recorded. */
  @Benchmark
  public void withAiJsonModule(Sized sized, Blackhole sink) {
    Injector injector = Guice.createInjector(new AiJsonModule(), sized.graph.module());
    Fixtures.provisionAll(injector, sized.graph.roots(), sink);
  }

  /** The module installed, but its matcher excludes every binding. */
  @Benchmark
  public void excludedByMatcher(Sized sized, Blackhole sink) {
    Injector injector = Guice.createInjector(new AiJsonModule().onlyPackages(Fixtures.ELSEWHERE), sized.graph.module());
    Fixtures.provisionAll(injector, sized.graph.roots(), sink);
  }

  /** The baseline of provisioning alone: plain Guice. */
  @Benchmark
  public void provisionOnlyPlainGuice(Sized sized, Plain plain, Blackhole sink) {
    Fixtures.provisionAll(plain.injector, sized.graph.roots(), sink);
  }

  /** Provisioning alone, every provision recorded. */
  @Benchmark
  public void provisionOnlyWithAiJsonModule(Sized sized, Recording recording, Blackhole sink) {
    Fixtures.provisionAll(recording.injector, sized.graph.roots(), sink);
  }

  /**
   * Provisioning alone with the floor of any log of every provision: a listener that keeps a weak
   * reference per provision.
   */
  @Benchmark
  public void provisionOnlyKeepingListener(Sized sized, Floor floor, Blackhole sink) {
    Fixtures.provisionAll(floor.injector, sized.graph.roots(), sink);
  }

  /** Provisioning alone, the module's matcher excluding every binding. */
  @Benchmark
  public void provisionOnlyExcludedByMatcher(Sized sized, Excluding excluding, Blackhole sink) {
    Fixtures.provisionAll(excluding.injector, sized.graph.roots(), sink);
  }
}
