package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.replay.AiJsonReplayer;
import dev.aijson.guice.ReplayModule;
import dev.aijson.hardening.acme.Service;
import dev.aijson.hardening.canary.Vault;
import org.junit.jupiter.api.Test;

/**
 * Jackson makes a configuration bean from its properties' values by writing them out first, so a
 * reference inside a bean would have Jackson call every getter of the referenced object: a
 * document could have replay read an object serving code bound (a data source's
 * getConnection) or the injector itself. The recorder never writes a reference inside a bean,
 * and replay refuses one. Regression: such a reference was taken and the object's getters run.
 */
class BeanPropertyReferencesTest {
  private static String document(String extra) {
    return "{\"aijson\": 1, \"vars\": {"
        + "\"var0\": {\"kind\": \"opaque\", \"module\": \"dev.aijson.hardening.canary\", \"caller\":"
        + " \"Vault\", \"key\": \"dev.aijson.hardening.canary.Vault\"},"
        + "\"var1\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.hardening.acme\", \"caller\":"
        + " \"Service\", \"key\": \"dev.aijson.hardening.acme.Service\", \"signature\":"
        + " [\"dev.aijson.hardening.acme.Settings\"], \"kwargs\": {\"settings\": {\"extra\": " + extra + "}}}}}";
  }

  @Test
  void allowedBean_referenceInAProperty_isRefusedAndNoGetterRuns() {
    for (String extra : new String[] {"\"$var0\"", "{\"a\": [1, \"$var0\"]}"}) {
      String json = document(extra);

      assertThrows(AiJsonException.class,
          () -> ReplayModule.allowing("dev.aijson.hardening.acme").from(json), json);
      // a problem inside a refused class's var: thrown once allowPackages allows the class
      assertThrows(AiJsonException.class,
          () -> ReplayModule.from(json).allowPackages("dev.aijson.hardening.acme"), json);
      assertThrows(AiJsonException.class,
          () -> AiJsonReplayer.allowing("dev.aijson.hardening.acme").of(json).build(), json);
    }

    assertThat(Vault.isOpened()).isFalse();
  }

  @Test
  void allowedBean_referenceInAProperty_refusalNamesTheVarTheRuleTheFixAndThePointer() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> ReplayModule.allowing("dev.aijson.hardening.acme").from(document("{\"a\": [1, \"$var0\"]}")));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/settings/extra/a/1");
    assertThat(e).hasMessageThat().contains("var1 (dev.aijson.hardening.acme.Service): kwarg"
        + " \"settings\" at /vars/var1/kwargs/settings/extra/a/1 is \"$var0\", which is not a JSON"
        + " value: a bean's properties, at any depth, are values, never references, since Jackson"
        + " would read the referenced object through its getters to make bean"
        + " dev.aijson.hardening.acme.Settings; write the value itself. Fix the value at"
        + " /vars/var1/kwargs/settings/extra/a/1.");
  }

  @Test
  void allowedBean_valuesInAProperty_areReplayed() {
    Service service = Guice.createInjector(
            ReplayModule.allowing("dev.aijson.hardening.acme").from(document("{\"a\": [1, \"x\"]}")))
        .getInstance(Service.class);

    assertThat(service.settings.getExtra().toString()).isEqualTo("{a=[1, x]}");
  }
}
