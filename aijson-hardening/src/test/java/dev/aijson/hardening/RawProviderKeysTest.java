package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import dev.aijson.core.AiJsonException;
import dev.aijson.guice.ReplayModule;
import dev.aijson.hardening.acme.Lazy;
import org.junit.jupiter.api.Test;

/**
 * A {@code {"provider": key}} value gives the injector's provider of the key; its type must be the
 * type the parameter provides. A raw {@code Provider} parameter declares none, and its key was
 * taken whatever it named: Guice then made any class the document named through a just-in-time
 * binding (constructor and static initialiser) when the allowed class asked the provider. A raw
 * provider provides only {@code java.lang.Object}.
 */
class RawProviderKeysTest {
  private static final String BOMB = "dev.aijson.hardening.canary.Bomb";

  private static String document(String key) {
    return "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\", \"module\":"
        + " \"dev.aijson.hardening.acme\", \"caller\": \"Lazy\", \"key\": \"dev.aijson.hardening.acme.Lazy\","
        + " \"signature\": [\"javax.inject.Provider\"], \"kwargs\": {\"provider\": {\"provider\": \""
        + key + "\"}}}}}";
  }

  @Test
  void rawProvider_keyOfALibraryClass_isRefusedAndNothingIsMade() {
    long constructed = Census.constructions();
    String json = document(BOMB);

    assertThrows(AiJsonException.class, () -> ReplayModule.allowing("dev.aijson.hardening.acme").from(json));
    // a problem inside a refused class's var: thrown once allowPackages allows the class
    assertThrows(AiJsonException.class,
        () -> ReplayModule.from(json).allowPackages("dev.aijson.hardening.acme"));

    assertThat(Census.constructions()).isEqualTo(constructed);
    assertThat(Census.isInitialised(BOMB)).isFalse();
  }

  @Test
  void rawProvider_keyOfALibraryClass_refusalNamesTheVarTheRuleTheFixAndThePointer() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.hardening.acme").from(document(BOMB)));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/provider/provider");
    assertThat(e).hasMessageThat().contains("var0 (dev.aijson.hardening.acme.Lazy): kwarg \"provider\""
        + " at /vars/var0/kwargs/provider/provider is \"" + BOMB + "\", which is not a key of"
        + " java.lang.Object, with an optional qualifier such as @com.google.inject.name.Named(\"x\")"
        + " (it names " + BOMB + ", and a raw javax.inject.Provider parameter provides only"
        + " java.lang.Object: declare the type it provides). Fix the value at"
        + " /vars/var0/kwargs/provider/provider.");
  }

  @Test
  void rawProvider_keyOfObject_isReplayed() {
    Lazy lazy = Guice.createInjector(ReplayModule.allowing("dev.aijson.hardening.acme")
        .from(document("java.lang.Object"))).getInstance(Lazy.class);

    assertThat(lazy.made.getClass()).isEqualTo(Object.class);
  }
}
