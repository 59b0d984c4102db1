package dev.aijson.guice;

import com.google.inject.Provider;
import dev.aijson.core.AiJsonVar;

/**
 * Provides a key by rebuilding its var. Leaves the trace of its build with the graph, so that an
 * {@link AiJsonModule} in the same injector records the replay as the original document. A
 * {@code factory} var is built once: as Guice's own factory binding, it hands out one object.
 *
 * <p>The class Guice sees declares one field and two methods, and keeps its state in a {@link
 * Build}: for every binding of a provider instance, Guice lists, copies and sorts the declared
 * members of the provider's class, looking for members to inject (with three fields and six
 * methods, 8% of the CPU samples of a 1,000-var replay, {@code from} included).
 */
final class ReplayProvider implements Provider<Object> {
  // read by ReplayGraph.traced: a method here would be one more member for Guice to list
  final Build build;

  /** Returns a provider of {@code var}, at {@code position}, for a binding of its key or an element. */
  ReplayProvider(ReplayGraph graph, AiJsonVar var, int position) {
    this(graph, var, position, false);
  }

  /**
   * Returns a provider of {@code var}, at {@code position}; {@code sharer} for the private binding
   * that makes the one object of a var the graph {@link ReplayGraph#sharedHere shares}, which the
   * others then ask for it.
   */
  ReplayProvider(ReplayGraph graph, AiJsonVar var, int position, boolean sharer) {
    this.build = new Build(graph, var, position, sharer);
  }

  @Override
  public Object get() {
    return build.get();
  }

  @Override
  public String toString() {
    return build.toString();
  }

  /** The state and the work of a {@link ReplayProvider}, whose trace a recording takes. */
  static final class Build implements ReplayGraph.Traced {
    private final ReplayGraph graph;
    private final AiJsonVar var;
    // the var's position in the document, so that a build need not find it by the var's name
    private final int position;
    // how get() makes its object, told once here rather than asked of the var at every provision
    private final byte how;
    private Object factory;
    private static final byte BUILD = 0;
    private static final byte FACTORY = 1;
    private static final byte SHARED = 2;

    Build(ReplayGraph graph, AiJsonVar var, int position, boolean sharer) {
      this.graph = graph;
      this.var = var;
      this.position = position;
      this.how = !sharer && graph.sharedHere(position) ? SHARED
          : var.kind() == AiJsonVar.Kind.FACTORY ? FACTORY : BUILD;
    }

    @Override
    public ReplayGraph graph() {
      return graph;
    }

    Object get() {
      ReplayGraph.Trace trace = graph.newTrace();
      Object object = how == BUILD ? graph.build(var, position, trace)
          : how == FACTORY ? factory(trace) : graph.shared(position);
      graph.keepTrace(this, trace);
      return object;
    }

    private synchronized Object factory(ReplayGraph.Trace trace) {
      if (factory == null) {
        factory = graph.build(var, position, trace);
      }
      return factory;
    }

    @Override
    public String toString() {
      return "replay of " + var.name() + " (" + var.className() + ")";
    }
  }
}
