package dev.aijson.hardening;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the fixtures construct and which fixture classes were initialised, so that a test
 * can show that refusing a document built nothing and initialised nothing.
 */
public final class Census {
  private static final AtomicLong CONSTRUCTED = new AtomicLong();
  private static final Set<String> INITIALISED = ConcurrentHashMap.newKeySet();

  private Census() {}

  /** Called by every fixture constructor. */
  public static void constructed() {
    CONSTRUCTED.incrementAndGet();
  }

  /** Called by the static initialiser of every fixture class that tracks initialisation. */
  public static void initialised(Class<?> type) {
    INITIALISED.add(type.getName());
  }

  /**
   * Called by the initialiser of a constant of a fixture interface or annotation that tracks
   * initialisation; returns the type's name, the constant's value.
   */
  public static String initialisedAs(Class<?> type) {
    initialised(type);
    return type.getName();
  }

  /** Returns how many fixture objects were constructed so far in this JVM. */
  public static long constructions() {
    return CONSTRUCTED.get();
  }

  /** Returns whether the static initialiser of the named class has run. */
  public static boolean isInitialised(String className) {
    return INITIALISED.contains(className);
  }
}
