package dev.aijson.guice;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.inject.Injector;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import java.util.List;

/** Reads back what an injector recorded, for tests. */
final class Documents {
  private Documents() {}

  /** Returns the injector's document, parsed back from its JSON so the JSON itself is checked. */
  static AiJsonDocument of(Injector injector) {
    return AiJsonDocument.parse(injector.getInstance(AiJsonLog.class).toJson());
  }

  /** Returns the only var whose caller is {@code caller}. */
  static AiJsonVar only(AiJsonDocument document, String caller) {
    List<AiJsonVar> found = all(document, caller);
    assertWithMessage("vars with caller %s in\n%s", caller, document.toJson()).that(found).hasSize(1);
    return found.get(0);
  }

  /** Returns every var whose caller is {@code caller}, in order. */
  static List<AiJsonVar> all(AiJsonDocument document, String caller) {
    return document.vars().stream().filter(v -> v.caller().equals(caller)).toList();
  }
}
