package dev.aijson.example;

import java.util.Objects;

/**
 * One labelled sentence of a review corpus.
 *
 * @param label the class name, one of the pipeline's labels
 * @param text the sentence
 */
public record Review(String label, String text) {
  /** Checks that both parts are present. */
  public Review {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(text, "text");
  }
}
