package dev.aijson.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aijson.testing.CommandRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression (issue 13): {@code show} on /dev/zero or a 20 MB fan-in document printed stack
 * traces and exited 1, the code of an invalid document. Every command, on every kind of input it
 * cannot read, exits 2 with one line on standard error and nothing on standard output; on a
 * large valid document it runs to the end without a stack trace.
 */
class UnreadableInputTest {
  @TempDir static Path folder;
  private static Path pipeline;
  private static Path fanIn;

  /** Each command, given the document to read. */
  private static final List<Command> COMMANDS = List.of(
      new Command("show", file -> new String[] {"show", file}),
      new Command("validate", file -> new String[] {"validate", file}),
      new Command("diff", file -> new String[] {"diff", file, pipeline.toString()}),
      new Command("diff (second)", file -> new String[] {"diff", pipeline.toString(), file}),
      new Command("params", file -> new String[] {"params", file}),
      new Command("dot", file -> new String[] {"dot", file}),
      new Command("mermaid", file -> new String[] {"mermaid", file}),
      new Command("codegen", file -> new String[] {"codegen", "--package", "a", "--class", "B", file}),
      new Command("set", file -> new String[] {"set", file, "var0.kwargs.vocabSize=1"}));

  record Command(String name, Function<String, String[]> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void writeInputs() throws IOException {
    pipeline = Files.writeString(folder.resolve("pipeline.json"), AiJsonCliTest.PIPELINE);
    Files.createDirectories(folder.resolve("a-folder.json"));
    Files.writeString(folder.resolve("empty.json"), "");
    Files.writeString(folder.resolve("blank.json"), " \n\t\n");
    Files.write(folder.resolve("latin1.json"), new byte[] {'{', (byte) 0xE9, '}'});
    Files.write(folder.resolve("utf16.json"), AiJsonCliTest.PIPELINE.getBytes(java.nio.charset.StandardCharsets.UTF_16));
    // past the size limit (256 Mi characters) by its size alone; sparse, so it takes no disk
    try (RandomAccessFile file = new RandomAccessFile(folder.resolve("huge.json").toFile(), "rw")) {
      file.setLength(1L << 30);
    }
    fanIn = folder.resolve("fan-in.json");
    StringBuilder json = new StringBuilder("{\n  \"aijson\": 1,\n  \"vars\": {\n");
    int sources = 150_000;
    StringBuilder references = new StringBuilder();
    for (int i = 0; i < sources; i++) {
      json.append("    \"var").append(i).append("\": {\"kind\": \"opaque\", \"module\": \"com.acme\","
          + " \"caller\": \"Source\", \"key\": \"@com.google.inject.name.Named(\\\"s")
          .append(i).append("\\\") com.acme.Source\"},\n");
      references.append(i == 0 ? "" : ", ").append("\"$var").append(i).append('"');
    }
    json.append("    \"var").append(sources).append("\": {\"kind\": \"constructor\", \"module\":"
        + " \"com.acme\", \"caller\": \"Sink\", \"signature\": [\"java.util.List<com.acme.Source>\"],"
        + " \"kwargs\": {\"sources\": [").append(references).append("]}}\n  }\n}\n");
    Files.writeString(fanIn, json);
  }

  static Stream<Arguments> unreadable() {
    List<Arguments> cases = new ArrayList<>();
    for (Command command : COMMANDS) {
      cases.add(Arguments.of(command, "missing.json", "does not exist. Check the path."));
      cases.add(Arguments.of(command, "a-folder.json", "is a folder, not a file."));
      cases.add(Arguments.of(command, "empty.json", "is empty. Pass an aijson document"));
      cases.add(Arguments.of(command, "blank.json", "is empty (white space only)."));
      cases.add(Arguments.of(command, "latin1.json", "is not UTF-8 text"));
      // regression: was "is not UTF-8 text: it holds a byte sequence UTF-8 does not allow"
      cases.add(Arguments.of(command, "utf16.json", "is UTF-16 (big-endian) text (it starts with that"
          + " encoding's byte order mark), but an aijson document is UTF-8 without a byte order mark"));
      cases.add(Arguments.of(command, "huge.json", "has more than 268435456 characters, the limit of an"
          + " aijson document (AiJsonLimits.maxChars): it is 1073741824 bytes long; it was not read"));
      cases.add(Arguments.of(command, "/dev/zero", "has more than 268435456 characters, the limit of"
          + " an aijson document (AiJsonLimits.maxChars); it was not read further"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("unreadable")
  void command_unreadableInput_exits2WithOneLineAndNoTrace(Command command, String input, String says) {
    Path file = input.startsWith("/") ? Path.of(input) : folder.resolve(input);
    assumeTrue(!input.startsWith("/") || Files.exists(file), input + " does not exist here");

    CommandRun run = AiJsonCliTest.run(command.args().apply(file.toString()));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("aijson " + command.args().apply("")[0] + ": " + file + " ");
    assertThat(run.err()).contains(says);
    assertWithMessage("one line").that(run.err().strip()).doesNotContain("\n");
  }

  static Stream<Command> commands() {
    return COMMANDS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void command_twentyMegabyteFanIn_runsToTheEndWithoutATrace(Command command) throws IOException {
    assertThat(Files.size(fanIn)).isAtLeast(20_000_000L);

    CommandRun run = AiJsonCliTest.run(command.args().apply(fanIn.toString()));

    // 0, or 1 where classes are checked (com.acme is not on the class path) or documents differ
    assertThat(run.code()).isAnyOf(0, 1);
    assertThat(run.err()).doesNotContain("\tat ");
    assertThat(run.err()).doesNotContain("Exception in");
    if (run.code() == 1 && !command.name().startsWith("diff")) {
      assertThat(run.err()).startsWith("aijson ");
    }
    if (command.name().startsWith("diff")) {
      // the fan-in differs from the pipeline: the differences are the output
      assertThat(run.out()).isNotEmpty();
    }
  }
}
