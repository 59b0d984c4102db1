package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import dev.aijson.core.AiJsonException;
import dev.aijson.guice.ReplayModule;
import org.junit.jupiter.api.Test;

/**
 * A key's qualifier names an annotation type of the document's choosing: replay loads it without
 * initialising it, and refuses, with the key's pointer, one that cannot qualify a key.
 */
class HostileKeyQualifiersTest {
  private static final String ALLOWED = "dev.aijson.hardening.acme";

  /** Returns a document of one opaque {@code Settings} var bound to {@code key}. */
  private static String settingsKeyed(String key) {
    return "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"opaque\", \"module\":"
        + " \"dev.aijson.hardening.acme\", \"caller\": \"Settings\", \"key\": \"" + key + "\"}}}";
  }

  @Test
  void qualifierOfALibrary_whoseConstantHasSideEffects_isNotInitialised() {
    String json = settingsKeyed("@dev.aijson.hardening.canary.Primed dev.aijson.hardening.acme.Settings");

    Guice.createInjector(ReplayModule.allowing(ALLOWED).from(json));

    assertThat(Census.isInitialised("dev.aijson.hardening.canary.Primed")).isFalse();
  }

  // Regression: Guice's message was "java.lang.Deprecated is not a binding annotation. Please
  // annotate it with @BindingAnnotation.." (a fix no reader of a document can make, and two dots).
  @Test
  void qualifierThatIsAnAnnotationButNoQualifier_isRefusedWithThePointerOfTheKey() {
    String json = settingsKeyed("@java.lang.Deprecated dev.aijson.hardening.acme.Settings");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing(ALLOWED).from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().isEqualTo("var0 (dev.aijson.hardening.acme.Settings): key"
        + " \"@java.lang.Deprecated dev.aijson.hardening.acme.Settings\" cannot be rebuilt:"
        + " java.lang.Deprecated is an annotation but not a qualifier (it is annotated neither"
        + " @BindingAnnotation nor @Qualifier), so it cannot qualify a key. Fix the key at"
        + " /vars/var0/key.");
  }

  @Test
  void qualifierThatIsNoAnnotation_isRefusedWithThePointerOfTheKey() {
    String json = settingsKeyed("@java.lang.Runtime dev.aijson.hardening.acme.Settings");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing(ALLOWED).from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().contains("java.lang.Runtime is not an annotation, so it cannot"
        + " qualify a key. Fix the key at /vars/var0/key.");
  }

  @Test
  void keyTypeOfALibrary_whoseInitialiserHasSideEffects_isRefusedUninitialised() {
    String json = settingsKeyed("dev.aijson.hardening.canary.Bomb");

    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing(ALLOWED).from(json));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(Census.isInitialised("dev.aijson.hardening.canary.Bomb")).isFalse();
  }
}
