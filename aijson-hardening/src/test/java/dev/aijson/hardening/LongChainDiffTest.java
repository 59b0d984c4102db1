package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.tools.diff.AiJsonDiff;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression (issue 13): {@code AiJsonDiff.between(empty, chain)} walked each added var's whole
 * ancestor chain although only six steps are shown: 25,000 vars took 3.6 s, 100,000 took 61 s.
 * The timeout is a guard far above the linear cost, not a performance figure.
 */
class LongChainDiffTest {
  private static String chain(int length) {
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {\n");
    for (int i = 0; i < length; i++) {
      json.append(i == 0 ? "" : ",\n").append("\"var").append(i).append("\": {\"kind\": \"constructor\","
          + " \"module\": \"com.acme\", \"caller\": \"Link\", \"signature\": [\"com.acme.Link\"],"
          + " \"kwargs\": {\"previous\": ").append(i == 0 ? "null" : "\"$var" + (i - 1) + "\"").append("}}");
    }
    return json.append("}}\n").toString();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void between_emptyAndAChainOf100000Vars_placesEveryAddedVarWithoutWalkingTheChainAgain() {
    AiJsonDocument chain = AiJsonDocument.parse(chain(100_000));

    AiJsonDiff diff = AiJsonDiff.between(AiJsonDocument.parse("{\"aijson\": 1, \"vars\": {}}"), chain);

    assertThat(diff.added()).hasSize(100_000);
    assertThat(diff.report()).contains("added var0 (com.acme.Link) at /vars/var0, as Link > ... >"
        + " previous > previous > previous > previous > previous > previous\n");
  }
}
