package dev.aijson.core.replay;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.core.AiJsonDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A parsed document shares one value among the vars (and the kwargs) that write equal numbers or
 * equal lists of scalars, and replay decodes such a value once for each type it is declared as:
 * every var still gets a collection of its own, of its parameter's kind, with elements of its
 * parameter's element type, and each number is converted to its own parameter's type.
 */
class AiJsonReplayerSharedValuesTest {
  static final class Lists {
    final List<String> labels;
    final Set<String> tags;
    final SortedSet<String> sorted;
    final List<Integer> ints;
    final List<Long> longs;

    @Inject
    Lists(List<String> labels, Set<String> tags, SortedSet<String> sorted, List<Integer> ints, List<Long> longs) {
      this.labels = labels;
      this.tags = tags;
      this.sorted = sorted;
      this.ints = ints;
      this.longs = longs;
    }
  }

  static final class Numbers {
    final int first;
    final int second;
    final long third;
    final long fourth;
    final double fifth;
    final Integer sixth;
    final short seventh;

    @Inject
    Numbers(int first, int second, long third, long fourth, double fifth, Integer sixth, short seventh) {
      this.first = first;
      this.second = second;
      this.third = third;
      this.fourth = fourth;
      this.fifth = fifth;
      this.sixth = sixth;
      this.seventh = seventh;
    }
  }

  /**
   * One number, the same object in the parsed document, for parameters of one type twice and then
   * of others: each is converted to its own parameter's type.
   */
  @Test
  void oneNumberForParametersOfManyTypes_isConvertedForEach() {
    String numbers = "\"var%d\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerSharedValuesTest$Numbers\", \"signature\": [\"int\", \"int\", \"long\","
        + " \"long\", \"double\", \"java.lang.Integer\", \"short\"], \"kwargs\": {\"first\": 7, \"second\": 7,"
        + " \"third\": 7, \"fourth\": 7, \"fifth\": 7, \"sixth\": 7, \"seventh\": 7}}";
    String json = "{\"aijson\": 1, \"vars\": {" + numbers.formatted(0) + ", " + numbers.formatted(1) + "}}";
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(json), getClass().getClassLoader(), "dev.aijson.core.replay");

    for (String name : List.of("var0", "var1")) {
      Numbers built = (Numbers) replayer.build(name);

      assertThat(List.of(built.first, built.second, built.third, built.fourth, built.fifth, built.sixth,
          built.seventh)).containsExactly(7, 7, 7L, 7L, 7.0, 7, (short) 7).inOrder();
    }
  }

  private static String var(int number) {
    return ("\"var%d\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerSharedValuesTest$Lists\", \"signature\": [\"java.util.List<java.lang.String>\","
        + " \"java.util.Set<java.lang.String>\", \"java.util.SortedSet<java.lang.String>\","
        + " \"java.util.List<java.lang.Integer>\", \"java.util.List<java.lang.Long>\"], \"kwargs\": {"
        + "\"labels\": [\"b\", \"a\", \"b\"], \"tags\": [\"b\", \"a\", \"b\"], \"sorted\": [\"b\", \"a\", \"b\"],"
        + " \"ints\": [1, 2, 3], \"longs\": [1, 2, 3]}}").formatted(number);
  }

  private static final String DOCUMENT = "{\"aijson\": 1, \"vars\": {" + var(0) + ", " + var(1) + ", " + var(2) + "}}";

  @Test
  void equalListsOfScalars_areEachDecodedAsTheirParameterDeclaresThem() {
    AiJsonDocument document = AiJsonDocument.parse(DOCUMENT);
    AiJsonReplayer replayer = AiJsonReplayer.of(document, getClass().getClassLoader(), "dev.aijson.core.replay");

    for (String name : List.of("var0", "var1", "var2")) {
      Lists lists = (Lists) replayer.build(name);

      assertThat(lists.labels).isInstanceOf(ArrayList.class);
      assertThat(lists.labels).containsExactly("b", "a", "b").inOrder();
      assertThat(lists.tags).isInstanceOf(LinkedHashSet.class);
      assertThat(lists.tags).containsExactly("b", "a").inOrder();
      assertThat(lists.sorted).isInstanceOf(TreeSet.class);
      assertThat(lists.sorted).containsExactly("a", "b").inOrder();
      assertThat(new ArrayList<Object>(lists.ints)).containsExactly(1, 2, 3).inOrder();
      assertThat(new ArrayList<Object>(lists.longs)).containsExactly(1L, 2L, 3L).inOrder();
    }
  }

  @Test
  void equalListsOfScalars_giveEachVarACollectionOfItsOwn() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(DOCUMENT), getClass().getClassLoader(), "dev.aijson.core.replay");
    Lists first = (Lists) replayer.build("var0");
    Lists second = (Lists) replayer.build("var1");

    first.labels.add("c");
    first.tags.clear();

    assertThat(second.labels).isNotSameInstanceAs(first.labels);
    assertThat(second.labels).containsExactly("b", "a", "b").inOrder();
    assertThat(second.tags).containsExactly("b", "a").inOrder();
    assertThat(((Lists) replayer.build("var0")).labels).containsExactly("b", "a", "b").inOrder();
  }
}
