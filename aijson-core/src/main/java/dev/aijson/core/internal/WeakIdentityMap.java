package dev.aijson.core.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps objects, by identity, to values without keeping the objects alive: an entry goes once its
 * object has been collected. Thread-safe; a lookup takes no lock. A value must not reference its
 * object, or the object is never collected.
 *
 * <p>The recorder maps bound instances to the references to their vars; the Guice integration
 * maps a child injector's bindings to what it worked out for them.
 *
 * @param <V> the type of the values
 */
public final class WeakIdentityMap<V> {
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
  private final Map<Object, V> map = new ConcurrentHashMap<>();

  /** Makes an empty map. */
  public WeakIdentityMap() {}

  /**
   * Returns the value of {@code object}, or null.
   *
   * @param object the object, compared by identity
   * @return its value, or null if it has none
   */
  public V get(Object object) {
    expunge();
    return map.isEmpty() ? null : map.get(new Lookup(object));
  }

  /**
   * Maps {@code object} to {@code value}.
   *
   * @param object the object, compared by identity and referenced weakly
   * @param value its value, which must not reference it
   */
  public void put(Object object, V value) {
    expunge();
    map.put(new IdentityRef(object, queue), value);
  }

  /**
   * Maps {@code object} to {@code value} unless it is mapped already, in one lookup.
   *
   * @param object the object, compared by identity and referenced weakly
   * @param value its value, which must not reference it
   */
  public void putIfAbsent(Object object, V value) {
    expunge();
    map.putIfAbsent(new IdentityRef(object, queue), value);
  }

  /**
   * Returns how many objects not yet collected are mapped.
   *
   * @return the number of entries
   */
  public int size() {
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
