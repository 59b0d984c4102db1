package dev.aijson.core.recording;

import dev.aijson.core.internal.NullArguments;
import java.util.List;

/**
 * An argument value that is a list whose elements are encoded one by one, each as any argument
 * value is (a JSON value, a reference, a {@link Bound} instance, an {@link Unobserved} value):
 * written as a JSON array. The elements of a Guice multibinding are passed this way.
 *
 * <p>Part of the recording SPI: what an integration (such as aijson-guice) hands to {@link
 * AiJsonRecorder#record}. Not needed to read or replay documents.
 *
 * @param values the elements, in order; an element may be null
 */
public record Elements(List<Object> values) {
  /**
   * Copies the elements, keeping nulls.
   *
   * @param values the elements, in order; an element may be null
   * @throws NullPointerException if {@code values} is null
   */
  public Elements {
    values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(
        NullArguments.check(values, "Elements", "values", "Pass the elements, or an empty list.")));
  }
}
