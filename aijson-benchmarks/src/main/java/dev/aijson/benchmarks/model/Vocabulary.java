package dev.aijson.benchmarks.model;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.inject.name.Named;

/** The one singleton of a graph: every layer, head and block references it. */
@Singleton
final class Vocabulary {
  private final int size;
  private final String corpus;

  @Inject
  Vocabulary(@Named("vocabSize") int size, @Named("corpus") String corpus) {
    this.size = size;
    this.corpus = corpus;
  }

  int size() {
    return size;
  }

  String corpus() {
    return corpus;
  }
}
