package dev.aijson.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.aijson.benchmarks.model.Graph;
import dev.aijson.guice.ReplayModule;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Measures the heap a log holds per var once the objects it recorded are released: the used heap
 * after a full GC with the log still reachable, minus the used heap after a full GC without it.
 * Everything else the recording left behind (Guice's and the JVM's caches) is there both times,
 * so the difference is what only the log keeps alive.
 */
final class HeapPerVar {
  /**
   * One size's result.
   *
   * @param vars the vars of the log
   * @param retained the median of the retained sizes measured, in bytes
   * @param samples every retained size measured, in bytes
   */
  record Result(int vars, long retained, long[] samples) {
    double bytesPerVar() {
      return (double) retained / vars;
    }
  }

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapPerVar() {}

  static Result measure(int vars, int repeats) {
    Graph graph = Graph.ofVars(vars);
    Fixtures.record(graph); // warms up and fills the class-level caches that both readings share
    return retained(vars, repeats, () -> Fixtures.record(graph));
  }

  /**
   * Measures the heap that the injector of a replay of a recorded graph holds per var, its replay
   * module with it, as a serving process keeps them for its life: the used heap after a full GC
   * with the injector (made from {@code ReplayModule.from(json)}, every root provisioned once)
   * still reachable, minus the used heap once it is released. The document's text is reachable
   * in both readings, so it is not counted.
   */
  static Result measureReplay(int vars, int repeats) {
    Graph graph = Graph.ofVars(vars);
    // no warm-up replay: what the first one leaves in class-level caches stays after its
    // injector is released, so both of its readings hold it
    String json = Fixtures.record(graph).toJson();
    return retained(vars, repeats, () -> replay(graph, json));
  }

  /**
   * Returns the median, over {@code repeats} tries, of the used heap after full GCs with what
   * {@code make} made still reachable, minus the used heap once it is released.
   */
  private static Result retained(int vars, int repeats, Supplier<Object> make) {
    long[] samples = new long[repeats];
    for (int i = 0; i < repeats; i++) {
      Object kept = make.get();
      long with = settledUsedHeap();
      Reference.reachabilityFence(kept);
      kept = null;
      long without = settledUsedHeap();
      samples[i] = with - without;
      Reference.reachabilityFence(make); // and what it holds, in both readings
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return new Result(vars, sorted[repeats / 2], samples);
  }

  private static Injector replay(Graph graph, String json) {
    Injector injector = Guice.createInjector(ReplayModule.allowing(Graph.modelPackage()).from(json));
    for (Key<?> root : graph.roots()) {
      injector.getInstance(root);
    }
    return injector;
  }

  /** Returns the used heap once full GCs stop freeing memory. */
  private static long settledUsedHeap() {
    long previous = Long.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while measuring the heap", e);
      }
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (round >= 2 && Math.abs(previous - used) < 64 * 1024) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
