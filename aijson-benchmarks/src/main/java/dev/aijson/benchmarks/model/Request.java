package dev.aijson.benchmarks.model;

import com.google.inject.Inject;
import com.google.inject.name.Named;

/**
 * What a long-running service provisions per request: unscoped, with two constants and the
 * shared vocabulary singleton.
 */
final class Request {
  private final int width;
  private final String activation;
  private final Vocabulary vocabulary;

  @Inject
  Request(@Named("width") int width, @Named("activation") String activation, Vocabulary vocabulary) {
    this.width = width;
    this.activation = activation;
    this.vocabulary = vocabulary;
  }

  int width() {
    return width;
  }

  String activation() {
    return activation;
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }
}
