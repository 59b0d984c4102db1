package dev.aijson.hardening.canary;

import dev.aijson.hardening.Census;
import javax.inject.Inject;

/**
 * A component replay may build (it has an {@code @Inject} constructor), which no test builds: its
 * static initialiser reports to {@link Census}, so a test can show that refusing a document that
 * names it did not even initialise it.
 */
public class Silent {
  static {
    Census.initialised(Silent.class);
  }

  final int size;
  final String name;

  @Inject
  public Silent(int size, String name) {
    Census.constructed();
    this.size = size;
    this.name = name;
  }
}
