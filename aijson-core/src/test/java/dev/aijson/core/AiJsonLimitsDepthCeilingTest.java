package dev.aijson.core;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.replay.AiJsonReplayer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * {@link AiJsonLimits#MAX_DEPTH_CEILING}: no limits read deeper, and a document that deep is read,
 * written, walked and replayed on a thread of a small stack.
 *
 * <p>Broke: {@code withMaxDepth(3000)} let a document 3,000 levels deep in, and reading it threw
 * {@code StackOverflowError}, as did replaying and writing it.
 */
class AiJsonLimitsDepthCeilingTest {
  /** A quarter of a JVM thread's usual stack: every walk at the ceiling must fit in it. */
  private static final long SMALL_STACK = 256 * 1024;

  private static final AiJsonLimits DEEPEST = AiJsonLimits.defaults().withMaxDepth(AiJsonLimits.MAX_DEPTH_CEILING);

  /** The levels of a kwarg value at the ceiling: the document, vars, the var and kwargs are four. */
  private static final int KWARG_LEVELS = AiJsonLimits.MAX_DEPTH_CEILING - 4;

  static final class Leaf {
    @Inject
    Leaf() {}
  }

  static final class Grid {
    final List<Object> cells;

    @Inject
    Grid(List<Object> cells) {
      this.cells = cells;
    }
  }

  static final class Anything {
    final Object cells;

    @Inject
    Anything(Object cells) {
      this.cells = cells;
    }
  }

  /** Returns a document whose var1 takes {@code cells} nested {@code levels} deep around a reference to var0. */
  private static String deep(String caller, String type, int levels) {
    return "{\"aijson\": 1, \"vars\": {"
        + "\"var0\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.core\", \"caller\":"
        + " \"AiJsonLimitsDepthCeilingTest$Leaf\", \"signature\": [], \"kwargs\": {}},"
        + " \"var1\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.core\", \"caller\": \""
        + caller + "\", \"signature\": [\"" + type + "\"], \"kwargs\": {\"cells\": "
        + "[".repeat(levels) + "\"$var0\"" + "]".repeat(levels) + "}}}}";
  }

  private static String grid(int levels) {
    return deep("AiJsonLimitsDepthCeilingTest$Grid", "java.util.List<java.lang.Object>", levels);
  }

  /** Returns what {@code task} returns, run on a thread of {@link #SMALL_STACK} bytes of stack. */
  private static <T> T onSmallStack(Supplier<T> task) throws InterruptedException {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(task.get());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "small-stack", SMALL_STACK);
    thread.start();
    thread.join();
    if (failure.get() != null) {
      throw new AssertionError("failed on a thread of a 256 KiB stack", failure.get());
    }
    return result.get();
  }

  /** Returns how many lists {@code value} nests, following the first element, and what is innermost. */
  private static List<Object> unwrap(Object value) {
    int levels = 0;
    while (value instanceof List<?> list) {
      levels++;
      value = list.get(0);
    }
    List<Object> found = new ArrayList<>();
    found.add(levels);
    found.add(value);
    return found;
  }

  @Test
  void limits_depthAboveTheCeiling_isRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AiJsonLimits.defaults().withMaxDepth(AiJsonLimits.MAX_DEPTH_CEILING + 1));

    assertThat(e).hasMessageThat().isEqualTo("maxDepth=257 is above 256, the deepest nesting aijson"
        + " reads (AiJsonLimits.MAX_DEPTH_CEILING): reading, replay and writing walk nested values"
        + " recursively, and deeper ones could overflow a thread's stack. Pass a maxDepth of at most"
        + " 256.");
  }

  @Test
  void limits_depthOfIntegerMax_isRefusedByTheCeiling() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AiJsonLimits.defaults().withMaxDepth(Integer.MAX_VALUE));

    assertThat(e).hasMessageThat().startsWith("maxDepth=2147483647 is above 256,");
  }

  @Test
  void limits_depthAtTheCeiling_isAccepted() {
    assertThat(DEEPEST.maxDepth()).isEqualTo(256);
  }

  @Test
  void parse_documentAtTheCeiling_isReadAndWrittenOnASmallStack() throws InterruptedException {
    String json = grid(KWARG_LEVELS);

    AiJsonDocument read = onSmallStack(() -> {
      AiJsonDocument doc = AiJsonDocument.parse(json, DEEPEST);
      AiJsonDocument again = AiJsonDocument.parse(doc.toJson(), DEEPEST);
      assertThat(again).isEqualTo(doc);
      assertThat(again.hashCode()).isEqualTo(doc.hashCode());
      assertThat(doc.toString()).isNotEmpty();
      return doc;
    });

    assertThat(unwrap(read.var("var1").kwargs().get("cells")))
        .containsExactly(KWARG_LEVELS, AiJsonRef.to("var0")).inOrder();
  }

  @Test
  void parse_documentOneLevelPastTheCeiling_isRefusedWithoutAdvisingToRaiseTheLimit()
      throws InterruptedException {
    String json = grid(KWARG_LEVELS + 1);

    AiJsonException e = onSmallStack(
        () -> assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json, DEEPEST)));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/cells" + "/0".repeat(KWARG_LEVELS));
    assertThat(e).hasMessageThat().endsWith(" levels at " + e.path() + ", the most aijson reads."
        + " Flatten the value.");
  }

  @Test
  void parse_documentPastADefaultLimit_saysHowFarTheLimitRises() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(grid(61)));

    assertThat(e).hasMessageThat().endsWith(". Flatten the value, or raise AiJsonLimits.maxDepth"
        + " (to at most 256) if the document is trusted.");
  }

  @Test
  void values_atTheCeiling_areWalkedOnASmallStack() throws InterruptedException {
    Object cells = AiJsonDocument.parse(grid(KWARG_LEVELS), DEEPEST).var("var1").kwargs().get("cells");

    List<String> pointers = onSmallStack(() -> {
      List<String> seen = new ArrayList<>();
      AiJsonValues.forEachReference(cells, "", (ref, pointer) -> seen.add(pointer.get()));
      assertThat(AiJsonValues.toJson(cells).replaceAll("\\s", ""))
          .isEqualTo("[".repeat(KWARG_LEVELS) + "\"$var0\"" + "]".repeat(KWARG_LEVELS));
      assertThat(AiJsonValues.show(cells, null, 10)).isEqualTo("[[[[[[[...");
      return seen;
    });

    assertThat(pointers).containsExactly("/0".repeat(KWARG_LEVELS));
  }

  @Test
  void override_valueAtTheCeiling_isTakenOnASmallStack() throws InterruptedException {
    AiJsonDocument doc = AiJsonDocument.parse(grid(1), DEEPEST);
    Object cells = AiJsonRef.to("var0");
    for (int i = 0; i < KWARG_LEVELS; i++) {
      cells = List.of(cells);
    }
    Object deep = cells;

    AiJsonDocument changed = onSmallStack(() -> {
      AiJsonDocument overridden = doc.override("var1.kwargs.cells", deep);
      return AiJsonDocument.parse(overridden.toJson(), DEEPEST);
    });

    assertThat(changed).isEqualTo(AiJsonDocument.parse(grid(KWARG_LEVELS), DEEPEST));
  }

  @Test
  void replay_listKwargAtTheCeiling_isBuiltOnASmallStack() throws InterruptedException {
    AiJsonDocument doc = AiJsonDocument.parse(grid(KWARG_LEVELS), DEEPEST);

    Grid grid = onSmallStack(
        () -> (Grid) AiJsonReplayer.allowing("dev.aijson.core").of(doc).build("var1"));

    List<Object> innermost = unwrap(grid.cells);
    assertThat(innermost.get(0)).isEqualTo(KWARG_LEVELS);
    assertThat(innermost.get(1)).isInstanceOf(Leaf.class);
  }

  @Test
  void replay_objectKwargAtTheCeiling_isBuiltOnASmallStack() throws InterruptedException {
    AiJsonDocument doc = AiJsonDocument.parse(
        deep("AiJsonLimitsDepthCeilingTest$Anything", "java.lang.Object", KWARG_LEVELS), DEEPEST);

    Anything built = onSmallStack(
        () -> (Anything) AiJsonReplayer.allowing("dev.aijson.core").of(doc).build("var1"));

    List<Object> innermost = unwrap(built.cells);
    assertThat(innermost.get(0)).isEqualTo(KWARG_LEVELS);
    assertThat(innermost.get(1)).isInstanceOf(Leaf.class);
  }
}
