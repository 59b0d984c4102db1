package dev.aijson.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.ReplayModule;
import java.io.UncheckedIOException;
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
 * Reading a document: {@link ReplayModule#from(String)} (parsing, then validating every var
 * against the classes) beside Jackson's {@code readTree} of the same text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseBenchmark {
  /** The recorded document's text, one per size. */
  @State(Scope.Benchmark)
  public static class Sized {
    /** The number of vars of the document. */
    @Param({"1000", "10000", "100000"})
    public int vars;

    String json;
    ObjectMapper mapper;

    /**
     * Reads (or records) the graph's document, after running the fork's benchmark on a small
     * graph's document for the time the {@link Fixtures#PREWARM_MILLIS} property gives, if it is
     * set.
     */
    @Setup(Level.Trial)
    public void record(BenchmarkParams params) {
      mapper = new ObjectMapper();
      if (Fixtures.prewarming()) {
        Sized small = new Sized();
        small.json = Fixtures.recordedJson(Graph.ofVars(Fixtures.PREWARM_VARS));
        small.mapper = mapper;
        ParseBenchmark benchmark = new ParseBenchmark();
        Blackhole sink = Fixtures.prewarmSink();
        Fixtures.prewarm(params, method -> {
          switch (method) {
            case "jacksonReadTree" -> sink.consume(readTree(benchmark, small));
            case "replayModuleFrom" -> sink.consume(benchmark.replayModuleFrom(small));
            default -> throw Fixtures.noPrewarm(method);
          }
        });
      }
      json = Fixtures.recordedJson(Graph.ofVars(vars));
    }

    private static JsonNode readTree(ParseBenchmark benchmark, Sized sized) {
      try {
        return benchmark.jacksonReadTree(sized);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The baseline: Jackson databind's tree model. */
  @Benchmark
  public JsonNode jacksonReadTree(Sized sized) throws JsonProcessingException {
    return sized.mapper.readTree(sized.json);
  }

  /** Parsing and validating for replay. */
  @Benchmark
  public ReplayModule replayModuleFrom(Sized sized) {
    return ReplayModule.allowing("dev.aijson.benchmarks.model").from(sized.json);
  }
}
