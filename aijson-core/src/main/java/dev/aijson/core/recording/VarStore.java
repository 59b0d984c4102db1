package dev.aijson.core.recording;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The vars of a recording by number, up to the cap: a number is taken with one atomic step, so
 * threads recording at once never wait for one another, and the var is stored in its chunk right
 * after. A reader waits for a var whose number is taken but not yet stored. The store also
 * counts the estimated bytes of the vars kept, beside the count of numbers taken: a var updates
 * both, and threads recording at once on other cores then pass one cache line between them, not
 * two.
 */
final class VarStore {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Recorded[].class);
  private static final int CHUNK_BITS = 10;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private static final VarHandle NEXT;
  private static final VarHandle BYTES;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEXT = lookup.findVarHandle(VarStore.class, "next", int.class);
      BYTES = lookup.findVarHandle(VarStore.class, "bytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int cap;
  /** How many numbers are taken. */
  private volatile int next;
  /** The estimated bytes of the vars kept, as the recorder counts them (see {@link #addBytes}). */
  private volatile long bytes;
  private volatile Recorded[][] chunks = new Recorded[4][];

  VarStore(int cap) {
    this.cap = cap;
  }

  /** Returns how many numbers are taken. */
  int size() {
    return next;
  }

  /**
   * Takes the next number, or returns -1 at the cap. The taker stores its var with {@link #set}
   * before it reads any var: {@link #get} of a number taken waits until its var is stored, and a
   * reader of every var up to {@link #size} would wait for this one.
   */
  int reserve() {
    for (int taken = next; ; taken = next) {
      if (taken >= cap) {
        return -1;
      }
      if (NEXT.compareAndSet(this, taken, taken + 1)) {
        return taken;
      }
    }
  }

  /** Returns the estimated bytes counted so far. */
  long bytes() {
    return bytes;
  }

  /** Sets the bytes counted to {@code updated} if they are still {@code kept}; returns whether they were. */
  boolean addBytes(long kept, long updated) {
    return BYTES.compareAndSet(this, kept, updated);
  }

  /** Stores the var of a number {@link #reserve} gave. */
  void set(int index, Recorded var) {
    SLOTS.setRelease(chunk(index >>> CHUNK_BITS), index & (CHUNK - 1), var);
    if ((index & (CHUNK - 1)) == 0) {
      // one thread, the one that took the first number of a chunk, makes the next one, so that
      // threads recording at once do not all queue for it at the boundary
      chunk((index >>> CHUNK_BITS) + 1);
    }
  }

  /** Returns the var of a taken number, waiting for it to be stored. */
  Recorded get(int index) {
    Recorded[] chunk = chunk(index >>> CHUNK_BITS);
    for (int spins = 0; ; spins++) {
      Recorded var = (Recorded) SLOTS.getAcquire(chunk, index & (CHUNK - 1));
      if (var != null) {
        return var;
      }
      if (spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
  }

  private Recorded[] chunk(int number) {
    Recorded[][] known = chunks;
    if (number < known.length) {
      Recorded[] chunk = known[number];
      if (chunk != null) {
        return chunk;
      }
    }
    return newChunk(number);
  }

  private synchronized Recorded[] newChunk(int number) {
    Recorded[][] known = chunks;
    if (number >= known.length) {
      Recorded[][] grown = new Recorded[Math.max(number + 1, known.length * 2)][];
      System.arraycopy(known, 0, grown, 0, known.length);
      known = grown;
    }
    if (known[number] == null) {
      known[number] = new Recorded[CHUNK];
    }
    chunks = known; // also publishes the new chunk to readers of the old directory
    return known[number];
  }
}
