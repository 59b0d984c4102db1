package dev.aijson.cli;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.testing.CommandRun;
import dev.aijson.testing.TestDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aijson commands, run in this process with captured output. */
class AiJsonCliTest {
  static final String PIPELINE = TestDocuments.read(AiJsonCliTest.class, "pipeline.json");

  @TempDir Path folder;
  private Path pipeline;

  /** Runs the aijson command with {@code args}, as a shell would. */
  static CommandRun run(String... args) {
    return CommandRun.of((out, err) -> AiJsonCli.run(out, err, args));
  }

  @BeforeEach
  void writePipeline() throws IOException {
    pipeline = Files.writeString(folder.resolve("pipeline.json"), PIPELINE);
  }

  private String path(String name) {
    return folder.resolve(name).toString();
  }

  // ---- help, version, usage

  @Test
  void aijson_noCommand_printsUsageToStderrAndExits2() {
    CommandRun run = run();

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("aijson: name a command, such as aijson show FILE.");
    assertThat(run.err()).contains("Usage: aijson [-hV] COMMAND");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void help_eachCommand_describesItAndExits0() {
    for (String command : new String[] {"show", "validate", "diff", "dot", "mermaid", "codegen", "set"}) {
      CommandRun run = run(command, "--help");

      assertThat(run.code()).isEqualTo(0);
      assertThat(run.out()).startsWith("Usage: aijson " + command);
    }
    assertThat(run("--help").out().replaceAll("\\s+", " ")).contains("Exit codes: 0 ok, 1 invalid"
        + " document or documents differ, 2 usage error or unreadable file.");
  }

  @Test
  void version_namesAijson() {
    CommandRun run = run("--version");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).startsWith("aijson ");
  }

  @Test
  void unknownCommand_exits2() {
    CommandRun run = run("frobnicate");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'frobnicate'");
  }

  // ---- show

