package dev.aijson.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists a folder, for tests that check a write left no other file behind (a temporary file, a
 * partial copy).
 *
 * <pre>{@code
 * log.writeTo(folder.resolve("pipeline.json"));
 * assertThat(FolderContents.names(folder)).containsExactly("pipeline.json");
 * }</pre>
 */
public final class FolderContents {
  private FolderContents() {}

  /** Returns the names of the files and folders directly in {@code folder}, sorted. */
  public static List<String> names(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
