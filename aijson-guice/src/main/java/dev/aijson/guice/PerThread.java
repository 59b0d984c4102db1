package dev.aijson.guice;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One value per thread, held strongly by its owner (an injector's recording or replay graph) and
 * only weakly by the thread.
 *
 * <p>A {@link ThreadLocal} that holds its value strongly leaves it in every thread that used it
 * after its owner is dropped, until the thread happens to clear the stale entry; a pooled thread
 * of a web container or job runner then keeps the value's class, what the value references (the
 * application's keys and classes) and so the application's class loader alive after the
 * application is stopped or redeployed. Here the thread holds a {@link WeakReference}, a class of
 * the platform, and the owner holds the value for as long as both it and the thread live: the
 * value is never collected while it may be used, and nothing of it outlives its owner. Guice's own
 * per-injector context is kept the same way, for the same reason.
 *
 * <p>Getting a thread's value costs a {@link ThreadLocal#get} and a {@link Reference#get}; a
 * thread's first use also registers the value with the owner, without a lock shared by threads.
 *
 * @param <T> the type of the values
 */
final class PerThread<T> {
  private final Supplier<? extends T> initial;
  private final ThreadLocal<WeakReference<T>> local = new ThreadLocal<>();
  // what keeps each thread's value alive; an entry goes once its thread is collected
  private final Set<Held<T>> held = ConcurrentHashMap.newKeySet();
  private final ReferenceQueue<Thread> ended = new ReferenceQueue<>();

  /** A thread's value, held until the thread is collected. */
  private static final class Held<T> extends WeakReference<Thread> {
    @SuppressWarnings("unused") // what keeps the value reachable
    private final T value;

    Held(Thread thread, T value, ReferenceQueue<Thread> ended) {
      super(thread, ended);
      this.value = value;
    }
  }

  /**
   * Returns per-thread values, each made by {@code initial} on its thread's first {@link #get};
   * {@code initial}'s values must not reference their thread, or it is never collected.
   */
  PerThread(Supplier<? extends T> initial) {
    this.initial = initial;
  }

  /** Returns this thread's value, making it on the thread's first call. */
  T get() {
    WeakReference<T> reference = local.get();
    T value = reference == null ? null : reference.get();
    return value != null ? value : made();
  }

  private T made() {
    for (Reference<? extends Thread> gone = ended.poll(); gone != null; gone = ended.poll()) {
      held.remove(gone);
    }
    T value = initial.get();
    held.add(new Held<>(Thread.currentThread(), value, ended));
    local.set(new WeakReference<>(value));
    return value;
  }
}
