package dev.aijson.gadgets;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.aijson.hardening.Census;

/**
 * Stands for a library's Guice module with a private constructor whose {@code @Provides} method
 * starts a process from its argument: replay must neither make it through {@code setAccessible}
 * nor call it.
 */
public final class LibraryModule extends AbstractModule {
  static {
    Census.initialised(LibraryModule.class);
  }

  private LibraryModule() {
    Census.constructed();
  }

  @Provides
  ProcessBuilder process(String command) {
    Census.constructed();
    return new ProcessBuilder(command);
  }
}
