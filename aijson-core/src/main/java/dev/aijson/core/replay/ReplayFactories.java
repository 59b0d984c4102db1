package dev.aijson.core.replay;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.ReplayLookup;
import dev.aijson.core.internal.ReplayPlan;
import dev.aijson.core.internal.ReplayStep;
import dev.aijson.core.internal.ValueEncoder;
import dev.aijson.core.internal.Values;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Implements a {@code factory} var: a proxy of its interface whose abstract methods answer each
 * call with a var that method made in the recording, chosen by the call's arguments (see {@link
 * FactoryCall}), and handed to {@link ReplayHooks#factoryCall}.
 */
final class ReplayFactories {
  private ReplayFactories() {}

  static Object proxy(ReplayPlan plan, Map<String, Object> instances,
      Map<String, Object> moduleInstances, ReplayHooks hooks, ReplayStep step) {
    Class<?> type = step.type;
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new Handler(plan, instances, moduleInstances, hooks, step.var));
  }

  private static final class Handler implements InvocationHandler {
    private final ReplayPlan plan;
    private final Map<String, Object> instances;
    private final Map<String, Object> moduleInstances;
    private final ReplayHooks hooks;
    private final AiJsonVar factory;

    Handler(ReplayPlan plan, Map<String, Object> instances, Map<String, Object> moduleInstances,
        ReplayHooks hooks, AiJsonVar factory) {
      this.plan = plan;
      this.instances = instances;
      this.moduleInstances = moduleInstances;
      this.hooks = hooks;
      this.factory = factory;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "replay of " + factory.label();
        };
      }
      if (method.isDefault()) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      Object[] arguments = args == null ? new Object[0] : args;
      return hooks.factoryCall(call(method, arguments));
    }

    /** Returns the call, with the var of the document that answers it. */
    private FactoryCall call(Method method, Object[] arguments) {
      List<Integer> products = plan.factoryProducts(factory.key(), method);
      if (products.isEmpty()) {
        throw new AiJsonException(factory.pointer(), factory.label() + ": " + method.getName()
            + ReplayLookup.describe(method) + " was never called while recording, so the document"
            + " has no object it made, nor the arguments its factory injected. Record a run that"
            + " calls it, or bind " + factory.key() + " in a module of your own.");
      }
      for (int i = products.size() - 1; i >= 0; i--) {
        if (recordedFor(plan.recorded.vars().get(products.get(i)), arguments)) {
          return new FactoryCall(plan, instances, moduleInstances, factory, method,
              Arrays.asList(arguments), products.get(i), Map.of());
        }
      }
      int latest = products.get(products.size() - 1);
      List<String> assisted = plan.document.vars().get(latest).factory().assisted();
      Map<String, Object> given = new LinkedHashMap<>();
      for (int j = 0; j < arguments.length; j++) {
        given.put(assisted.get(j), arguments[j]);
      }
      return new FactoryCall(plan, instances, moduleInstances, factory, method,
          Arrays.asList(arguments), latest, given);
    }

    /**
     * Returns whether {@code product} was recorded with {@code arguments}: each, written as the
     * recorder writes a value, is its assisted kwarg. An argument that is not a JSON value (an
     * object) never matches: the document holds a reference, not the object.
     */
    private static boolean recordedFor(AiJsonVar product, Object[] arguments) {
      List<String> assisted = product.factory().assisted();
      for (int j = 0; j < arguments.length; j++) {
        Object value = ValueEncoder.inline(arguments[j]);
        if (value == ValueEncoder.NOT_INLINE
            || !Objects.equals(Values.copy(value), product.kwargs().get(assisted.get(j)))) {
          return false;
        }
      }
      return true;
    }
  }
}
