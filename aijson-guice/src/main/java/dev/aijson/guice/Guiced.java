package dev.aijson.guice;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.matcher.AbstractMatcher;
import com.google.inject.matcher.Matcher;
import com.google.inject.spi.ConstructorBinding;
import com.google.inject.spi.ConvertedConstantBinding;
import com.google.inject.spi.DefaultBindingTargetVisitor;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.LinkedKeyBinding;
import com.google.inject.spi.ProviderBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ProvidesMethodBinding;
import com.google.inject.spi.ProvidesMethodTargetVisitor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;

/** What belongs to Guice (never logged) and which class a binding builds. */
final class Guiced {
  private static final Set<String> PROVIDER_TYPES =
      Set.of("com.google.inject.Provider", "javax.inject.Provider", "jakarta.inject.Provider");
  private static final Set<String> INTERNAL_TYPES =
      Set.of(
          "com.google.inject.Injector", "com.google.inject.Stage", "java.util.logging.Logger",
          "com.google.inject.MembersInjector", "com.google.inject.TypeLiteral",
          "dev.aijson.guice.AiJsonLog");

  /**
   * Whether guice-assistedinject, an optional dependency, is on the class path: only then is
   * {@link AssistedFactories} used, which is the one class that touches it.
   */
  static final boolean ASSISTED_INJECT = isPresent("com.google.inject.assistedinject.FactoryModuleBuilder");

  private static final String ASSISTED = "com.google.inject.assistedinject.Assisted";

  /**
   * {@code BindingImpl.getInjector()}: Guice's bindings know their injector, its SPI does not say.
   * A method handle, not a {@link Method}: {@code Method.invoke} walks the stack for its caller at
   * every call, and this is asked once per binding provisioned. Its type is {@code (Object)Object},
   * called with {@code invokeExact}: a call with {@code invoke} adapted the handle's own types to
   * the call's at every call (up to 3% of a fresh 1,000-var injector's provisioning).
   */
  private static final MethodHandle OWNER;

  /** The class {@link #OWNER} is declared by: only its instances are asked. */
  private static final Class<?> OWNER_CLASS;

  static {
    MethodHandle owner = ownerMethod();
    OWNER_CLASS = owner == null ? null : owner.type().parameterType(0);
    OWNER = owner == null ? null : owner.asType(MethodType.methodType(Object.class, Object.class));
  }

  /**
   * {@code ProviderInstanceBinding.getUserSuppliedProvider()}, called by reflection: it returns
   * {@code javax.inject.Provider} in Guice 6 and {@code jakarta.inject.Provider} in Guice 7, so a
   * call compiled against either is a {@code NoSuchMethodError} on the other.
   */
  private static final Method USER_SUPPLIED = userSuppliedMethod();

  private Guiced() {}

