package dev.aijson.core.recording;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps objects, by identity, to values (the references to their vars) without keeping them
 * alive. Not thread-safe: the recorder guards it.
 *
 * @param <V> the type of the values
 */
final class WeakIdentityMap<V> {
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private final Map<Object, V> map = new HashMap<>();

  V get(Object object) {
    expunge();
    return map.get(new Lookup(object));
  }

  void put(Object object, V value) {
    expunge();
    map.put(new IdentityRef(object, queue), value);
  }

  /** Maps {@code object} to {@code value} unless it is mapped already, in one lookup. */
  void putIfAbsent(Object object, V value) {
    expunge();
    map.putIfAbsent(new IdentityRef(object, queue), value);
  }

  int size() {
    expunge();
    return map.size();
  }

  private void expunge() {
    for (Object stale = queue.poll(); stale != null; stale = queue.poll()) {
      map.remove(stale);
    }
  }

  /**
   * The stored key: equal to itself, to another key of the same live object (so that {@link
   * #putIfAbsent} finds it) and to a {@link Lookup} of that object.
   */
  private static final class IdentityRef extends WeakReference<Object> {
    private final int hash;

    IdentityRef(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      Object referent = get();
      return referent != null && other instanceof IdentityRef that && that.get() == referent;
    }
  }

  /** The probe: HashMap calls {@code probe.equals(storedKey)}, so identity is checked here. */
  private static final class Lookup {
    private final Object object;

    Lookup(Object object) {
      this.object = object;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(object);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof IdentityRef ref && ref.get() == object;
    }
  }
}
