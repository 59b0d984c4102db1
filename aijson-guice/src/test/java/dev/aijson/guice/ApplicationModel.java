package dev.aijson.guice;

import com.google.inject.Inject;
import com.google.inject.name.Named;

/**
 * A component that {@link ThreadRetentionTest} loads with a class loader of its own, as an
 * application's class loader defines its classes; a top-level class, since a class of another
 * loader cannot reach a nested class's enclosing one.
 */
public class ApplicationModel {
  /** The constant it was built with. */
  public final int vocabSize;

  /** Takes the vocabulary size. */
  @Inject
  public ApplicationModel(@Named("vocabSize") int vocabSize) {
    this.vocabSize = vocabSize;
  }
}
