package dev.aijson.guice;

import com.google.inject.Provider;
import dev.aijson.core.AiJsonVar;
import java.lang.reflect.Method;

/**
 * Provides the Guava {@code Optional<T>} of an optional binder whose document also has the
 * binder's {@code java.util.Optional<T>}: Guava's optional holding a rebuild of the var recorded
 * under {@code T}'s key, which is what it held in the recording. Guice's binder, replayed from the
 * {@code java.util.Optional<T>} var, would hand it that var's value instead, a var without the key.
 * Bound under a private key, so that a recording of the injector sees the build as a provision and
 * records both vars where the recorded document has them.
 */
final class GuavaOptionalProvider implements Provider<Object>, ReplayGraph.Traced {
  private final ReplayGraph graph;
  private final AiJsonVar optional;
  private final AiJsonVar value;
  private final int valuePosition;
  private final Method of;

  /**
   * Returns the provider of the opaque var {@code optional}, of Guava's {@code Optional} class
   * {@code type}, holding a rebuild of {@code value}, at {@code valuePosition}.
   */
  GuavaOptionalProvider(ReplayGraph graph, AiJsonVar optional, Class<?> type, AiJsonVar value, int valuePosition) {
    this.graph = graph;
    this.optional = optional;
    this.value = value;
    this.valuePosition = valuePosition;
    try {
      this.of = type.getMethod("of", Object.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no of(Object)", e);
    }
  }

  @Override
  public ReplayGraph graph() {
    return graph;
  }

  @Override
  public Object get() {
    ReplayGraph.Trace trace = graph.newTrace();
    Object held = graph.build(value, valuePosition, trace);
    Object made;
    try {
      made = of.invoke(null, held);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Guava's Optional.of failed", e);
    }
    trace.built(optional, made);
    graph.keepTrace(this, trace);
    return made;
  }

  @Override
  public String toString() {
    return "replay of " + optional.name() + " (" + optional.className() + ") holding " + value.name();
  }
}
