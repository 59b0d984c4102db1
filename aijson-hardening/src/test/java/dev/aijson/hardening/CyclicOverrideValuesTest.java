package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 13): {@code override(path, v)} with a list or map that contains itself, or
 * nested 100,000 deep, overflowed the stack before any depth budget was checked; a long override
 * path took quadratic time.
 */
class CyclicOverrideValuesTest {
  private static final AiJsonDocument DOCUMENT = AiJsonDocument.parse("""
      {"aijson": 1, "vars": {
        "var0": {"kind": "constructor", "module": "com.acme", "caller": "Tokenizer",
          "signature": ["java.util.List<java.lang.Object>"], "kwargs": {"words": []}}}}
      """);

  @Test
  void override_listContainingItself_isRefusedWithItsPointer() {
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> DOCUMENT.override("var0.kwargs.words", cycle));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/words");
    assertThat(e).hasMessageThat().contains("nests lists, maps, arrays and records deeper than 252 levels, the most a document"
        + " holds there (below /vars/var0/kwargs/words, with AiJsonLimits.maxDepth at its ceiling,"
        + " 256), or contains itself");
  }

  @Test
  void override_mapContainingItself_isRefused() {
    Map<String, Object> cycle = new HashMap<>();
    cycle.put("self", cycle);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> DOCUMENT.override("var0.kwargs.words", cycle));

    assertThat(e).hasMessageThat().contains("or contains itself");
  }

  @Test
  void override_listNested100000Deep_isRefusedNotAStackOverflow() {
    List<Object> deep = new ArrayList<>();
    List<Object> current = deep;
    for (int i = 0; i < 100_000; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> DOCUMENT.override("var0.kwargs.words", deep));

    assertThat(e).hasMessageThat().contains("deeper than 252 levels");
  }

  /** Broke: past 32 levels (the recorder's bound) the value was refused as "not a JSON value". */
  @Test
  void override_valueNested252Deep_isStillTaken() {
    List<Object> deep = new ArrayList<>();
    List<Object> current = deep;
    for (int i = 1; i < 252; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }

    assertThat(DOCUMENT.override("var0.kwargs.words", deep).var("var0").kwargs().get("words"))
        .isInstanceOf(List.class);
  }

  /** Regression: an override path of 40,000 segments took 43 s (quadratic key joining). */
  @Test
  void override_pathOf40000Segments_isRefusedAtOnceWithAShortMessage() {
    String path = "var0.kwargs.words" + ".0".repeat(40_000);

    AiJsonException e = assertThrows(AiJsonException.class, () -> DOCUMENT.override(path, 1));

    assertThat(e).hasMessageThat().contains("the path has 40003 parts, but no node of a document lies"
        + " deeper than 252 levels below an argument");
    assertThat(e.getMessage().length()).isLessThan(500);
  }
}
