package dev.aijson.guice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * A class loader that defines some of the tests' classes itself, as an application's class loader
 * (a web application's, a job's) defines the application's classes, with aijson, Guice and
 * Jackson in its parent; it delegates every other class to its parent.
 */
final class ApplicationLoader extends ClassLoader {
  private final Set<String> own;

  /** Defines {@code classes} (top-level classes: a nested one cannot reach its enclosing class from another loader). */
  ApplicationLoader(Class<?>... classes) {
    super(ApplicationLoader.class.getClassLoader());
    this.own = Arrays.stream(classes).map(Class::getName).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Runs {@code work} with this loader as the thread's context class loader, as an application's
   * thread runs (replay loads a document's classes with it), and returns what it returns.
   */
  <T> T asContext(Callable<T> work) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(this);
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!own.contains(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        String file = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(file)) {
          byte[] bytes = in.readAllBytes();
          loaded = defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }
}
