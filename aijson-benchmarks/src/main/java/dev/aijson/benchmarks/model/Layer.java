package dev.aijson.benchmarks.model;

import com.google.inject.Inject;
import com.google.inject.name.Named;

/** An unscoped component made by its {@code @Inject} constructor, one per block. */
final class Layer {
  private final Vocabulary vocabulary;
  private final double dropout;
  private final String activation;

  @Inject
  Layer(Vocabulary vocabulary, @Named("dropout") double dropout, @Named("activation") String activation) {
    this.vocabulary = vocabulary;
    this.dropout = dropout;
    this.activation = activation;
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  double dropout() {
    return dropout;
  }

  String activation() {
    return activation;
  }
}
