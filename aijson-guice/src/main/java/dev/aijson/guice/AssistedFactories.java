package dev.aijson.guice;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.assistedinject.Assisted;
import com.google.inject.assistedinject.AssistedInjectBinding;
import com.google.inject.assistedinject.AssistedInjectTargetVisitor;
import com.google.inject.assistedinject.AssistedMethod;
import com.google.inject.spi.ConstructorBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.ProviderInstanceBinding;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Guice's assisted-inject factories ({@code FactoryModuleBuilder}) through the
 * assistedinject SPI: which bindings are factories, and, for an object a factory's internal child
 * injector built, which factory method made it and which constructor parameters were the call's
 * arguments.
 *
 * <p>The only class of aijson-guice that touches the classes of guice-assistedinject, an optional
 * dependency: call it only when {@link Guiced#ASSISTED_INJECT} says they are present. Its methods
 * take and return Guice core and JDK types only, so that classes calling them load without it.
 */
final class AssistedFactories {
  /**
   * The factory method that made an object.
   *
   * @param key the factory's key, or null if two keys of the same factory interface would have
   *     made it the same way, so that the recording cannot tell which one did, or if not every
   *     parameter of the method was passed to a parameter of the constructor as it is (Guice also
   *     passes an {@code @Assisted Provider<T>})
   * @param method the factory method
   * @param assisted for each parameter of the method, in order, the index of the constructor
   *     parameter it was passed to; empty where {@code key} is null
   * @param arguments for each constructor parameter, the provider of the internal child
   *     injector that returns the current call's argument while the method runs, or null for an
   *     injected parameter
   * @param reusable whether the child injector, and so the binding, serves every call of the
   *     method (Guice's optimized form); otherwise each call has its own
   */
  record Product(Key<?> key, Method method, List<Integer> assisted, List<Object> arguments,
      boolean reusable) {}

  /** One factory method of one factory binding, with the keys of its parameters. */
  private record FactoryMethod(Key<?> key, AssistedMethod method, Set<List<Object>> parameters) {}

  // by injector: the factory methods bound there, looked up once
  private final Map<Injector, List<FactoryMethod>> factories = new ConcurrentHashMap<>();

  /** Returns whether {@code binding} binds an assisted-inject factory. */
  static boolean isFactory(Binding<?> binding) {
    return binding instanceof ProviderInstanceBinding<?> provider
        && provider.acceptTargetVisitor(new FactoryVisitor()) != null;
  }

  /**
   * Returns the factory method that made the objects of {@code binding}, or null if it is not the
   * binding of a factory's internal child injector {@code owner}. The factory methods bound in an
   * injector are looked up once for each injector {@code kept} accepts, and again at each call
   * for any other (a child injector, which the lookup must not keep alive).
   */
  Product product(ConstructorBinding<?> binding, Injector owner, java.util.function.Predicate<Injector> kept) {
    if (owner.getParent() == null) {
      return null;
    }
    // the child injector of a factory method binds its parameters, and the object it returns
    Set<List<Object>> parameters = new HashSet<>();
    Map<List<Object>, Object> providers = new java.util.HashMap<>();
    for (Binding<?> own : owner.getBindings().values()) {
      Key<?> key = own.getKey();
      if (key.equals(binding.getKey()) || Guiced.isInternal(key)) {
        continue;
      }
      if (!(key.getAnnotation() instanceof Assisted assisted)
          || !(own instanceof ProviderInstanceBinding<?> argument)) {
        return null;
      }
      List<Object> parameter = List.of(key.getTypeLiteral(), assisted.value());
      parameters.add(parameter);
      providers.put(parameter, providerOf(argument));
    }
    Constructor<?> constructor = (Constructor<?>) binding.getConstructor().getMember();
    List<FactoryMethod> candidates = new ArrayList<>();
    for (Injector injector = owner.getParent(); injector != null; injector = injector.getParent()) {
      List<FactoryMethod> bound = kept.test(injector)
          ? factories.computeIfAbsent(injector, AssistedFactories::factoriesOf) : factoriesOf(injector);
      for (FactoryMethod factory : bound) {
        if (factory.method.getImplementationConstructor().equals(constructor)
            && factory.parameters.equals(parameters)) {
          candidates.add(factory);
        }
      }
      if (!candidates.isEmpty()) {
        break; // the nearest injector's factories hide those of its parents
      }
    }
    if (candidates.size() > 1) {
      candidates = calledNow(candidates);
    }
    if (candidates.isEmpty()) {
      return null;
    }
    FactoryMethod made = candidates.get(0);
    boolean oneKey = candidates.stream().map(FactoryMethod::key).distinct().count() == 1;
    Method method = made.method.getFactoryMethod();
    List<List<Object>> order = parameterKeys(made.key, method);
    List<Dependency<?>> dependencies = binding.getConstructor().getDependencies();
    Integer[] assisted = new Integer[order.size()];
    List<Object> arguments = new ArrayList<>(Collections.nCopies(constructor.getParameterCount(), null));
    boolean reusable = true;
    for (Dependency<?> dependency : dependencies) {
      Key<?> key = dependency.getKey();
      if (key.getTypeLiteral().getRawType() == Injector.class) {
        reusable = false;
      }
      if (key.getAnnotation() instanceof Assisted value) {
        if (Guiced.isProviderType(key.getTypeLiteral().getRawType())) {
          reusable = false;
        }
        List<Object> parameter = List.of(key.getTypeLiteral(), value.value());
        int index = order.indexOf(parameter);
        if (index >= 0 && dependency.getParameterIndex() >= 0) {
          assisted[index] = dependency.getParameterIndex();
          arguments.set(dependency.getParameterIndex(), providers.get(parameter));
        }
      }
    }
    for (Dependency<?> dependency : binding.getDependencies()) {
      if (dependency.getKey().getTypeLiteral().getRawType() == Injector.class) {
        reusable = false; // a member injects the injector: Guice makes a child per call
      }
    }
    boolean passed = !java.util.Arrays.asList(assisted).contains(null);
    return new Product(oneKey && passed ? made.key : null, method,
        passed ? List.of(assisted) : List.of(), Collections.unmodifiableList(arguments), reusable);
  }

  /**
   * Returns the provider a factory's child injector binds a parameter to. Guice's {@code
   * getProviderInstance} returns the same type in Guice 6 and 7, where {@code
   * getUserSuppliedProvider} returns javax's provider in one and jakarta's in the other.
   */
  @SuppressWarnings("deprecation")
  private static Object providerOf(ProviderInstanceBinding<?> binding) {
    return binding.getProviderInstance();
  }

  /** Returns the argument of the current call that {@code provider} returns. */
  static Object argument(Object provider) {
    // Guice's ThreadLocalProvider, or Providers.of(argument) where Guice makes a child per call
    return ((com.google.inject.Provider<?>) provider).get();
  }

  /** Returns the factory methods bound in {@code injector}, with the keys of their parameters. */
  private static List<FactoryMethod> factoriesOf(Injector injector) {
    List<FactoryMethod> found = new ArrayList<>();
    for (Binding<?> binding : injector.getBindings().values()) {
      AssistedInjectBinding<?> factory = binding instanceof ProviderInstanceBinding<?> provider
          ? provider.acceptTargetVisitor(new FactoryVisitor()) : null;
      if (factory == null) {
        continue;
      }
      for (AssistedMethod method : factory.getAssistedMethods()) {
        found.add(new FactoryMethod(factory.getKey(), method,
            Set.copyOf(parameterKeys(factory.getKey(), method.getFactoryMethod()))));
      }
    }
    return List.copyOf(found);
  }

  /**
   * Returns the keys the child injector binds the parameters of {@code method} to, as (type,
   * {@code @Assisted} value) pairs in the method's order; an unannotated parameter is
   * {@code @Assisted("")}.
   */
  private static List<List<Object>> parameterKeys(Key<?> factory, Method method) {
    List<TypeLiteral<?>> types = factory.getTypeLiteral().getParameterTypes(method);
    Annotation[][] annotations = method.getParameterAnnotations();
    List<List<Object>> keys = new ArrayList<>(types.size());
    for (int i = 0; i < types.size(); i++) {
      String value = "";
      for (Annotation annotation : annotations[i]) {
        if (annotation instanceof Assisted assisted) {
          value = assisted.value();
        }
      }
      // a Key boxes a primitive type, as the child injector's keys have it
      keys.add(List.of(Key.get(types.get(i)).getTypeLiteral(), value));
    }
    return keys;
  }

  /**
   * Returns the candidates whose factory method is running on this thread: the nearest call of a
   * factory proxy on the stack, which the proxy class shows by its method's name and parameters.
   */
  private static List<FactoryMethod> calledNow(List<FactoryMethod> candidates) {
    Optional<StackWalker.StackFrame> call = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(frames -> frames.filter(frame -> Proxy.isProxyClass(frame.getDeclaringClass())).findFirst());
    if (call.isEmpty()) {
      return List.of();
    }
    StackWalker.StackFrame frame = call.get();
    List<FactoryMethod> called = new ArrayList<>();
    for (FactoryMethod candidate : candidates) {
      Method method = candidate.method.getFactoryMethod();
      if (method.getDeclaringClass().isAssignableFrom(frame.getDeclaringClass())
          && method.getName().equals(frame.getMethodName())
          && List.of(method.getParameterTypes()).equals(List.of(frame.getMethodType().parameterArray()))) {
        called.add(candidate);
      }
    }
    return called;
  }

  private static final class FactoryVisitor
      extends DefaultBindingTargetVisitor<Object, AssistedInjectBinding<?>>
      implements AssistedInjectTargetVisitor<Object, AssistedInjectBinding<?>> {
    @Override
    public AssistedInjectBinding<?> visit(AssistedInjectBinding<? extends Object> binding) {
      return binding;
    }
  }
}
