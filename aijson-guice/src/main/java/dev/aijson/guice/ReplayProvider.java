package dev.aijson.guice;

import com.google.inject.Provider;
import dev.aijson.core.AiJsonVar;

/**
 * Provides a key by rebuilding its var. Leaves the trace of its build with the graph, so that an
 * {@link AiJsonModule} in the same injector records the replay as the original document.
 */
final class ReplayProvider implements Provider<Object> {
  private final ReplayGraph graph;
  private final AiJsonVar var;

  ReplayProvider(ReplayGraph graph, AiJsonVar var) {
    this.graph = graph;
    this.var = var;
  }

  AiJsonVar var() {
    return var;
  }

  ReplayGraph graph() {
    return graph;
  }

  @Override
  public Object get() {
    ReplayGraph.Trace trace = new ReplayGraph.Trace();
    Object object = graph.build(var, trace);
    graph.keepTrace(this, trace);
    return object;
  }

  /** Returns and forgets the trace of this thread's last build if this provider made it, or null. */
  ReplayGraph.Trace takeTrace() {
    return graph.takeTrace(this);
  }

  @Override
  public String toString() {
    return "replay of " + var.name() + " (" + var.className() + ")";
  }
}
