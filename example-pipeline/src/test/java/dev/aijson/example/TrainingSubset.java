package dev.aijson.example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the first lines of the shipped training corpus to a file, so that tests train fast. */
final class TrainingSubset {
  private TrainingSubset() {}

  static String write(Path folder, int lines) throws IOException {
    List<String> all = CorpusFiles.lines(SentimentModule.TRAINING_FILE);
    Path file = folder.resolve("train-" + lines + ".tsv");
    Files.write(file, all.subList(0, Math.min(lines, all.size())));
    return file.toString();
  }
}
