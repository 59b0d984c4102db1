package dev.aijson.example;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * Holds the class names of the pipeline and reads labelled corpus files, checking every label.
 *
 * <p>A corpus file has one review a line: the label, a tab, the sentence. Blank lines are
 * skipped.
 *
 * <pre>{@code
 * LabelReader reader = new LabelReader(List.of("positive", "negative", "neutral"));
 * List<Review> reviews = reader.read("reviews/test.tsv");
 * }</pre>
 */
@Singleton
public final class LabelReader {
  private final List<String> labels;

  /**
   * Creates a reader for the given classes.
   *
   * @param labels the class names, in the order scores are reported
   */
  @Inject
  public LabelReader(@Named("labels") List<String> labels) {
    if (labels.size() < 2 || labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("labels must be at least two distinct names, not " + labels);
    }
    this.labels = List.copyOf(labels);
  }

  /** Returns the class names, in the order scores are reported. */
  public List<String> labels() {
    return labels;
  }

  /**
   * Reads a labelled corpus.
   *
   * @param file a file or class-path resource of {@code label<TAB>sentence} lines
   * @return the reviews, in file order
   * @throws IllegalArgumentException naming the line, if a line has no tab or an unknown label
   */
  public List<Review> read(String file) {
    List<String> lines = CorpusFiles.lines(file);
    List<Review> reviews = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      String label = tab < 0 ? "" : line.substring(0, tab);
      if (!labels.contains(label)) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": \"" + (tab < 0 ? line : label) + "\" is not one of the"
                + " labels " + labels + ". Start each line with a label, then a tab, then the sentence.");
      }
      reviews.add(new Review(label, line.substring(tab + 1)));
    }
    return reviews;
  }
}
