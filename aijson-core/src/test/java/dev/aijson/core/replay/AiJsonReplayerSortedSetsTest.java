package dev.aijson.core.replay;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonException;
import java.util.SortedSet;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A sorted set compares its elements as it is filled: elements of a document that cannot be
 * compared (a number and a string in a {@code SortedSet<Object>}) or a null are refused when the
 * document is checked, not at the first build.
 */
class AiJsonReplayerSortedSetsTest {
  /** Takes a sorted set of values of any type, as a feature selector's vocabulary might. */
  static final class Vocabulary {
    final SortedSet<Object> entries;

    @Inject
    Vocabulary(SortedSet<Object> entries) {
      this.entries = entries;
    }
  }

  /** Takes a sorted set of strings. */
  static final class StopWords {
    final SortedSet<String> words;

    @Inject
    StopWords(SortedSet<String> words) {
      this.words = words;
    }
  }

  private static String document(String caller, String signature, String kwargs) {
    return "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\", \"module\":"
        + " \"dev.aijson.core.replay\", \"caller\": \"AiJsonReplayerSortedSetsTest$" + caller + "\","
        + " \"signature\": [\"" + signature + "\"], \"kwargs\": " + kwargs + "}}}";
  }

  private static AiJsonException refused(String json) {
    return assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));
  }

  @Test
  void of_numberAndStringInASortedSet_isRefusedWithTheirPointerAndTheFix() {
    AiJsonException e = refused(document("Vocabulary", "java.util.SortedSet<java.lang.Object>",
        "{\"entries\": [1, \"a\"]}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/entries");
    assertThat(e).hasMessageThat().contains("a sorted set needs elements that compare with one"
        + " another, and 1 and \"a\" do not; fix the elements, or declare another collection type");
  }

  @Test
  void of_wholeNumberAndFractionInASortedSet_isRefused() {
    AiJsonException e = refused(document("Vocabulary", "java.util.SortedSet<java.lang.Object>",
        "{\"entries\": [1, 1.5]}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/entries");
  }

  @Test
  void of_nullInASortedSet_isRefused() {
    AiJsonException e = refused(document("StopWords", "java.util.SortedSet<java.lang.String>",
        "{\"words\": [\"the\", null]}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/words");
    assertThat(e).hasMessageThat().contains("a sorted set cannot hold null");
  }

  @Test
  void build_comparableElements_areSorted() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(document("Vocabulary",
        "java.util.SortedSet<java.lang.Object>", "{\"entries\": [\"b\", \"a\", \"c\"]}"));

    Vocabulary built = (Vocabulary) replayer.build("var0");

    assertThat(built.entries).containsExactly("a", "b", "c").inOrder();
  }
}
