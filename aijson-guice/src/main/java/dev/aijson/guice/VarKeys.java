package dev.aijson.guice;

import com.google.inject.Key;
import dev.aijson.core.AiJsonDocument;

/**
 * The key each var of a document is bound to, by the var's position in the document: a
 * {@link ReplayModule} and its graph keep it for as long as the injector lives, and one entry per
 * var of a map was a fifth of what a replayed injector kept beyond Guice's own bindings.
 */
final class VarKeys {
  private final AiJsonDocument document;
  private final Key<?>[] keys;

  VarKeys(AiJsonDocument document, Key<?>[] keys) {
    this.document = document;
    this.keys = keys;
  }

  /** Returns the key var {@code name} is bound to, or null if it has none or is not a var of the document. */
  Key<?> of(String name) {
    int position = document.position(name);
    return position < 0 ? null : keys[position];
  }

  /**
   * Returns the key the var at {@code position} of the document is bound to, or null if it has
   * none: for the walks over the vars in order, which need not read each var's name (at 100,000
   * vars, reading a name scattered over the heap to find its position was a tenth of making a
   * replayed injector).
   */
  Key<?> at(int position) {
    return keys[position];
  }
}
