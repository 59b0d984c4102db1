package dev.aijson.core.replay;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.replay.AiJsonReplayerTest.Pair;
import dev.aijson.core.replay.AiJsonReplayerTest.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * What an integration that works through the document's positions relies on: every var's
 * references at every position, in a document with more of them than the plan first makes room
 * for; building and checking a var by its position as by its name; and the position handed to
 * the reference hook.
 */
class AiJsonReplayerPositionsTest {
  private static final String MODULE = "dev.aijson.core.replay";
  private static final String OUTER = "AiJsonReplayerPositionsTest$";
  private static final String TOKENIZER = MODULE + ".AiJsonReplayerTest$Tokenizer";
  private static final int TOKENIZERS = 700;
  private static final int BUNDLES = 10;
  private static final int PAIRS = 5_000;
  private static final int FIRST_PAIR = TOKENIZERS + BUNDLES;

  static final class Bundle {
    final List<Tokenizer> parts;

    @Inject
    Bundle(List<Tokenizer> parts) {
      this.parts = parts;
    }
  }

  /**
   * {@value #TOKENIZERS} tokenizers, {@value #BUNDLES} bundles of all of them, then {@value #PAIRS}
   * pairs of two each, some of them one tokenizer twice: more references than the plan first makes
   * room for, so that it makes more while it is read.
   */
  private static String document(List<List<Integer>> expected) {
    StringBuilder json = new StringBuilder("{\"aijson\": 1, \"vars\": {");
    int var = 0;
    for (int i = 0; i < TOKENIZERS; i++, var++) {
      json.append(var == 0 ? "" : ", ").append("\"var").append(var).append("\": {\"kind\": \"constructor\",")
          .append(" \"module\": \"").append(MODULE).append("\", \"caller\": \"AiJsonReplayerTest$Tokenizer\",")
          .append(" \"signature\": [\"java.lang.String\", \"int\"], \"kwargs\": {\"file\": \"p").append(i)
          .append(".txt\", \"vocabSize\": ").append(i).append("}}");
      expected.add(List.of());
    }
    for (int b = 0; b < BUNDLES; b++, var++) {
      json.append(", \"var").append(var).append("\": {\"kind\": \"constructor\", \"module\": \"").append(MODULE)
          .append("\", \"caller\": \"").append(OUTER).append("Bundle\", \"signature\": [\"java.util.List<")
          .append(TOKENIZER).append(">\"], \"kwargs\": {\"parts\": [");
      List<Integer> all = new ArrayList<>();
      // written from the last piece to the first, each twice: the plan keeps each once, in order
      for (int i = TOKENIZERS - 1; i >= 0; i--) {
        json.append(i == TOKENIZERS - 1 ? "" : ", ").append("\"$var").append(i).append("\", \"$var").append(i).append("\"");
        all.add(0, i);
      }
      json.append("]}}");
      expected.add(all);
    }
    for (int i = 0; i < PAIRS; i++, var++) {
      int left = (i * 7) % TOKENIZERS;
      int right = i % 5 == 0 ? left : (i * 13 + 1) % TOKENIZERS;
      json.append(", \"var").append(var).append("\": {\"kind\": \"constructor\", \"module\": \"").append(MODULE)
          .append("\", \"caller\": \"AiJsonReplayerTest$Pair\", \"signature\": [\"").append(TOKENIZER)
          .append("\", \"").append(TOKENIZER).append("\"], \"kwargs\": {\"left\": \"$var").append(left)
          .append("\", \"right\": \"$var").append(right).append("\"}}");
      expected.add(List.copyOf(new TreeSet<>(List.of(left, right))));
    }
    return json.append("}}").toString();
  }

