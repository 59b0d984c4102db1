package dev.aijson.example;

import java.text.Normalizer;
import javax.inject.Inject;

/**
 * Puts text in Unicode normal form NFKC, so that look-alike characters (a full-width letter, a
 * ligature, a decomposed accent) become the characters the tokenizer learned.
 */
public final class UnicodeNormalizer implements TextNormalizer {
  /** Creates the step; it has nothing to configure. */
  @Inject
  public UnicodeNormalizer() {}

  @Override
  public String normalize(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC);
  }
}
