package dev.aijson.benchmarks.model;

import java.util.List;

/** An unscoped component made by the {@code @Provides} method of {@link HeadModule}, one per block. */
final class Head {
  private final Vocabulary vocabulary;
  private final List<String> labels;

  Head(Vocabulary vocabulary, List<String> labels) {
    this.vocabulary = vocabulary;
    this.labels = List.copyOf(labels);
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  List<String> labels() {
    return labels;
  }
}
