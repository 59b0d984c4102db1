package dev.aijson.example;

import java.util.List;

/** Splits text into the tokens a classifier layer reads. */
public interface Tokenizer {
  /**
   * Returns the tokens of {@code text}, in order.
   *
   * @param text any text
   * @return its tokens; empty for blank text
   */
  List<String> tokenize(String text);
}
