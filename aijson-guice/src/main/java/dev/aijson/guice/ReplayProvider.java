package dev.aijson.guice;

import com.google.inject.Provider;
import dev.aijson.core.AiJsonVar;

/**
 * Provides a key by rebuilding its var. Leaves the trace of its build with the graph, so that an
 * {@link AiJsonModule} in the same injector records the replay as the original document. A
 * {@code factory} var is built once: as Guice's own factory binding, it hands out one object.
 */
final class ReplayProvider implements Provider<Object>, ReplayGraph.Traced {
  private final ReplayGraph graph;
  private final AiJsonVar var;
  private Object factory;

  ReplayProvider(ReplayGraph graph, AiJsonVar var) {
    this.graph = graph;
    this.var = var;
  }

  AiJsonVar var() {
    return var;
  }

  @Override
  public ReplayGraph graph() {
    return graph;
  }

  @Override
  public Object get() {
    ReplayGraph.Trace trace = graph.newTrace();
    Object object = var.kind() == AiJsonVar.Kind.FACTORY ? factory(trace) : graph.build(var, trace);
    graph.keepTrace(this, trace);
    return object;
  }

  private synchronized Object factory(ReplayGraph.Trace trace) {
    if (factory == null) {
      factory = graph.build(var, trace);
    }
    return factory;
  }

  @Override
  public ReplayGraph.Trace takeTrace() {
    return graph.takeTrace(this);
  }

  @Override
  public String toString() {
    return "replay of " + var.name() + " (" + var.className() + ")";
  }
}
