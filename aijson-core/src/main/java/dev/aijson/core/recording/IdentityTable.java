package dev.aijson.core.recording;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Finds the var of an object by identity without keeping the object alive: open-addressing
 * tables of the vars themselves (each a weak reference to its object) beside their objects' hash
 * codes, so that a probe reads the vars of equal hash codes only, split in segments so that a
 * segment that grows copies a thirty-second of the entries. Lookups take no lock; writes are made
 * by one thread at a time, which the caller ensures (the recorder indexes under one lock), so
 * they take none either. An entry whose object was collected stays until its segment grows,
 * which drops it.
 */
final class IdentityTable {
  private static final VarHandle VARS = MethodHandles.arrayElementVarHandle(Recorded[].class);
  private static final VarHandle HASHES = MethodHandles.arrayElementVarHandle(int[].class);
  private static final int SEGMENTS = 32;

  private final Segment[] segments = new Segment[SEGMENTS];

  IdentityTable() {
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
  }

  /** Returns the hash kept for {@code object}: never 0, which marks a free slot. */
  private static int hash(Object object) {
    int hash = System.identityHashCode(object);
    return (hash ^ (hash >>> 16)) | 0x8000_0000; // the sign bit, which no index uses
  }

  private Segment segment(int hash) {
    return segments[(hash >>> 26) & (SEGMENTS - 1)];
  }

  /** Returns the var {@code object} is tracked by, or null. */
  Recorded get(Object object) {
    int hash = hash(object);
    Table table = segment(hash).table;
    int mask = table.hashes.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int found = (int) HASHES.getAcquire(table.hashes, i);
      if (found == 0) {
        return null;
      }
      if (found == hash) {
        Recorded entry = (Recorded) VARS.getAcquire(table.vars, i);
        if (entry.get() == object) {
          return entry;
        }
      }
    }
  }

  /**
   * Tracks {@code object} by {@code var} unless it is tracked already; returns the var it is
   * tracked by. Callers hold one lock for every write; lookups may run meanwhile.
   */
  Recorded putIfAbsent(Object object, Recorded var) {
    int hash = hash(object);
    Segment segment = segment(hash);
    Table table = segment.table;
    int mask = table.hashes.length - 1;
    int i = hash & mask;
    for (int found = table.hashes[i]; found != 0; found = table.hashes[i]) {
      if (found == hash && table.vars[i].get() == object) {
        return table.vars[i];
      }
      i = (i + 1) & mask;
    }
    // the var first: a reader that sees the hash finds the var
    VARS.setRelease(table.vars, i, var);
    HASHES.setRelease(table.hashes, i, hash);
    if (++segment.used * 4 > table.hashes.length * 3) {
      segment.rebuild();
    }
    return var;
  }

  /** The slots of one segment: a hash code (0 if free) and the var in each. */
  private static final class Table {
    final int[] hashes;
    final Recorded[] vars;

    Table(int length) {
      hashes = new int[length];
      vars = new Recorded[length];
    }
  }

  private static final class Segment {
    volatile Table table = new Table(16);
    /** Slots taken, collected entries included. */
    int used;

    /**
     * Makes a new table of the live entries, twice their number, and publishes it; each
     * entry is read once (to see whether its object is alive), then placed by its kept hash.
     */
    void rebuild() {
      Table old = table;
      int[] liveHashes = new int[used];
      Recorded[] liveVars = new Recorded[used];
      int live = 0;
      for (int j = 0; j < old.vars.length; j++) {
        Recorded entry = old.vars[j];
        if (entry != null && !entry.refersTo(null)) {
          liveHashes[live] = old.hashes[j];
          liveVars[live++] = entry;
        }
      }
      int length = 16;
      while (length < live * 2) {
        length <<= 1;
      }
      Table fresh = new Table(length);
      int mask = length - 1;
      for (int k = 0; k < live; k++) {
        int i = liveHashes[k] & mask;
        while (fresh.hashes[i] != 0) {
          i = (i + 1) & mask;
        }
        fresh.hashes[i] = liveHashes[k];
        fresh.vars[i] = liveVars[k];
      }
      used = live;
      table = fresh;
    }
  }
}
