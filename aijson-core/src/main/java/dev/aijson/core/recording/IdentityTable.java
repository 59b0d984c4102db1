package dev.aijson.core.recording;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Finds the var of an object by identity without keeping the object alive: open-addressing
 * tables of the vars themselves (each a weak reference to its object), split in segments so that
 * threads recording at once rarely wait for one another. Lookups take no lock; an entry whose
 * object was collected stays until its segment grows, which drops it.
 */
final class IdentityTable {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Recorded[].class);
  private static final int SEGMENTS = 32;

  private final Segment[] segments = new Segment[SEGMENTS];

  IdentityTable() {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }

  private Segment segment(int hash) {
    return segments[(hash >>> 24) & (SEGMENTS - 1)];
  }

  /** Returns the var {@code object} is tracked by, or null. */
  Recorded get(Object object) {
    int hash = spread(System.identityHashCode(object));
    Recorded[] table = segment(hash).table;
    int mask = table.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Recorded entry = (Recorded) SLOTS.getAcquire(table, i);
      if (entry == null) {
        return null;
      }
      if (entry.get() == object) {
        return entry;
      }
    }
  }

  /** Tracks {@code var}'s object by {@code var} unless it is tracked already; returns the var it is tracked by. */
  Recorded putIfAbsent(Object object, Recorded var) {
    return put(object, var, false);
  }

  /** Tracks {@code var}'s object by {@code var}, in place of any var it was tracked by. */
  void put(Object object, Recorded var) {
    put(object, var, true);
  }

  private Recorded put(Object object, Recorded var, boolean replace) {
    int hash = spread(System.identityHashCode(object));
    Segment segment = segment(hash);
    synchronized (segment) {
      Recorded[] table = segment.table;
      int mask = table.length - 1;
      int i = hash & mask;
      for (Recorded entry = table[i]; entry != null; entry = table[i]) {
        if (entry.get() == object) {
          if (!replace) {
            return entry;
          }
          SLOTS.setRelease(table, i, var);
          return var;
        }
        i = (i + 1) & mask;
      }
      SLOTS.setRelease(table, i, var);
      if (++segment.used * 3 > table.length * 2) {
        segment.rebuild();
      }
      return var;
    }
  }

  private static final class Segment {
    volatile Recorded[] table = new Recorded[16];
    /** Slots taken, collected entries included. */
    int used;

    /** Makes a new table of the live entries, with room to grow, and publishes it. */
    void rebuild() {
      Recorded[] old = table;
      int live = 0;
      for (Recorded entry : old) {
        if (entry != null && entry.get() != null) {
          live++;
        }
      }
      int length = 16;
      while (length * 2 < live * 3 + 3) {
        length <<= 1;
      }
      length <<= 1;
      Recorded[] fresh = new Recorded[length];
      int mask = length - 1;
      int count = 0;
      for (Recorded entry : old) {
        Object referent = entry == null ? null : entry.get();
        if (referent != null) {
          int i = spread(System.identityHashCode(referent)) & mask;
          while (fresh[i] != null) {
            i = (i + 1) & mask;
          }
          fresh[i] = entry;
          count++;
        }
      }
      used = count;
      table = fresh;
    }
  }
}
