package dev.aijson.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.ReplayModule;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A serving start: {@code createInjector(ReplayModule.from(json))} and every root from it, beside
 * {@code createInjector} of the hand-written module that binds the same keys the same way and
 * every root from that. {@code replayPreparedModule} leaves out {@code from(json)} (parsing and
 * validation), to show what creating and provisioning alone cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReplayBenchmark {
  /** The graph and its recorded document, one per size. */
  @State(Scope.Benchmark)
  public static class Sized {
    /** The number of vars of the recorded document. */
    @Param({"1000", "10000", "100000"})
    public int vars;

    Graph graph;
    String json;

    /**
     * Reads (or records) the graph's document, after running the fork's benchmark on a small
     * graph for the time the {@link Fixtures#PREWARM_MILLIS} property gives, if it is set.
     */
    @Setup(Level.Trial)
    public void record(BenchmarkParams params) {
      if (Fixtures.prewarming()) {
        Sized small = new Sized();
        small.graph = Graph.ofVars(Fixtures.PREWARM_VARS);
        small.json = Fixtures.recordedJson(small.graph);
        ReplayBenchmark benchmark = new ReplayBenchmark();
        Blackhole sink = Fixtures.prewarmSink();
        Fixtures.prewarm(params, method -> {
          switch (method) {
            case "handWrittenModule" -> benchmark.handWrittenModule(small, sink);
            case "replayModule" -> benchmark.replayModule(small, sink);
            case "replayPreparedModule" -> {
              Prepared prepared = new Prepared();
              prepared.prepare(small);
              benchmark.replayPreparedModule(small, prepared, sink);
            }
            default -> throw Fixtures.noPrewarm(method);
          }
        });
      }
      graph = Graph.ofVars(vars);
      json = Fixtures.recordedJson(graph);
    }
  }

  /**
   * A module made from the document beforehand, for {@code replayPreparedModule} only: the other
   * benchmarks' forks neither spend the time nor compile {@code from(json)} before they measure.
   */
  @State(Scope.Benchmark)
  public static class Prepared {
    ReplayModule module;

    /** Makes the module. */
    @Setup(Level.Trial)
    public void prepare(Sized sized) {
      module = ReplayModule.allowing("dev.aijson.benchmarks.model").from(sized.json);
    }
  }

  /** The baseline: the hand-written module. */
  @Benchmark
  public void handWrittenModule(Sized sized, Blackhole sink) {
    Injector injector = Guice.createInjector(sized.graph.module());
    Fixtures.provisionAll(injector, sized.graph.roots(), sink);
  }

  /** Replay, from the JSON text. */
  @Benchmark
  public void replayModule(Sized sized, Blackhole sink) {
    Injector injector = Guice.createInjector(ReplayModule.allowing("dev.aijson.benchmarks.model").from(sized.json));
    Fixtures.provisionAll(injector, sized.graph.roots(), sink);
  }

  /** Replay from a module already made, for comparison: without parsing and validation. */
  @Benchmark
  public void replayPreparedModule(Sized sized, Prepared prepared, Blackhole sink) {
    Injector injector = Guice.createInjector(prepared.module);
    Fixtures.provisionAll(injector, sized.graph.roots(), sink);
  }
}
