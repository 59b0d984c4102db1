package dev.aijson.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.AiJsonLog;
import java.util.Map;
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
 * Export: {@link AiJsonLog#toJson()} of a recorded graph, beside Jackson writing the same
 * document, held as a tree of maps, as indented JSON text.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExportBenchmark {
  /** A recording and its tree of maps, one per size. */
  @State(Scope.Benchmark)
  public static class Sized {
    /** The number of vars of the recording. */
    @Param({"1000", "10000", "100000"})
    public int vars;

    AiJsonLog log;
    Map<String, Object> tree;
    ObjectWriter writer;

    /** Records the graph and builds the tree. */
    @Setup(Level.Trial)
    public void record() {
      log = Fixtures.record(Graph.ofVars(vars));
      tree = JacksonTree.of(log.document());
      writer = new ObjectMapper().writerWithDefaultPrettyPrinter();
    }
  }

  /** The baseline: Jackson databind writing the tree. */
  @Benchmark
  public String jacksonWriteTree(Sized sized) throws JsonProcessingException {
    return sized.writer.writeValueAsString(sized.tree);
  }

  /** The log's JSON. */
  @Benchmark
  public String aijsonToJson(Sized sized) {
    return sized.log.toJson();
  }
}
