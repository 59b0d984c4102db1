package dev.aijson.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the text files the pipeline learns from: a path on disk if one exists, else a resource
 * on the class path, so that a recorded name such as {@code reviews/train.tsv} resolves the same
 * way in training and in serving.
 */
final class CorpusFiles {
  private CorpusFiles() {}

  static List<String> lines(String name) {
    try {
      Path path = Path.of(name);
      if (Files.isRegularFile(path)) {
        return Files.readAllLines(path, StandardCharsets.UTF_8);
      }
      InputStream in = CorpusFiles.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IllegalArgumentException(
            "No file or class-path resource named \"" + name + "\". Pass a path to an existing"
                + " file or the name of a resource such as reviews/train.tsv.");
      }
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return reader.lines().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read \"" + name + "\": " + e.getMessage(), e);
    }
  }
}