  @Test
  void referencePositions_largeDocument_eachVarsOwnInIncreasingOrder() {
    List<List<Integer>> expected = new ArrayList<>();
    AiJsonReplayer replayer = AiJsonReplayer.allowing(MODULE).of(document(expected));

    for (int position = 0; position < expected.size(); position++) {
      List<Integer> actual = new ArrayList<>();
      for (int referenced : replayer.referencePositions(position)) {
        actual.add(referenced);
      }
      assertThat(actual).isEqualTo(expected.get(position));
      List<Integer> oneByOne = new ArrayList<>();
      for (int i = 0; i < replayer.referenceCount(position); i++) {
        oneByOne.add(replayer.reference(position, i));
      }
      assertThat(oneByOne).isEqualTo(expected.get(position));
    }
    int last = expected.size() - 1;
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.reference(last, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.reference(0, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.referenceCount(last + 1));
  }

  @Test
  void build_largeDocument_followsEachVarsOwnReferences() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing(MODULE).of(document(new ArrayList<>()));

    Bundle bundle = (Bundle) replayer.build("var" + (FIRST_PAIR - 1));
    assertThat(bundle.parts).hasSize(2 * TOKENIZERS);
    assertThat(bundle.parts.get(0).file).isEqualTo("p699.txt");
    assertThat(bundle.parts.get(2 * TOKENIZERS - 1).file).isEqualTo("p0.txt");
    for (int i : new int[] {0, 1, 4_095, 4_096, PAIRS - 1}) {
      Pair pair = (Pair) replayer.build("var" + (FIRST_PAIR + i));
      assertThat(pair.left.file).isEqualTo("p" + (i * 7) % TOKENIZERS + ".txt");
      assertThat(pair.right.file).isEqualTo("p" + (i % 5 == 0 ? (i * 7) % TOKENIZERS : (i * 13 + 1) % TOKENIZERS) + ".txt");
    }
  }

  @Test
  void buildByPosition_sameAsByName_andOutOfRangeRefused() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing(MODULE).of(document(new ArrayList<>()));
    int position = replayer.document().position("var" + (FIRST_PAIR + 3));
    List<String> built = new ArrayList<>();
    ReplayHooks hooks = new ReplayHooks() {
      @Override
      public void built(AiJsonVar var, Object object) {
        built.add(var.name());
      }
    };

    Pair pair = (Pair) replayer.build(position, hooks);

    assertThat(pair.left.file).isEqualTo("p21.txt");
    assertThat(pair.right.file).isEqualTo("p40.txt");
    assertThat(built).containsExactly("var21", "var40", "var" + (FIRST_PAIR + 3)).inOrder();
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.build(-1, hooks));
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.build(FIRST_PAIR + PAIRS, hooks));
    assertThrows(NullPointerException.class, () -> replayer.build(position, null));
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.unbuildable(FIRST_PAIR + PAIRS));
    assertThat(replayer.unbuildable(position)).isNull();
  }

  @Test
  void referenceHook_isToldEachReferencedVarsPosition() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing(MODULE).of(document(new ArrayList<>()));
    AiJsonDocument document = replayer.document();
    Tokenizer supplied = new Tokenizer("supplied.txt", 1);
    List<String> asked = new ArrayList<>();

    Pair pair = (Pair) replayer.build("var" + (FIRST_PAIR + 2), new ReplayHooks() {
      @Override
      public Object reference(AiJsonVar target, int position) {
        assertThat(position).isEqualTo(document.position(target.name()));
        asked.add(target.name() + "@" + position);
        return position == 14 ? supplied : ReplayHooks.BUILD;
      }
    });

    assertThat(asked).containsExactly("var14@14", "var27@27");
    assertThat(pair.left).isSameInstanceAs(supplied);
    assertThat(pair.right.file).isEqualTo("p27.txt");
  }

  @Test
  void referenceHook_ofTheVarAlone_isStillAsked() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing(MODULE).of(document(new ArrayList<>()));
    Tokenizer supplied = new Tokenizer("supplied.txt", 1);

    Pair pair = (Pair) replayer.build("var" + (FIRST_PAIR + 2), new ReplayHooks() {
      @Override
      public Object reference(AiJsonVar target) {
        return Map.<String, Object>of("var27", supplied).getOrDefault(target.name(), ReplayHooks.BUILD);
      }
    });

    assertThat(pair.left.file).isEqualTo("p14.txt");
    assertThat(pair.right).isSameInstanceAs(supplied);
  }
}
