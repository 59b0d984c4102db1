package dev.aijson.guice;

import java.lang.ref.WeakReference;

/** Asks the collector, for tests that what recording or replay keeps does not keep an object alive. */
final class Collected {
  private Collected() {}

  /**
   * Returns whether the object {@code reference} refers to is collected, asking for a collection
   * up to 100 times, 10 ms apart, while it is not.
   */
  static boolean released(WeakReference<?> reference) throws InterruptedException {
    for (int i = 0; i < 100 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    return reference.get() == null;
  }
}
