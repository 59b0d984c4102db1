package dev.aijson.guice;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Scopes;
import com.google.inject.Stage;
import com.google.inject.matcher.Matcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The order in which the recording's injector makes, in {@code Stage.PRODUCTION}, the
 * just-in-time singletons that Guice makes eagerly: in the order of their keys' names, so that
 * the document is the same in every JVM.
 *
 * <p>In {@code Stage.PRODUCTION}, Guice makes every singleton while it creates the injector: first
 * those the modules bind, in module order, then the just-in-time ones that none of those needed
 * (a {@code @Singleton} class that only unscoped components take), in the order of its table of
 * just-in-time bindings, a hash table keyed by identity hash codes, which differ from one JVM to
 * the next (another collector or heap size is enough). Their vars, numbered in the order they are
 * made, would then differ too. When Guice makes the first of them, this makes the ones whose keys
 * sort before it first, and after it the ones that sort after it; Guice then finds them made.
 * Guice itself promises no order for them, and every one of them is made during the injector's
 * creation, as without recording: only which comes first is settled.
 *
 * <p>The singletons put in order are those of the injector's just-in-time bindings that exist
 * when the recording is given its injector (Guice has then made the just-in-time bindings its
 * modules' bindings need, and has not begun making singletons), the ones Guice makes eagerly.
 */
final class EagerOrder {
  /** Guice's class that creates an injector (Guice 6 and 7), and its method that makes its eager singletons. */
  private static final String CREATOR = "com.google.inject.internal.InternalInjectorCreator";
  private static final String EAGER = "loadEagerSingletons";

  private static final Comparator<Key<?>> BY_NAME =
      Comparator.<Key<?>, String>comparing(Keys::name).thenComparing(Key::toString);

  private final Injector injector;
  private final Set<Key<?>> singletons;
  // those not yet made: once none is left, Guice has made them all
  private final Set<Key<?>> unmade;
  private final AtomicBoolean done = new AtomicBoolean();

  private EagerOrder(Injector injector, Set<Key<?>> singletons) {
    this.injector = injector;
    this.singletons = singletons;
    this.unmade = java.util.concurrent.ConcurrentHashMap.newKeySet(singletons.size());
    unmade.addAll(singletons);
  }

  /**
   * Returns the order of {@code injector}'s eager just-in-time singletons whose provisions are
   * {@code recorded}, or null if it makes fewer than two (any stage but {@code PRODUCTION}).
   */
  static EagerOrder of(Injector injector, Matcher<? super Binding<?>> recorded) {
    if (injector.getInstance(Stage.class) != Stage.PRODUCTION) {
      return null;
    }
    Map<Key<?>, Binding<?>> explicit = injector.getBindings();
    Set<Key<?>> singletons = new java.util.HashSet<>();
    for (Map.Entry<Key<?>, Binding<?>> binding : injector.getAllBindings().entrySet()) {
      if (!explicit.containsKey(binding.getKey()) && Scopes.isSingleton(binding.getValue())
          && recorded.matches(binding.getValue())) {
        singletons.add(binding.getKey());
      }
    }
    // one alone has no order to settle
    return singletons.size() < 2 ? null : new EagerOrder(injector, Set.copyOf(singletons));
  }

  /**
   * Notes that the binding of {@code key} has made its object; returns whether nothing is left
   * to put in order (the singletons are in order, or every one of them is made).
   */
  boolean made(Key<?> key) {
    unmade.remove(key);
    return done.get() || unmade.isEmpty();
  }

  /**
   * Called before a provision that no other provision on its thread is making: if it is the first
   * eager just-in-time singleton Guice makes, makes those whose keys sort before it, and returns
   * those that sort after it, for {@link #after}; else returns null.
   */
  List<Key<?>> before(Binding<?> binding) {
    Key<?> key = binding.getKey();
    if (!singletons.contains(key) || !inEagerSingletons() || !done.compareAndSet(false, true)) {
      return null;
    }
    List<Key<?>> sorted = new ArrayList<>(singletons);
    sorted.sort(BY_NAME);
    int at = sorted.indexOf(key);
    if (!make(sorted.subList(0, at))) {
      return null;
    }
    return List.copyOf(sorted.subList(at + 1, sorted.size()));
  }

  /** Makes the singletons {@link #before} returned, once the first one Guice made is made. */
  void after(List<Key<?>> keys) {
    make(keys);
  }

  /**
   * Makes each singleton in turn; returns false at the first that throws, leaving it and the
   * rest to Guice, which makes them in its own order and reports what fails as it would.
   */
  private boolean make(List<Key<?>> keys) {
    for (Key<?> key : keys) {
      try {
        injector.getInstance(key);
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }
    return true;
  }

  /** Whether Guice is making the eager singletons of an injector on this thread. */
  private static boolean inEagerSingletons() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(
        frame -> frame.getMethodName().equals(EAGER) && frame.getClassName().equals(CREATOR)));
  }
}
