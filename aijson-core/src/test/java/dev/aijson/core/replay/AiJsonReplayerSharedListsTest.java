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
 * A parsed document shares one list among the vars (and the kwargs) that write equal lists of
 * scalars, and replay decodes such a list once for each collection kind and element type it is
 * declared as: every var still gets a collection of its own, of its parameter's kind, with
 * elements of its parameter's element type.
 */
class AiJsonReplayerSharedListsTest {
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

  private static String var(int number) {
    return ("\"var%d\": {\"kind\": \"constructor\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerSharedListsTest$Lists\", \"signature\": [\"java.util.List<java.lang.String>\","
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
