package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonException;
import dev.aijson.core.replay.AiJsonReplayer;
import dev.aijson.guice.ReplayModule;
import javax.inject.Inject;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 13): a key or a provider type with thousands of array dimensions
 * ({@code java.util.List<java.lang.String>[][]...}, a document of a few KB) overflowed the stack
 * in Guice's type code and in the type names' own recursion. Past the JVM's 255 dimensions a type
 * name is refused with its pointer before any recursive code sees it.
 */
class DeepTypeNamesTest {
  public static class Holder {
    @Inject
    public Holder(Provider<String> names) {}
  }

  private static final String DEEP = "java.util.List<java.lang.String>" + "[]".repeat(10_000);

  private static String withKey(String key) {
    return """
        {"aijson": 1, "vars": {
          "var0": {"kind": "constructor", "module": "dev.aijson.hardening",
            "caller": "DeepTypeNamesTest$Holder", "key": "%s",
            "signature": ["javax.inject.Provider<java.lang.String>"],
            "kwargs": {"names": {"provider": "java.lang.String"}}}}}
        """.formatted(key);
  }

  private static String withProviderKey(String key) {
    return """
        {"aijson": 1, "vars": {
          "var0": {"kind": "constructor", "module": "dev.aijson.hardening",
            "caller": "DeepTypeNamesTest$Holder",
            "signature": ["javax.inject.Provider<java.lang.String>"],
            "kwargs": {"names": {"provider": "%s"}}}}}
        """.formatted(key);
  }

  @Test
  void replayModuleFrom_keyWithTenThousandArrayDimensions_isRefusedNotAStackOverflow() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.hardening").from(withKey(DEEP)));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().contains("has more than 255 array dimensions");
    assertThat(e.getMessage().length()).isLessThan(2_000);
  }

  @Test
  void replayerOf_providerKeyWithTenThousandArrayDimensions_isRefusedNotAStackOverflow() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.hardening").of(withProviderKey(DEEP)));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/names/provider");
    assertThat(e).hasMessageThat().contains("has more than 255 array dimensions");
  }

  @Test
  void replayModuleFrom_providerKeyWithTenThousandArrayDimensions_isRefusedNotAStackOverflow() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.hardening").from(withProviderKey(DEEP)));

    assertThat(e).hasMessageThat().contains("has more than 255 array dimensions");
  }

  @Test
  void replayerOf_signatureWithTenThousandArrayDimensions_isRefused() {
    String json = withKey("dev.aijson.hardening.DeepTypeNamesTest$Holder")
        .replace("\"signature\": [\"javax.inject.Provider<java.lang.String>\"]",
            "\"signature\": [\"" + DEEP + "\"]");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.hardening").of(json));

    assertThat(e).hasMessageThat().doesNotContain(DEEP);
  }
}