  @Test
  void show_pipeline_printsTheTreeWithSharedObjectsOnce() {
    CommandRun run = run("show", pipeline.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("""
        pipeline.json: 2 vars
        var1 Fixtures$Pipeline
        ├─ encoder: var0 Fixtures$Tokenizer  [singleton]
        │  ├─ file = "corpus.txt"
        │  └─ vocabSize = 100
        ├─ decoder: var0 Fixtures$Tokenizer  (shown above)
        └─ labels = ["good", "bad"]
        """);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void show_missingFile_exits2NamingIt() {
    CommandRun run = run("show", path("missing.json"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("aijson show: " + path("missing.json") + " does not exist."
        + " Check the path.\n");
  }

  @Test
  void show_invalidDocument_exits1ListingEachProblemWithItsPath() throws IOException {
    Path bad = Files.writeString(folder.resolve("bad.json"), PIPELINE
        .replace("\"aijson\": 1", "\"aijson\": 2").replace("\"scope\"", "\"scoop\""));

    CommandRun run = run("show", bad.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("aijson show: " + bad + " is not a valid aijson document"
        + " (2 problems):\n"
        + "  1. /aijson: Unknown format version the number 2 at /aijson; this version of aijson"
        + " reads format 1. Use a matching aijson release or re-export the document.\n"
        + "  2. /vars/var0/scoop: var0 has an unknown field \"scoop\". A var has only kind, module,"
        + " caller, key, scope, receiver, signature, kwargs, members and factory; remove it.\n");
  }

  // ---- validate

  @Test
  void validate_validDocument_exits0() {
    CommandRun run = run("validate", pipeline.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEqualTo(pipeline + " is valid: 2 vars; every class loads, every"
        + " signature matches, every value fits its type and replay allows every var.\n");
  }

  @Test
  void validate_wrongValueAndMissingClass_exits1WithEveryProblem() throws IOException {
    Path bad = Files.writeString(folder.resolve("bad.json"), PIPELINE
        .replace("\"vocabSize\": 100", "\"vocabSize\": \"many\"")
        .replace("\"caller\": \"Fixtures$Pipeline\"", "\"caller\": \"Fixtures$Gone\""));

    CommandRun run = run("validate", bad.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("aijson validate: " + bad + " is not valid (2 problems):\n"
        + "  1. /vars/var0/kwargs/vocabSize: var0 (dev.aijson.cli.Fixtures$Tokenizer): kwarg"
        + " \"vocabSize\" is \"many\", which is not an int");
    assertThat(run.err()).contains("\n  2. /vars/var1/caller: var1 (dev.aijson.cli.Fixtures$Gone):"
        + " class dev.aijson.cli.Fixtures$Gone cannot be loaded");
    assertThat(run.err()).endsWith("\n  Pass the jars and class folders that hold the document's"
        + " classes with --classpath PATH.\n");
  }

  @Test
  void validate_refusedClass_isValidOnceItsPackageIsAllowed() throws IOException {
    Path plain = Files.writeString(folder.resolve("plain.json"), """
        {"aijson": 1, "vars": {"var0": {"kind": "constructor", "module": "dev.aijson.cli",
          "caller": "Fixtures$Plain", "signature": [], "kwargs": {}}}}
        """);

    CommandRun refused = run("validate", plain.toString());
    CommandRun allowed = run("validate", plain.toString(), "--allow-package", "dev.aijson.cli");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("or allow the package with allowPackages(\"dev.aijson.cli\")");
    assertThat(allowed.code()).isEqualTo(0);
  }

  @Test
  void validate_otherEnvironment_warnsButSucceeds() throws IOException {
    Path elsewhere = Files.writeString(folder.resolve("elsewhere.json"), PIPELINE.replace(
        "\n  }\n}", "\n  },\n  \"environment\": {\"java\": \"11.0.2\"}\n}"));

    CommandRun run = run("validate", elsewhere.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.err()).isEqualTo("aijson validate: warning: The document was recorded on Java"
        + " 11.0.2; this is Java " + System.getProperty("java.version") + ". Replay goes on; if"
        + " results differ, replay on Java 11.0.2.\n");
  }

  @Test
  void validate_missingClassPathEntry_exits2() {
    CommandRun run = run("validate", pipeline.toString(), "--classpath", path("nowhere.jar"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("aijson validate: the class path entry " + path("nowhere.jar")
        + " does not exist.");
  }

  // ---- diff

  @Test
  void diff_sameDocuments_exits0() {
    CommandRun run = run("diff", pipeline.toString(), pipeline.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).startsWith("No differences:");
  }

  @Test
  void diff_changedValue_exits1AndReportsItsPath() throws IOException {
    Path changed = Files.writeString(folder.resolve("changed.json"),
        PIPELINE.replace("\"vocabSize\": 100", "\"vocabSize\": 200"));

    CommandRun run = run("diff", pipeline.toString(), changed.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("1 difference (first document -> second; vars matched by kind,"
        + " class, key and place in the graph, not by number):\n"
        + "  changed var0 (dev.aijson.cli.Fixtures$Tokenizer):\n"
        + "    /vars/var0/kwargs/vocabSize: 100 -> 200\n");
  }

  @Test
  void diff_oneFileArgument_isAUsageError() {
    CommandRun run = run("diff", pipeline.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'B'");
  }

  // ---- dot and mermaid

  @Test
  void dot_pipeline_printsADigraph() {
    CommandRun run = run("dot", pipeline.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).startsWith("digraph aijson {\n");
    assertThat(run.out()).contains("  var1 -> var0 [label=\"decoder\"];\n");
  }

  @Test
  void mermaid_toFile_writesTheFlowchart() throws IOException {
    CommandRun run = run("mermaid", pipeline.toString(), "-o", path("pipeline.mmd"));

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(folder.resolve("pipeline.mmd"))).startsWith("flowchart TD\n");
  }

  // ---- codegen

  @Test
  void codegen_pipeline_printsAGuiceModule() {
    CommandRun run = run("codegen", pipeline.toString(), "--package", "com.acme.serving",
        "--class", "PipelineWiring");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).startsWith("package com.acme.serving;\n");
    assertThat(run.out()).contains("public final class PipelineWiring extends AbstractModule {");
    assertThat(run.out()).contains("return new Fixtures.Pipeline(tokenizer, tokenizer,"
        + " List.of(\"good\", \"bad\"));");
  }

  @Test
  void codegen_withoutClass_isAUsageError() {
    CommandRun run = run("codegen", pipeline.toString(), "--package", "com.acme");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--class=C'");
  }

  @Test
  void codegen_badClassName_exits1() {
    CommandRun run = run("codegen", pipeline.toString(), "--package", "com.acme", "--class", "9lives");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("aijson codegen: cannot write " + pipeline + " as Java:\n"
        + "  \"9lives\" is not a Java class name. Pass a simple name such as PipelineWiring.\n");
  }

  // ---- set

  @Test
  void set_numberAndReference_writesTheOverriddenDocument() throws IOException {
    CommandRun run = run("set", pipeline.toString(), "var0.kwargs.vocabSize=200",
        "var1.kwargs.labels=[\"good\",\"bad\",\"ugly\"]", "-o", path("tuned.json"));

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("wrote " + path("tuned.json") + ": var0.kwargs.vocabSize = 200,"
        + " var1.kwargs.labels = [\"good\", \"bad\", \"ugly\"]\n");
    String tuned = Files.readString(folder.resolve("tuned.json"));
    assertThat(tuned).contains("\"vocabSize\": 200");
    assertThat(tuned).contains("\"labels\": [\"good\", \"bad\", \"ugly\"]");
    assertThat(run("validate", path("tuned.json")).code()).isEqualTo(0);
  }

  @Test
  void set_bareText_isAStringAndDollarVarIsAReference() {
    CommandRun run = run("set", pipeline.toString(), "var0.kwargs.file=other corpus.txt",
        "var1.kwargs.decoder=$var0");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).contains("\"file\": \"other corpus.txt\"");
    assertThat(run.out()).contains("\"decoder\": \"$var0\"");
  }

  @Test
  void set_unknownKwarg_exits1NamingTheKwargsThatExist() {
    CommandRun run = run("set", pipeline.toString(), "var0.kwargs.vocab=3");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("aijson set: cannot set var0.kwargs.vocab in " + pipeline
        + ":\n  /vars/var0/kwargs: override(\"var0.kwargs.vocab\"): var0"
        + " (dev.aijson.cli.Fixtures$Tokenizer) has no kwarg \"vocab\"; it has file, vocabSize."
        + " Name one of those.\n");
  }

  @Test
  void set_dollarTextThatIsNoReference_exits1() {
    CommandRun run = run("set", pipeline.toString(), "var0.kwargs.file=$HOME");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("\"$HOME\" starts with $ but is not a reference such as"
        + " \"$var3\". Write a string that starts with $ as \"$$HOME\".");
  }

  @Test
  void set_withoutEquals_isAUsageError() {
    CommandRun run = run("set", pipeline.toString(), "var0.kwargs.vocabSize");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("\"var0.kwargs.vocabSize\" is not PATH=VALUE. Write it as"
        + " var0.kwargs.vocabSize=200.");
  }
}
