package dev.aijson.example;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How SubwordTokenizer learns its vocabulary and splits text. */
class SubwordTokenizerTest {
  @TempDir Path folder;

  private String corpus(String... lines) throws IOException {
    Path file = Files.createTempFile(folder, "corpus", ".txt");
    Files.write(file, List.of(lines));
    return file.toString();
  }

  @Test
  void sameCorpus_learnedTwice_sameVocabularyAndMerges() {
    SubwordTokenizer first = new SubwordTokenizer(SentimentModule.TRAINING_FILE, 600);
    SubwordTokenizer second = new SubwordTokenizer(SentimentModule.TRAINING_FILE, 600);

    assertThat(second.vocabulary()).containsExactlyElementsIn(first.vocabulary()).inOrder();
    assertThat(second.merges()).containsExactlyElementsIn(first.merges()).inOrder();
  }

  @Test
  void shippedCorpus_vocabSize600_vocabularyHasExactly600Symbols() {
    SubwordTokenizer tokenizer = new SubwordTokenizer(SentimentModule.TRAINING_FILE, 600);

    assertThat(tokenizer.vocabulary()).hasSize(600);
    assertThat(tokenizer.vocabulary()).containsNoDuplicates();
  }

  @Test
  void frequentWord_learned_isOneToken() throws IOException {
    SubwordTokenizer tokenizer = new SubwordTokenizer(corpus("good good good", "goods"), 100);

    assertThat(tokenizer.tokenize("Good!")).containsExactly("good</w>", "!</w>").inOrder();
  }

  @Test
  void equalPairCounts_tieBrokenBySortOrder() throws IOException {
    SubwordTokenizer forwards = new SubwordTokenizer(corpus("ba ba dc dc"), 100);
    SubwordTokenizer backwards = new SubwordTokenizer(corpus("dc dc ba ba"), 100);

    assertThat(forwards.merges()).containsExactly("b a</w>", "d c</w>").inOrder();
    assertThat(backwards.merges()).containsExactlyElementsIn(forwards.merges()).inOrder();
  }

  @Test
  void pairSeenOnce_notMerged_vocabularyStopsShort() throws IOException {
    SubwordTokenizer tokenizer = new SubwordTokenizer(corpus("ab"), 100);

    assertThat(tokenizer.merges()).isEmpty();
    assertThat(tokenizer.vocabulary()).containsExactly("a", "b</w>").inOrder();
  }

  @Test
  void labelledLines_learned_onlyTextAfterTabCounts() throws IOException {
    SubwordTokenizer tokenizer = new SubwordTokenizer(corpus("positive\tab", "negative\tab"), 100);

    assertThat(tokenizer.vocabulary()).containsExactly("a", "b</w>", "ab</w>").inOrder();
  }

  @Test
  void anyText_tokenized_tokensSpellItsWords() {
    SubwordTokenizer tokenizer = new SubwordTokenizer(SentimentModule.TRAINING_FILE, 300);
    String text = "Unheard-of zyxwv headphones, it's GREAT";

    String spelled = String.join("", tokenizer.tokenize(text)).replace(SubwordTokenizer.END, " ").trim();

    assertThat(spelled).isEqualTo(String.join(" ", SubwordTokenizer.words(text)));
  }

  @Test
  void vocabSizeZero_throws() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> new SubwordTokenizer(SentimentModule.TRAINING_FILE, 0));

    assertThat(e).hasMessageThat().isEqualTo("vocabSize must be positive, not 0");
  }

  @Test
  void missingCorpus_throwsNamingIt() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> new SubwordTokenizer("no/such/corpus.tsv", 10));

    assertThat(e).hasMessageThat().contains("No file or class-path resource named \"no/such/corpus.tsv\"");
  }
}
