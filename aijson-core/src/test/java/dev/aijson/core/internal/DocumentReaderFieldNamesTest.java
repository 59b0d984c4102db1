package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A document keeps one string per distinct kwarg name however many vars it has: a replay keeps
 * its document for as long as the injector lives. Jackson shares field names only while its table
 * of them has room, which the var names of a large document fill.
 */
class DocumentReaderFieldNamesTest {
  /** More var names than Jackson's table of field names holds (65,536). */
  private static final int VARS = 70_000;

  @Test
  void read_ofMoreVarsThanJacksonsNameTableHolds_keepsOneStringPerKwargName() {
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {");
    for (int i = 0; i < VARS; i++) {
      json.append(i == 0 ? "" : ",").append("\"var").append(i).append("\": {\"kind\": \"constructor\","
          + " \"module\": \"acme\", \"caller\": \"Layer\", \"signature\": [\"int\", \"double\"],"
          + " \"kwargs\": {\"width\": ").append(i).append(", \"dropout\": 0.5}}");
    }
    json.append("}}");

    AiJsonDocument document = AiJsonDocument.parse(json.toString());

    Set<String> names = Collections.newSetFromMap(new IdentityHashMap<>());
    for (AiJsonVar var : document.vars()) {
      names.addAll(var.kwargs().keySet());
    }
    assertThat(document.vars()).hasSize(VARS);
    assertThat(names).hasSize(2);
    assertThat(document.var("var69999").kwargs()).containsExactly("width", 69_999L, "dropout", new BigDecimal("0.5"))
        .inOrder();
  }

  @Test
  void read_ofAValueWithMoreDistinctKeysThanAreShared_readsEveryKey() {
    int keys = 5_000;
    StringBuilder map = new StringBuilder("{");
    for (int i = 0; i < keys; i++) {
      map.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": ").append(i);
    }
    map.append("}");
    String json = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\", \"module\":"
        + " \"acme\", \"caller\": \"Table\", \"signature\": [\"java.util.Map<java.lang.String,"
        + " java.lang.Long>\"], \"kwargs\": {\"entries\": " + map + "}}}}";

    Map<?, ?> entries = (Map<?, ?>) AiJsonDocument.parse(json).var("var0").kwargs().get("entries");

    assertThat(entries).hasSize(keys);
    assertThat(entries.get("k0")).isEqualTo(0L);
    assertThat(entries.get("k4999")).isEqualTo(4_999L);
  }

  /**
   * The objects of a document share one array of member names per distinct set of names (every
   * var of a class has the same kwargs), up to a number of sets a read; past that each object
   * keeps its own, and every object reads back its own names either way.
   */
  @Test
  void read_ofObjectsWithTheSameNames_sharesOneNamesArrayAndReadsEveryObjectsOwn() throws Exception {
    int vars = 700; // 350 distinct sets of kwarg names, each twice: more sets than are shared
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {");
    for (int i = 0; i < vars; i++) {
      json.append(i == 0 ? "" : ",").append("\"var").append(i).append("\": {\"kind\": \"constructor\","
          + " \"module\": \"acme\", \"caller\": \"Layer\", \"signature\": [\"int\", \"int\"],"
          + " \"kwargs\": {\"w").append(i / 2).append("\": ").append(i).append(", \"b\": 1}}");
    }
    json.append("}}");

    AiJsonDocument document = AiJsonDocument.parse(json.toString());

    for (int i = 0; i < vars; i++) {
      assertThat(List.copyOf(document.vars().get(i).kwargs().keySet()))
          .containsExactly("w" + i / 2, "b").inOrder();
      assertThat(document.vars().get(i).kwargs().get("w" + i / 2)).isEqualTo((long) i);
    }
    Field keys = Values.DocumentMap.class.getDeclaredField("keys");
    keys.setAccessible(true);
    assertThat(keys.get(document.var("var1").kwargs())).isSameInstanceAs(keys.get(document.var("var0").kwargs()));
    assertThat(keys.get(document.var("var3").kwargs())).isNotSameInstanceAs(keys.get(document.var("var1").kwargs()));
  }
}
