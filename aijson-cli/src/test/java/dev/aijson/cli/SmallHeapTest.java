package dev.aijson.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.testing.CommandRun;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: a document too large for the JVM's heap (a million vars under {@code -Xmx512m})
 * ended the command with {@code java.lang.OutOfMemoryError} and its stack trace. The command, run
 * in a JVM of its own with a small heap, says which file is too large and how to give it more.
 */
class SmallHeapTest {
  @TempDir static Path folder;
  private static Path large;

  @BeforeAll
  static void writeLargeDocument() throws IOException {
    large = folder.resolve("large.json");
    try (Writer out = Files.newBufferedWriter(large, StandardCharsets.UTF_8)) {
      out.write("{\"aijson\": 1, \"vars\": {\n");
      int vars = 200_000;
      for (int i = 0; i < vars; i++) {
        out.write("\"var" + i + "\": {\"kind\": \"constructor\", \"module\": \"com.acme\","
            + " \"caller\": \"Layer\", \"signature\": [\"int\"], \"kwargs\": {\"width\": " + i
            + "}}" + (i < vars - 1 ? ",\n" : "\n"));
      }
      out.write("}}\n");
    }
  }

  private static CommandRun runWithHeap(String heap, String... args)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx" + heap,
        "-XX:-HeapDumpOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
        AiJsonCli.class.getName()));
    command.addAll(List.of(args));
    return CommandRun.ofProcess(command.toArray(new String[0]));
  }

  @Test
  void validate_documentTooLargeForTheHeap_saysSoWithTheFixAndNoTrace() throws Exception {
    Path out = folder.resolve("params.tsv");
    Files.writeString(out, "earlier\n");

    CommandRun validate = runWithHeap("48m", "validate", "--schema-only", large.toString());
    CommandRun params = runWithHeap("48m", "params", large.toString(), "-o", out.toString());

    for (CommandRun run : List.of(validate, params)) {
      assertThat(run.err()).doesNotContain("\tat ");
      assertThat(run.err()).doesNotContain("OutOfMemoryError");
      assertThat(run.err()).contains(": ran out of memory: " + large + " is too large for this"
          + " JVM's heap of ");
      assertThat(run.err()).contains("Run it again with a larger heap, such as AIJSON_JAVA_OPTS=-Xmx2g");
      assertThat(run.code()).isEqualTo(2);
    }
    assertThat(validate.err()).startsWith("aijson validate: ran out of memory");
    assertThat(Files.readString(out)).isEqualTo("earlier\n");
    try (var files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactly("large.json", "params.tsv");
    }
  }

  /** Regression: the schema check read the whole document as one tree, several times its text. */
  @Test
  void validateSchemaOnly_documentOfAFifthOfItsHeap_isCheckedVarByVar() throws Exception {
    CommandRun run = runWithHeap("128m", "validate", "--schema-only", large.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith(large + " matches the JSON Schema of aijson format 1: 200000"
        + " vars; no class was loaded.");
    assertThat(run.code()).isEqualTo(0);
  }

  @Test
  void show_sameDocumentWithEnoughHeap_runsToTheEnd() throws Exception {
    CommandRun run = runWithHeap("512m", "show", large.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("large.json: 200000 vars\n");
    assertThat(run.code()).isEqualTo(0);
  }
}
