package dev.aijson.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the hardening tests leave the figures of what they tried, one JSON file per row of
 * docs/RELIABILITY.md, in {@code target/reliability} (the {@code reliability.dir} property).
 */
public final class Figures {
  private Figures() {}

  /** Returns the folder the figures go to. */
  public static Path folder() {
    return Path.of(System.getProperty("reliability.dir", "target/reliability"));
  }

  /**
   * Writes one row: the promise, what was tried and what came of it, with the numbers behind them.
   *
   * @param id a file name, ordered as the rows should be, such as {@code 2-hostile}
   * @param promise the promise checked
   * @param tried what the test did, with its counts
   * @param result what came of it
   * @param numbers the counts, by name
   */
  public static void row(String id, String promise, String tried, String result, Map<String, ?> numbers) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("promise", promise);
    row.put("tried", tried);
    row.put("result", result);
    row.put("numbers", new LinkedHashMap<>(numbers));
    row.put("at", Instant.now().toString());
    try {
      Files.createDirectories(folder());
      Files.writeString(folder().resolve(id + ".json"), Json.write(row) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends one line to a JSON-lines file, creating it if needed. */
  public static void appendLine(Path file, Map<String, ?> line) {
    try {
      Files.writeString(file, Json.write(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
