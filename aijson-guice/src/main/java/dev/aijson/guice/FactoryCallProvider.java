package dev.aijson.guice;

import com.google.inject.Provider;
import dev.aijson.core.replay.FactoryCall;

/**
 * Provides the object a call of a replayed assisted-inject factory returns: the private binding
 * of a {@link ReplayModule} through which each call goes, so that it is a provision, which an
 * {@link AiJsonModule} in the same injector records as the var the call was answered with.
 */
final class FactoryCallProvider implements Provider<Object>, ReplayGraph.Traced {
  private final ReplayGraph graph;

  FactoryCallProvider(ReplayGraph graph) {
    this.graph = graph;
  }

  @Override
  public ReplayGraph graph() {
    return graph;
  }

  @Override
  public Object get() {
    FactoryCall call = graph.takeCall();
    if (call == null) {
      throw new IllegalStateException("an object a replayed factory makes is provided only by a"
          + " call of the factory's method");
    }
    ReplayGraph.Trace trace = graph.newTrace();
    Object object = graph.build(call, trace);
    graph.keepTrace(this, trace);
    return object;
  }

  @Override
  public String toString() {
    return "replay of the calls of assisted-inject factories";
  }
}
