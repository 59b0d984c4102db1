package dev.aijson.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/** What several benchmarks set up the same way: a recording of a whole graph, and provisioning it. */
final class Fixtures {
  /** The package {@code onlyPackages} names to exclude every binding of the graph. */
  static final String ELSEWHERE = "dev.aijson.benchmarks.elsewhere";

  /**
   * The system property that names the directory of the documents {@link #writeDocuments} wrote,
   * which {@link #recordedJson} reads instead of recording the graph again in every fork.
   */
  static final String DOCUMENTS = "aijson.benchmarks.documents";

  /**
   * The system property of the milliseconds a fork first runs its own benchmark on the graph of
   * {@link #PREWARM_VARS} vars, before its warm-up iterations. {@link BenchmarkReport} sets it for
   * the largest size only: a call there takes seconds, so its one warm-up call left most of the
   * JIT compiler's work to the measured calls, and the aijson side, which has more code to
   * compile, was measured colder than its baseline and than at the smaller sizes.
   */
  static final String PREWARM_MILLIS = "aijson.benchmarks.prewarmMillis";

  /** The size of the graph a fork is pre-warmed on (see {@link #PREWARM_MILLIS}). */
  static final int PREWARM_VARS = 1000;

  private Fixtures() {}

  /** Returns whether this fork is to be pre-warmed: whether the {@link #PREWARM_MILLIS} property is set. */
  static boolean prewarming() {
    return Long.getLong(PREWARM_MILLIS, 0) > 0;
  }

  /**
   * Runs {@code call} again and again for the milliseconds the {@link #PREWARM_MILLIS} property
   * gives, at least once; {@code call} gets the name of the benchmark method the fork runs.
   */
  static void prewarm(BenchmarkParams params, Consumer<String> call) {
    String benchmark = params.getBenchmark();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    repeatFor(Long.getLong(PREWARM_MILLIS, 0), () -> call.accept(method));
  }

  /** Runs {@code call} again and again for {@code millis} milliseconds, at least once. */
  static void repeatFor(long millis, Runnable call) {
    long end = System.nanoTime() + millis * 1_000_000L;
    do {
      call.run();
    } while (System.nanoTime() < end);
  }

  /** Returns a blackhole for the calls of {@link #prewarm}, which run outside JMH's iterations. */
  static Blackhole prewarmSink() {
    return new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }

  /** Throws for a benchmark method {@link #prewarm} has no call for. */
  static IllegalStateException noPrewarm(String method) {
    return new IllegalStateException("no pre-warm call for the benchmark method " + method + "; add one");
  }

  /**
   * Returns the JSON of a recording of every root of {@code graph}: the document {@link
   * #writeDocuments} wrote for its size into the directory the {@link #DOCUMENTS} property names,
   * or, without one, a new recording's.
   */
  static String recordedJson(Graph graph) {
    String directory = System.getProperty(DOCUMENTS);
    if (directory != null) {
      Path file = documentFile(Path.of(directory), graph.vars());
      if (Files.isRegularFile(file)) {
        try {
          return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the recorded document " + file, e);
        }
      }
    }
    return record(graph).toJson();
  }

  /**
   * Records the graph of each size once and writes its document into {@code directory}, for the
   * forks to read (a recording is deterministic: the same graph gives the same text). Each file is
   * written beside its place and moved there, so no fork reads half a document.
   */
  static void writeDocuments(Path directory, List<Integer> sizes) throws IOException {
    Files.createDirectories(directory);
    for (int vars : sizes) {
      Path file = documentFile(directory, vars);
      Path partial = directory.resolve(file.getFileName() + ".partial");
      Files.writeString(partial, record(Graph.ofVars(vars)).toJson(), StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static Path documentFile(Path directory, int vars) {
    return directory.resolve("graph-" + vars + ".json");
  }

  /**
   * Records every root of {@code graph} with a default {@link AiJsonModule} and returns the log;
   * the injector and the objects it made are released.
   */
  static AiJsonLog record(Graph graph) {
    Injector injector = Guice.createInjector(new AiJsonModule(), graph.module());
    for (Key<?> root : graph.roots()) {
      injector.getInstance(root);
    }
    AiJsonLog log = injector.getInstance(AiJsonLog.class);
    if (log.size() != graph.vars() || log.document().isCut()) {
      throw new IllegalStateException(
          "the recording of a " + graph.vars() + "-var graph has " + log.size() + " vars"
              + (log.document().isCut() ? " and was cut" : "") + "; the fixture is wrong");
    }
    return log;
  }

  /** Provisions every root of the graph from {@code injector}. */
  static void provisionAll(Injector injector, List<Key<?>> roots, Blackhole sink) {
    for (Key<?> root : roots) {
      sink.consume(injector.getInstance(root));
    }
  }
}
