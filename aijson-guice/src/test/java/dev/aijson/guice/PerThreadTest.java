package dev.aijson.guice;

import static com.google.common.truth.Truth.assertThat;

import java.lang.ref.WeakReference;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The per-thread state of a recording or replay graph is kept for as long as its owner and its
 * thread both live, and no longer: it is never lost while it may be used, a long-lived injector
 * does not keep the state of every thread that ever used it, and a pooled thread does not keep
 * the state of a dropped injector.
 */
class PerThreadTest {
  /** A value of one thread; references nothing. */
  private static final class State {}

  /** Returns a weak reference to the value {@code values} has for a new thread that then ends. */
  private static WeakReference<State> valueOfAnEndedThread(PerThread<State> values) throws InterruptedException {
    AtomicReference<WeakReference<State>> value = new AtomicReference<>();
    Thread thread = new Thread(() -> value.set(new WeakReference<>(values.get())));
    thread.start();
    thread.join();
    return value.get();
  }

  @Test
  void get_returnsTheSameValueOnAThread_acrossCollections() throws InterruptedException {
    PerThread<State> values = new PerThread<>(State::new);
    State first = values.get();
    WeakReference<State> weakly = new WeakReference<>(first);
    int identity = System.identityHashCode(first);
    first = null;

    // nothing but the owner keeps the value between two uses; a full collection clears every
    // reference that is only weak
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(weakly.get()).isNotNull();
    assertThat(System.identityHashCode(values.get())).isEqualTo(identity);
  }

  @Test
  void get_returnsAValueOfItsOwnToEachThread() throws InterruptedException {
    PerThread<State> values = new PerThread<>(State::new);
    AtomicReference<State> other = new AtomicReference<>();
    Thread thread = new Thread(() -> other.set(values.get()));
    thread.start();
    thread.join();

    assertThat(other.get()).isNotNull();
    assertThat(values.get()).isNotSameInstanceAs(other.get());
  }

  @Test
  void valueOfAnEndedThread_isReleased_onceAnotherThreadFirstUsesTheOwner() throws InterruptedException {
    PerThread<State> values = new PerThread<>(State::new);
    WeakReference<State> ended = valueOfAnEndedThread(values);
    for (int i = 0; i < 100 && ended.get() != null; i++) {
      System.gc(); // collects the ended thread, which lets its entry go at the next first use
      Thread.sleep(10);
      valueOfAnEndedThread(values);
    }

    assertThat(ended.get()).isNull();
  }

  @Test
  void valueOfALivingThread_isReleased_whenItsOwnerIsDropped() throws InterruptedException {
    CountDownLatch used = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<WeakReference<State>> value = new AtomicReference<>();
    Thread pooled = new Thread(() -> {
      PerThread<State> owner = new PerThread<>(State::new);
      value.set(new WeakReference<>(owner.get()));
      owner = null; // the owner is dropped; the thread lives on
      used.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    pooled.start();
    try {
      used.await();
      assertThat(Collected.released(value.get())).isTrue();
    } finally {
      release.countDown();
      pooled.join();
    }
  }
}
