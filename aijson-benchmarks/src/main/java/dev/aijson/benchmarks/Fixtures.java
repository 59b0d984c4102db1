package dev.aijson.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/** What several benchmarks set up the same way: a recording of a whole graph, and provisioning it. */
final class Fixtures {
  /** The package {@code onlyPackages} names to exclude every binding of the graph. */
  static final String ELSEWHERE = "dev.aijson.benchmarks.elsewhere";

  private Fixtures() {}

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
