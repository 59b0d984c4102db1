package dev.aijson.example;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How LabelReader reads labelled corpora. */
class LabelReaderTest {
  private final LabelReader reader = new LabelReader(SentimentModule.LABELS);

  @TempDir Path folder;

  @Test
  void shippedCorpora_read_atLeast600SentencesInThreeClasses() {
    List<Review> train = reader.read(SentimentModule.TRAINING_FILE);
    List<Review> test = reader.read(SentimentModule.TEST_FILE);

    assertThat(train.size() + test.size()).isAtLeast(600);
    assertThat(test.stream().map(Review::label).distinct().toList())
        .containsExactlyElementsIn(SentimentModule.LABELS);
    assertThat(train.stream().map(Review::text).toList())
        .containsNoneIn(test.stream().map(Review::text).toList());
  }

  @Test
  void labelledLine_read_splitsAtFirstTab() throws IOException {
    Path file = folder.resolve("one.tsv");
    Files.write(file, List.of("neutral\tIt is blue.", ""));

    assertThat(reader.read(file.toString())).containsExactly(new Review("neutral", "It is blue."));
  }

  @Test
  void unknownLabel_read_throwsNamingLineAndLabels() throws IOException {
    Path file = folder.resolve("bad.tsv");
    Files.write(file, List.of("neutral\tIt is blue.", "great\tLove it."));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.read(file.toString()));

    assertThat(e).hasMessageThat().isEqualTo(file + " line 2: \"great\" is not one of the labels"
        + " [positive, negative, neutral]. Start each line with a label, then a tab, then the sentence.");
  }

  @Test
  void repeatedLabel_throws() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> new LabelReader(List.of("a", "a")));

    assertThat(e).hasMessageThat().isEqualTo("labels must be at least two distinct names, not [a, a]");
  }
}
