package dev.aijson.benchmarks.model;

import com.google.inject.Inject;
import com.google.inject.name.Named;

/**
 * A root of the graph, bound under its own {@code @Named("blockN")} key: the shared vocabulary,
 * a new layer and head, and a constant.
 */
final class Block {
  private final Vocabulary vocabulary;
  private final Layer layer;
  private final Head head;
  private final int width;

  @Inject
  Block(Vocabulary vocabulary, Layer layer, Head head, @Named("width") int width) {
    this.vocabulary = vocabulary;
    this.layer = layer;
    this.head = head;
    this.width = width;
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  Layer layer() {
    return layer;
  }

  Head head() {
    return head;
  }

  int width() {
    return width;
  }
}
