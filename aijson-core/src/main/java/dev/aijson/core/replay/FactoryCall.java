package dev.aijson.core.replay;

import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.ReplayPlan;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of a replayed assisted-inject factory's method, and the var of the document chosen
 * to answer it: the last var that method made with the same assisted arguments, built as the
 * document says (overrides applied); else the last var that method made, built with this call's
 * arguments in place of its assisted kwargs and its injected kwargs as recorded.
 *
 * <p>Part of the replay SPI: what {@link ReplayHooks#factoryCall} receives.
 *
 * <pre>{@code
 * ReplayHooks hooks = new ReplayHooks() {
 *   public Object factoryCall(FactoryCall call) {
 *     log.info(call.product().label() + " for " + call.arguments());
 *     return call.build(this);
 *   }
 * };
 * }</pre>
 */
public final class FactoryCall {
  private final ReplayPlan plan;
  private final Map<String, Object> instances;
  private final Map<String, Object> moduleInstances;
  private final AiJsonVar factory;
  private final Method method;
  private final List<Object> arguments;
  private final int product;
  private final Map<String, Object> assisted;

  FactoryCall(ReplayPlan plan, Map<String, Object> instances, Map<String, Object> moduleInstances,
      AiJsonVar factory, Method method, List<Object> arguments, int product,
      Map<String, Object> assisted) {
    this.plan = plan;
    this.instances = instances;
    this.moduleInstances = moduleInstances;
    this.factory = factory;
    this.method = method;
    this.arguments = Collections.unmodifiableList(Arrays.asList(arguments.toArray()));
    this.product = product;
    this.assisted = Collections.unmodifiableMap(assisted);
  }

  /**
   * Returns the factory var whose object was called.
   *
   * @return the {@code factory} var of the document
   */
  public AiJsonVar factory() {
    return factory;
  }

  /**
   * Returns the factory method called.
   *
   * @return the method of the factory interface
   */
  public Method method() {
    return method;
  }

  /**
   * Returns the arguments of the call, in the order of the method's parameters.
   *
   * @return the arguments, unmodifiable; an argument may be null
   */
  public List<Object> arguments() {
    return arguments;
  }

  /**
   * Returns the var the call is answered with, as the replayed document has it.
   *
   * @return the var
   */
  public AiJsonVar product() {
    return plan.document.vars().get(product);
  }

  /**
   * Returns whether the call's arguments are those the recording saw for {@link #product()}, in
   * which case it is built exactly as the document says (with overrides applied).
   *
   * @return true if the call gives no kwarg anew
   */
  public boolean recorded() {
    return assisted.isEmpty();
  }

  /**
   * Returns the kwargs of {@link #product()} that this call gives anew: when the call is not
   * {@link #recorded()}, each of its arguments by the name of the assisted kwarg it stands for,
   * in the order of the method's parameters; else nothing.
   *
   * @return the kwargs by name, unmodifiable; empty for a {@link #recorded()} call
   */
  public Map<String, Object> assisted() {
    return assisted;
  }

  /**
   * Builds the object the call returns, in a fresh session with {@code hooks}: {@link #product()}
   * and what it references, with {@link #assisted()} in place of its recorded kwargs.
   *
   * @param hooks the callbacks of the session
   * @return the object
   * @throws dev.aijson.core.AiJsonException if the build fails, as {@link AiJsonReplayer#build}
   *     does
   */
  public Object build(ReplayHooks hooks) {
    Objects.requireNonNull(hooks, "hooks");
    return new ReplaySession(plan, instances, moduleInstances, hooks, assisted).build(product);
  }

  @Override
  public String toString() {
    return factory.label() + "#" + method.getName() + arguments + " -> " + product().name();
  }
}