  private static Method userSuppliedMethod() {
    try {
      return ProviderInstanceBinding.class.getMethod("getUserSuppliedProvider");
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  private static boolean isPresent(String name) {
    try {
      Class.forName(name, false, Guiced.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Returns the provider object bound with {@code toProvider(instance)}, as the user wrote it,
   * the same on Guice 6 and 7. Where Guice has no {@code getUserSuppliedProvider()}, returns
   * {@code getProviderInstance()}: the same object for a Guice provider, Guice's wrapper of it for
   * a javax or jakarta one.
   */
  static Object userSuppliedProvider(ProviderInstanceBinding<?> binding) {
    Object provider;
    if (USER_SUPPLIED != null) {
      try {
        provider = USER_SUPPLIED.invoke(binding);
      } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
        provider = binding.getProviderInstance();
      }
    } else {
      provider = binding.getProviderInstance();
    }
    return guicified(provider);
  }

  /** The prefix of the wrappers {@code Providers.guicify} makes of a javax or jakarta provider. */
  private static final String GUICIFIED = "com.google.inject.util.Providers$Guicified";

  /**
   * Returns the provider the user wrote where {@code provider} is the wrapper {@code
   * Providers.guicify} made of it (a jakarta provider on Guice 6 can be bound only so), read from
   * the wrapper's {@code delegate} field; else {@code provider}. Asked once per binding.
   */
  static Object guicified(Object provider) {
    for (int hops = 0; provider != null && provider.getClass().getName().startsWith(GUICIFIED) && hops < 10; hops++) {
      Object delegate = delegateOf(provider);
      if (delegate == null) {
        return provider;
      }
      provider = delegate;
    }
    return provider;
  }

  private static Object delegateOf(Object wrapper) {
    for (Class<?> c = wrapper.getClass(); c != null && c.getName().startsWith(GUICIFIED); c = c.getSuperclass()) {
      try {
        java.lang.reflect.Field field = c.getDeclaredField("delegate");
        return field.trySetAccessible() ? field.get(wrapper) : null;
      } catch (NoSuchFieldException e) {
        // declared by the superclass the WithDependencies wrappers extend
      } catch (IllegalAccessException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Returns whether {@code key} is a parameter of an assisted-inject factory method, which the
   * factory's internal child injector binds to the argument of the current call: that argument
   * is recorded in the var of the object the factory makes, never as a var of its own.
   */
  static boolean isAssistedParameter(Key<?> key) {
    return key.getAnnotationType() != null && key.getAnnotationType().getName().equals(ASSISTED);
  }

  private static MethodHandle ownerMethod() {
    try {
      Method method = Class.forName("com.google.inject.internal.BindingImpl", false, Injector.class.getClassLoader())
          .getMethod("getInjector");
      return MethodHandles.publicLookup().unreflect(method);
    } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
      return null;
    }
  }

  /**
   * Returns the injector that owns {@code binding}: a child injector's, or a private module's, for
   * the bindings made there; {@code fallback} if Guice does not say.
   */
  static Injector owner(Binding<?> binding, Injector fallback) {
    if (OWNER != null && OWNER_CLASS.isInstance(binding)) {
      try {
        if ((Object) OWNER.invokeExact((Object) binding) instanceof Injector owner) {
          return owner;
        }
      } catch (Error e) {
        throw e;
      } catch (Throwable e) {
        return fallback; // getInjector() throws nothing; a Guice that does is read as saying nothing
      }
    }
    return fallback;
  }

  /**
   * The fields of the provider Guice's injector hands out ({@code getProvider(key)}, what it
   * injects for {@code Provider<T>}) that hold the dependency it provides and the injector it asks,
   * per class; null for any other class.
   */
  private static final ClassValue<java.lang.reflect.Field[]> PROVIDER_FIELDS = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Field[] computeValue(Class<?> type) {
      if (!type.getName().startsWith("com.google.inject.internal.InjectorImpl$")
          || !com.google.inject.Provider.class.isAssignableFrom(type)) {
        return null;
      }
      java.lang.reflect.Field dependency = null;
      java.lang.reflect.Field injector = null;
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        if (field.getType() == Dependency.class) {
          dependency = field;
        } else if (Injector.class.isAssignableFrom(field.getType())) {
          injector = field;
        }
      }
      try {
        return dependency != null && injector != null && dependency.trySetAccessible() && injector.trySetAccessible()
            ? new java.lang.reflect.Field[] {dependency, injector} : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
  };

  /**
   * Returns the key of what {@code provider} provides where it is a provider that {@code owns} (an
   * injector, or one of its parents or children) handed out: the class and fields Guice 6 and 7 use,
   * read by reflection since Guice does not say; null for any other object, a provider of any other
   * injector, or where Guice's class holds no dependency.
   */
  static Key<?> providedKey(Object provider, java.util.function.Predicate<Injector> owns) {
    java.lang.reflect.Field[] fields = PROVIDER_FIELDS.get(provider.getClass());
    if (fields == null) {
      return null;
    }
    try {
      if (!(fields[0].get(provider) instanceof Dependency<?> dependency)
          || !(fields[1].get(provider) instanceof Injector injector)) {
        return null;
      }
      for (Injector outer = injector; outer != null; outer = outer.getParent()) {
        if (owns.test(outer)) {
          return dependency.getKey();
        }
      }
      return null;
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
  }

  static boolean isProviderType(Class<?> type) {
    return PROVIDER_TYPES.contains(type.getName());
  }

  /** Returns whether {@code key} is one of Guice's own bindings, or aijson's. */
  static boolean isInternal(Key<?> key) {
    Class<?> raw = key.getTypeLiteral().getRawType();
    return INTERNAL_TYPES.contains(raw.getName()) || isProviderType(raw);
  }

  /**
   * Returns the class whose package decides whether a binding is logged: the class a constructor
   * binding builds, the module declaring a {@code @Provides} method, else the key's type.
   */
  static Class<?> subject(Binding<?> binding) {
    java.lang.reflect.Type elements = Multibindings.elementType(binding);
    if (elements != null) {
      // a collection is its elements' concern: Set<Feature> is logged where Feature is
      return com.google.inject.TypeLiteral.get(elements).getRawType();
    }
    if (binding instanceof ConstructorBinding<?> constructor) {
      return constructor.getConstructor().getDeclaringType().getRawType();
    }
    if (binding instanceof ProviderInstanceBinding<?> provider) {
      ProvidesMethodBinding<?> provides = providesMethod(provider);
      if (provides != null) {
        return provides.getMethod().getDeclaringClass();
      }
    }
    return binding.getKey().getTypeLiteral().getRawType();
  }

  /** Returns the {@code @Provides} method behind {@code binding}, or null. */
  static ProvidesMethodBinding<?> providesMethod(ProviderInstanceBinding<?> binding) {
    return binding.acceptTargetVisitor(new ProvidesVisitor());
  }

  /**
   * Returns the matcher for bindings whose provisions are logged: the user's restriction, minus
   * Guice's own bindings, the bindings that never make an object (instances, constants, links,
   * providers), which are logged where they are used, and the parameters of assisted-inject
   * factory methods, logged in the object the factory makes.
   */
  static Matcher<Binding<?>> loggable(Matcher<? super Binding<?>> restriction) {
    return new AbstractMatcher<>() {
      @Override
      public boolean matches(Binding<?> binding) {
        return !(binding instanceof InstanceBinding
                || binding instanceof ConvertedConstantBinding
                || binding instanceof LinkedKeyBinding
                || binding instanceof ProviderBinding)
            && !isInternal(binding.getKey())
            && !isAssistedParameter(binding.getKey())
            && restriction.matches(binding);
      }

      @Override
      public String toString() {
        return "loggable(" + restriction + ")";
      }
    };
  }

  private static final class ProvidesVisitor
      extends DefaultBindingTargetVisitor<Object, ProvidesMethodBinding<?>>
      implements ProvidesMethodTargetVisitor<Object, ProvidesMethodBinding<?>> {
    @Override
    public ProvidesMethodBinding<?> visit(ProvidesMethodBinding<? extends Object> binding) {
      return binding;
    }
  }
}
