package dev.aijson.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /** Reads (or records) the graph's document. */
    @Setup(Level.Trial)
    public void record() {
      json = Fixtures.recordedJson(Graph.ofVars(vars));
      mapper = new ObjectMapper();
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
