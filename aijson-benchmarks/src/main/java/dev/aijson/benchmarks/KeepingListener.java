package dev.aijson.benchmarks;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.matcher.Matchers;
import com.google.inject.spi.ProvisionListener;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The floor of recording on Guice, measured beside the recorder: a provision listener that does
 * the least any log of every provision must do. Per provision it keeps one object with a number
 * and a weak reference to the product (a log must tell later which var an object is, as an
 * argument, a receiver of a call or a singleton read back, without keeping the object alive), in
 * a store that threads append to without a lock. It encodes nothing and keeps no argument, so
 * aijson's time over this listener's is what its recording adds to the floor; this listener's
 * over plain Guice's is Guice's listener machinery and the kept objects, which survive young
 * collections as a log's vars do. Its store is its own, not aijson's, so that the floor owes
 * nothing to the code it is the floor of.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(KeepingListener.module(), Service.module());
 * }</pre>
 */
final class KeepingListener implements ProvisionListener {
  private static final int CHUNK_BITS = 10;
  private static final int CHUNK = 1 << CHUNK_BITS;

  /** What is kept per provision: a number and a weak reference to the product. */
  private static final class Kept extends WeakReference<Object> {
    final int number;

    Kept(Object product, int number) {
      super(product);
      this.number = number;
    }
  }

  private final AtomicInteger next = new AtomicInteger();
  private volatile AtomicReferenceArray<Kept[]> chunks = new AtomicReferenceArray<>(64);

  /**
   * Returns a module that binds a new listener to every binding.
   *
   * @return the module
   */
  static Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bindListener(Matchers.any(), new KeepingListener());
      }
    };
  }

  @Override
  public <T> void onProvision(ProvisionInvocation<T> invocation) {
    T product = invocation.provision();
    int number = next.getAndIncrement();
    chunk(number >>> CHUNK_BITS)[number & (CHUNK - 1)] = new Kept(product, number);
  }

  private Kept[] chunk(int index) {
    AtomicReferenceArray<Kept[]> known = chunks;
    if (index < known.length()) {
      Kept[] chunk = known.get(index);
      if (chunk != null) {
        return chunk;
      }
    }
    return newChunk(index);
  }

  private synchronized Kept[] newChunk(int index) {
    AtomicReferenceArray<Kept[]> known = chunks;
    if (index >= known.length()) {
      AtomicReferenceArray<Kept[]> grown = new AtomicReferenceArray<>(Math.max(index + 1, known.length() * 2));
      for (int i = 0; i < known.length(); i++) {
        grown.set(i, known.get(i));
      }
      known = grown;
      chunks = grown;
    }
    Kept[] chunk = known.get(index);
    if (chunk == null) {
      chunk = new Kept[CHUNK];
      known.set(index, chunk);
    }
    return chunk;
  }
}
