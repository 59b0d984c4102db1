package dev.aijson.example;

/**
 * One preprocessing step applied to every sentence before it is tokenized, in training and in
 * serving alike. The pipeline's steps are bound in a Guice {@code Multibinder}, in order.
 *
 * <pre>{@code
 * Multibinder<TextNormalizer> steps = Multibinder.newSetBinder(binder(), TextNormalizer.class);
 * steps.addBinding().to(UnicodeNormalizer.class);
 * steps.addBinding().to(RepeatLimiter.class);
 * }</pre>
 */
public interface TextNormalizer {
  /**
   * Returns {@code text} after this step.
   *
   * @param text a sentence
   * @return the normalized sentence
   */
  String normalize(String text);
}
