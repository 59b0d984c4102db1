package dev.aijson.example;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the pipeline says about one sentence.
 *
 * @param label the predicted class
 * @param scores the probability of every class, in the pipeline's label order
 */
public record Prediction(String label, Map<String, Double> scores) {
  /** Checks the parts and copies the scores, keeping their order. */
  public Prediction {
    Objects.requireNonNull(label, "label");
    scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
  }

  /**
   * Returns this prediction as one exact line of text: the label, then every score written so
   * that reading it back gives the same double. Two predictions are identical when their lines
   * are.
   */
  public String exact() {
    return label + "\t" + scores.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }
}
