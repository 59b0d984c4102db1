package dev.aijson.guice;

import com.google.inject.Binding;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What is recorded for each binding, found by the binding's identity (Guice hands the same
 * binding to every provision of it, and its own equality is far dearer): an open-addressing
 * table whose lookups take no lock and allocate nothing, for one lookup per provision.
 *
 * <p>The table is kept in chunks of at most {@code 2^chunkBits} pairs, never in one array. An
 * injector of 33,000 bindings needs 131,072 pairs, which in one array is 1 MB: G1 allocates an
 * object of half a heap region or more (regions are 1 to 32 MB) as "humongous", straight into the
 * old generation, and does not reclaim a dead array of references at a young collection. Such an
 * array, holding every binding of an injector, kept each injector the program had let go of alive
 * through every young collection until a concurrent cycle: each collection copied that injector
 * and promoted it, so that the next one found yet more to copy. Chunks of 16,384 pairs are 128 KB
 * (256 KB without compressed references), young like the injector's own objects.
 *
 * @param <V> what is kept per binding
 */
final class BindingTable<V> {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  /** Pairs per chunk, as a power of two: at most 16,384 (see the class comment). */
  static final int CHUNK_BITS = 14;
  private static final int INITIAL_PAIRS = 64;

  /**
   * The pairs, a binding at {@code 2i} of its chunk and its value at {@code 2i + 1}; replaced
   * whole when the table grows, so that a reader sees one consistent layout.
   */
  private static final class Layout {
    final Object[][] chunks;
    final int mask; // pairs - 1
    final int shift; // pair index to chunk index
    final int within; // pairs per chunk - 1

    Layout(int pairs, int chunkBits) {
      int perChunk = Math.min(pairs, 1 << chunkBits);
      this.chunks = new Object[pairs / perChunk][];
      for (int c = 0; c < chunks.length; c++) {
        chunks[c] = new Object[2 * perChunk];
      }
      this.mask = pairs - 1;
      this.shift = Integer.numberOfTrailingZeros(perChunk);
      this.within = perChunk - 1;
    }

    int pairs() {
      return mask + 1;
    }
  }

  private final int chunkBits;
  private volatile Layout layout;
  private int size;

  /** Returns an empty table in chunks of {@link #CHUNK_BITS}. */
  BindingTable() {
    this(CHUNK_BITS);
  }

  /** Returns an empty table in chunks of {@code 2^chunkBits} pairs (small ones in tests). */
  BindingTable(int chunkBits) {
    this.chunkBits = chunkBits;
    this.layout = new Layout(INITIAL_PAIRS, chunkBits);
  }

  /** Returns the value put for {@code binding} (by identity), or null if there is none. */
  @SuppressWarnings("unchecked")
  V get(Binding<?> binding) {
    Layout table = layout;
    for (int i = hash(binding) & table.mask; ; i = (i + 1) & table.mask) {
      Object[] chunk = table.chunks[i >>> table.shift];
      int at = 2 * (i & table.within);
      Object found = SLOTS.getAcquire(chunk, at);
      if (found == null) {
        return null;
      }
      if (found == binding) {
        return (V) SLOTS.getAcquire(chunk, at + 1);
      }
    }
  }

  /** Makes room for {@code count} bindings in all, if the table has less. */
  synchronized void expect(int count) {
    if (count * 2 > layout.pairs() && count < (1 << 28)) {
      grow(Integer.highestOneBit(count * 2 - 1) << 1);
    }
  }

  /** Puts {@code value} for {@code binding}, replacing what was put for it before. */
  synchronized void put(Binding<?> binding, V value) {
    if ((size + 1) * 2 > layout.pairs()) { // half the pairs taken
      grow(layout.pairs() * 2);
    }
    if (insert(layout, binding, value)) {
      size++;
    }
  }

  /** Returns the length of the longest array the table holds (for tests: no chunk is humongous). */
  synchronized int longestArray() {
    int longest = layout.chunks.length;
    for (Object[] chunk : layout.chunks) {
      longest = Math.max(longest, chunk.length);
    }
    return longest;
  }

  /** Replaces the layout with one of {@code pairs} pairs (a power of two) holding the same. */
  private void grow(int pairs) {
    Layout table = layout;
    Layout grown = new Layout(pairs, chunkBits);
    for (Object[] chunk : table.chunks) {
      for (int at = 0; at < chunk.length; at += 2) {
        if (chunk[at] != null) {
          insert(grown, (Binding<?>) chunk[at], chunk[at + 1]);
        }
      }
    }
    layout = grown;
  }

  /**
   * Returns where a binding's probe starts: from its key's hash code, which Guice's keys keep,
   * rather than the binding's identity hash code, which the VM makes at the first call for each
   * binding (one call into the VM per binding of every injector). Bindings of equal keys (in
   * private modules) share a start and are told apart by identity.
   */
  private static int hash(Binding<?> binding) {
    int hash = binding.getKey().hashCode() * 0x9E3779B9;
    return hash ^ (hash >>> 16);
  }

  /** Puts a pair in {@code table}, the value first so that a reader that sees the binding finds it. */
  private static boolean insert(Layout table, Binding<?> binding, Object value) {
    for (int i = hash(binding) & table.mask; ; i = (i + 1) & table.mask) {
      Object[] chunk = table.chunks[i >>> table.shift];
      int at = 2 * (i & table.within);
      Object found = chunk[at];
      if (found == null || found == binding) {
        SLOTS.setRelease(chunk, at + 1, value);
        SLOTS.setRelease(chunk, at, binding);
        return found == null;
      }
    }
  }
}
