package dev.aijson.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aijson.testing.CommandRun;
import dev.aijson.testing.TestDocuments;
import java.io.File;
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
    for (String command
        : new String[] {"show", "validate", "diff", "params", "dot", "mermaid", "codegen", "set"}) {
      CommandRun run = run(command, "--help");

      assertThat(run.code()).isEqualTo(0);
      assertThat(run.out()).startsWith("Usage: aijson " + command);
    }
    assertThat(run("--help").out().replaceAll("\\s+", " ")).contains("Exit codes: 0 ok, 1 invalid"
        + " document or documents differ, 2 usage error or unreadable file.");
  }

  @Test
  void version_printsAijsonAndTheVersionMavenBuilt() {
    CommandRun run = run("--version");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).matches("aijson \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(run.out().strip()).isEqualTo("aijson " + AiJsonCli.Version.version());
  }

  @Test
  void unknownCommand_exits2() {
    CommandRun run = run("frobnicate");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument at index 0: 'frobnicate'");
  }

  // ---- the bin/aijson launcher (the example pipeline's tests run it on the built jar)

  /** Surefire runs in the module's folder; the launcher is in the repository's bin folder. */
  private static final Path LAUNCHER = Path.of("../bin/aijson");

  @Test
  void launcher_inTheRepository_isAnExecutableBashScript() throws IOException {
    assertThat(Files.isExecutable(LAUNCHER)).isTrue();
    assertThat(Files.readString(LAUNCHER)).startsWith("#!/usr/bin/env bash\n");
  }

  @Test
  void launcher_withoutTheJar_exits2TellingHowToBuildIt() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
        "bash is not installed");
    Path repository = folder.resolve("repository");
    Path launcher = Files.copy(LAUNCHER, Files.createDirectories(repository.resolve("bin"))
        .resolve("aijson"));

    CommandRun run = CommandRun.ofProcess("bash", launcher.toString(), "--version");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    String root = repository.toRealPath().toString();
    assertThat(run.err()).isEqualTo("aijson: the command's jar is not built: there is no"
        + " aijson-cli/target/aijson-cli-*-all.jar in " + root + ".\n"
        + "Build it once (Java 17 and Maven), then run aijson again:\n"
        + "  cd \"" + root + "\" && mvn -B -q package -DskipTests -pl aijson-cli -am\n");
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
        + " caller, key, scope, receiver, signature, kwargs, members and factory; remove it"
        + " at /vars/var0/scoop.\n");
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
        + " class dev.aijson.cli.Fixtures$Gone cannot be loaded (ClassNotFoundException). Put the jar"
        + " that holds it on --classpath, or fix \"module\" and \"caller\" at /vars/var1.\n");
    assertThat(run.err()).endsWith("\n  Pass the jars and class folders that hold the document's"
        + " classes with --classpath PATH.\n");
  }

  // Regression: a document saved with a byte order mark was refused with Jackson's "Unexpected
  // character ('?' (code 65279 / 0xfeff))", which did not say what was wrong with the file.
  @Test
  void validate_documentWithAByteOrderMark_isInvalidSayingSo() throws IOException {
    Path marked = Files.writeString(folder.resolve("marked.json"), "\uFEFF" + PIPELINE);

    CommandRun run = run("validate", marked.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("The aijson document starts with a byte order mark (U+FEFF); a"
        + " document is UTF-8 text without one");
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
    // the fix in the command's own terms, not the Java API's
    assertThat(refused.err()).contains("Allow it with --allow-package dev.aijson.cli, or annotate"
        + " the class with @AiJson; the document names it at /vars/var0/caller.");
    assertThat(refused.err()).doesNotContain("AiJsonReplayer");
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
  void validate_structurallyBrokenDocument_exits1NamingEachPointerFromTheSchema() throws IOException {
    Path broken = Files.writeString(folder.resolve("broken.json"), PIPELINE
        .replace("\"scope\": \"singleton\"", "\"scope\": \"always\"")
        .replace("\"caller\": \"Fixtures$Pipeline\"", "\"caller\": \"Fixtures.Pipeline\""));

    CommandRun run = run("validate", broken.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("aijson validate: " + broken + " does not match the JSON Schema"
        + " of aijson format 1 (2 problems):\n"
        + "  1. /vars/var0/scope: must be the constant value 'singleton'\n"
        + "  2. /vars/var1/caller: \"Fixtures.Pipeline\" is not a valid caller: The class name"
        + " inside the module (a Java identifier; nested classes as Outer$Inner), with #method for"
        + " provides and call vars; a leading $ is written $$.\n"
        + "  Fix the document at each JSON Pointer; docs/FORMAT.md describes every member.\n");
    assertThat(run.out()).isEmpty();
  }

  // Regression: a document of a later format was refused with "/aijson: must be the constant
  // value '1'", which named neither the format this release reads nor the fix.
  @Test
  void validate_laterFormatVersion_namesTheFormatItReadsAndTheFix() throws IOException {
    Path later = Files.writeString(folder.resolve("later.json"),
        PIPELINE.replace("\"aijson\": 1", "\"aijson\": 2"));

    CommandRun run = run("validate", later.toString(), "--schema-only");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("aijson validate: " + later + " does not match the JSON Schema"
        + " of aijson format 1:\n"
        + "  /aijson: 2 is not a format version this version of aijson reads; it reads format 1. Use"
        + " the aijson release that matches the document, or re-export it.\n"
        + "  Fix the document at each JSON Pointer; docs/FORMAT.md describes every member.\n");
  }

  @Test
  void validate_missingRequiredField_namesTheVarThatLacksIt() throws IOException {
    Path broken = Files.writeString(folder.resolve("broken.json"),
        PIPELINE.replace("\"kind\": \"constructor\",\n      \"module\": \"dev.aijson.cli\",\n"
            + "      \"caller\": \"Fixtures$Pipeline\"", "\"module\": \"dev.aijson.cli\",\n"
            + "      \"caller\": \"Fixtures$Pipeline\""));

    CommandRun run = run("validate", broken.toString(), "--schema-only");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("aijson validate: " + broken + " does not match the JSON Schema"
        + " of aijson format 1:\n"
        + "  /vars/var1: required property 'kind' not found\n"
        + "  Fix the document at each JSON Pointer; docs/FORMAT.md describes every member.\n");
  }

  @Test
  void validate_ruleOfOneKindOfVar_namesTheKind() throws IOException {
    Path broken = Files.writeString(folder.resolve("broken.json"), PIPELINE.replace(
        "\"caller\": \"Fixtures$Tokenizer\",", "\"caller\": \"Fixtures$Tokenizer\", \"receiver\": \"$var0\","));

    CommandRun run = run("validate", broken.toString(), "--schema-only");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("\n  /vars/var0/receiver: is not allowed for kind \"constructor\"\n");
  }

  @Test
  void validate_schemaOnly_validDocument_exits0() {
    CommandRun run = run("validate", pipeline.toString(), "--schema-only");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEqualTo(pipeline + " matches the JSON Schema of aijson format 1: 2 vars;"
        + " no class was loaded. Run aijson validate without --schema-only to check the classes,"
        + " signatures and values too.\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validate_schemaOnly_classesThatAreNowhere_needsNoClassPath() throws IOException {
    Path elsewhere = Files.writeString(folder.resolve("elsewhere.json"), PIPELINE
        .replace("\"module\": \"dev.aijson.cli\"", "\"module\": \"com.nowhere.models\"")
        .replace("dev.aijson.cli.Fixtures", "com.nowhere.models.Fixtures"));

    CommandRun schemaOnly = run("validate", elsewhere.toString(), "--schema-only");
    CommandRun full = run("validate", elsewhere.toString());

    assertThat(schemaOnly.code()).isEqualTo(0);
    assertThat(schemaOnly.out()).startsWith(elsewhere + " matches the JSON Schema of aijson format 1");
    assertThat(full.code()).isEqualTo(1);
    assertThat(full.err()).contains("class com.nowhere.models.Fixtures$Tokenizer cannot be loaded");
  }

  @Test
  void validate_schemaOnly_danglingReference_passesWhatTheSchemaCannotSee() throws IOException {
    Path dangling = Files.writeString(folder.resolve("dangling.json"),
        PIPELINE.replace("\"decoder\": \"$var0\"", "\"decoder\": \"$var7\""));

    CommandRun schemaOnly = run("validate", dangling.toString(), "--schema-only");
    CommandRun full = run("validate", dangling.toString());

    assertThat(schemaOnly.code()).isEqualTo(0);
    assertThat(full.code()).isEqualTo(1);
    assertThat(full.err()).startsWith("aijson validate: " + dangling + " is not a valid aijson"
        + " document:\n  /vars/var1/kwargs/decoder: ");
  }

  /** Regression: nesting past Jackson's bound was "not one JSON value", to be fixed as syntax. */
  @Test
  void validate_schemaOnlyNestedDeeperThanTheBound_namesThePointerAndTheBound() throws IOException {
    int depth = 100_000;
    Path deep = Files.writeString(folder.resolve("deep.json"), "{\"aijson\": 1, \"vars\": {\"var0\":"
        + " {\"kind\": \"constructor\", \"module\": \"com.acme\", \"caller\": \"Grid\", \"signature\":"
        + " [\"java.util.List\"], \"kwargs\": {\"cells\": " + "[".repeat(depth) + "]".repeat(depth)
        + "}}}}");

    CommandRun run = run("validate", deep.toString(), "--schema-only");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("aijson validate: " + deep + " is not a valid aijson"
        + " document:\n  /vars/var0/kwargs/cells/0/");
    assertThat(run.err()).contains("nests objects and arrays deeper than 64 levels");
    assertThat(run.err()).contains("Flatten the value, or raise AiJsonLimits.maxDepth");
  }

  @Test
  void validate_notJson_schemaOnlySaysSoAndValidateLeavesItToTheReader() throws IOException {
    Path text = Files.writeString(folder.resolve("text.json"), "{\"aijson\": 1, \"vars\": {}");

    CommandRun schemaOnly = run("validate", text.toString(), "--schema-only");
    CommandRun full = run("validate", text.toString());

    assertThat(schemaOnly.code()).isEqualTo(1);
    assertThat(schemaOnly.err()).startsWith("aijson validate: " + text + " does not match the JSON"
        + " Schema of aijson format 1:\n  the text is not one JSON value (");
    assertThat(schemaOnly.err()).endsWith(", so the schema cannot check it. Fix the JSON syntax"
        + " first.\n  Only a JSON text can be checked against the schema.\n");
    assertThat(full.code()).isEqualTo(1);
    assertThat(full.err()).startsWith("aijson validate: " + text + " is not a valid aijson document");
  }

  @Test
  void validate_schemaOnlyWithClassPath_isAUsageError() {
    CommandRun run = run("validate", pipeline.toString(), "--schema-only", "--classpath", ".");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("--schema-only loads no class, so --classpath has nothing to"
        + " do. Leave it out, or leave out --schema-only to check the classes too.\n");
  }

  @Test
  void validate_missingClassPathEntry_exits2() {
    CommandRun run = run("validate", pipeline.toString(), "--classpath", path("nowhere.jar"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("aijson validate: the class path entry " + path("nowhere.jar")
        + " does not exist.");
  }

  /** Regression: a NUL in --classpath printed InvalidPathException's stack trace. */
  @Test
  void validate_classPathEntryThatIsNoPath_exits2NamingItWithoutATrace() {
    CommandRun run = run("validate", pipeline.toString(), "--classpath", "lib/models\0.jar");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("aijson validate: the class path entry \"lib/models\\u0000.jar\""
        + " of --classpath is not a path on this system (Nul character not allowed). Pass jars and"
        + " class folders that exist, separated by " + File.pathSeparator + ".\n");
    assertThat(run.out()).isEmpty();
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
  void diff_params_changedValue_isReportedByParameterName() throws IOException {
    Path changed = Files.writeString(folder.resolve("changed.json"),
        PIPELINE.replace("\"vocabSize\": 100", "\"vocabSize\": 200"));

    CommandRun run = run("diff", pipeline.toString(), changed.toString(), "--params");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("1 parameter difference (first document -> second; parameters"
        + " matched by name):\n"
        + "  Tokenizer.vocabSize: 100 -> 200\n");
  }

  @Test
  void diff_params_sameDocuments_exits0() {
    CommandRun run = run("diff", "--params", pipeline.toString(), pipeline.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("No parameter differences: both documents have the same 6"
        + " parameters with the same values.\n");
  }

  @Test
  void diff_params_onlyTheScopeChanged_saysTheWiringDiffersAndExits1() throws IOException {
    Path unscoped = Files.writeString(folder.resolve("unscoped.json"),
        PIPELINE.replace("      \"scope\": \"singleton\",\n", ""));

    CommandRun run = run("diff", pipeline.toString(), unscoped.toString(), "--params");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("No parameter differences: both documents have the same 6"
        + " parameters with the same values.\n"
        + "The wiring differs all the same, in 1 place that is not a parameter (such as keys,"
        + " scopes or signatures): run aijson diff without --params to see it.\n");
  }

  @Test
  void diff_oneFileArgument_isAUsageError() {
    CommandRun run = run("diff", pipeline.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter: 'B'");
  }

  // ---- params

  @Test
  void params_pipeline_printsNameTabValueLines() {
    CommandRun run = run("params", pipeline.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("""
        Tokenizer.file\tcorpus.txt
        Tokenizer.vocabSize\t100
        Pipeline.encoder\tTokenizer
        Pipeline.decoder\tTokenizer
        Pipeline.labels[0]\tgood
        Pipeline.labels[1]\tbad
        """);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void params_json_printsOneFlatObjectWithNumbersAsNumbers() {
    CommandRun run = run("params", pipeline.toString(), "--format", "json");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEqualTo("""
        {
          "Tokenizer.file": "corpus.txt",
          "Tokenizer.vocabSize": 100,
          "Pipeline.encoder": "Tokenizer",
          "Pipeline.decoder": "Tokenizer",
          "Pipeline.labels[0]": "good",
          "Pipeline.labels[1]": "bad"
        }
        """);
  }

  @Test
  void params_properties_toFile_writesPropertiesLines() throws IOException {
    CommandRun run = run("params", pipeline.toString(), "--format=properties", "-o",
        path("params.properties"));

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(folder.resolve("params.properties"))).isEqualTo("""
        Tokenizer.file=corpus.txt
        Tokenizer.vocabSize=100
        Pipeline.encoder=Tokenizer
        Pipeline.decoder=Tokenizer
        Pipeline.labels[0]=good
        Pipeline.labels[1]=bad
        """);
  }

  /** Regression: a lone surrogate made params -o fail with a message that blamed the folder. */
  @Test
  void params_loneSurrogateToFile_writesItEscaped() throws IOException {
    Path document = Files.writeString(folder.resolve("surrogate.json"),
        PIPELINE.replace("\"corpus.txt\"", "\"corpus\\ud800.txt\""));

    CommandRun run = run("params", document.toString(), "-o", path("params.tsv"));

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.err()).isEmpty();
    assertThat(Files.readString(folder.resolve("params.tsv")))
        .startsWith("Tokenizer.file\tcorpus\\ud800.txt\nTokenizer.vocabSize\t100\n");
  }

  @Test
  void params_unknownFormat_isAUsageError() {
    CommandRun run = run("params", pipeline.toString(), "--format", "xml");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith("--format is \"xml\", which is not a format of aijson params."
        + " Use tsv, json or properties.\n");
  }

  @Test
  void params_invalidDocument_exits1() throws IOException {
    Path bad = Files.writeString(folder.resolve("bad.json"), PIPELINE.replace("\"aijson\": 1", "\"aijson\": 2"));

    CommandRun run = run("params", bad.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("aijson params: " + bad + " is not a valid aijson document:");
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

  // regression: a class that does not load was to be fixed "with withClassLoader(...)", a method
  // the command has no option for
  @Test
  void codegen_classThatDoesNotLoad_namesClasspathAsTheFix() throws IOException {
    Path gone = Files.writeString(folder.resolve("gone.json"),
        PIPELINE.replace("\"caller\": \"Fixtures$Pipeline\"", "\"caller\": \"Fixtures$Gone\""));

    CommandRun run = run("codegen", gone.toString(), "--package", "com.acme", "--class", "Wiring");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("class dev.aijson.cli.Fixtures$Gone cannot be loaded"
        + " (ClassNotFoundException). Put the jar that holds it on --classpath, or fix \"module\" and"
        + " \"caller\" at /vars/var1.");
    assertThat(run.err()).doesNotContain("toJava");
  }

  @Test
  void codegen_badClassName_exits1() {
    CommandRun run = run("codegen", pipeline.toString(), "--package", "com.acme", "--class", "9lives");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("aijson codegen: cannot write " + pipeline + " as Java:\n"
        + "  \"9lives\" is not a Java class name. Pass a simple name such as PipelineWiring.\n");
  }

  /**
   * Regression: validate without javax.inject on --classpath said a @Named parameter was
   * unnamed (Java drops an annotation whose class is missing); the message now says that the
   * annotation class could not be loaded and to add its jar.
   */
  @Test
  void validate_classPathWithoutTheAnnotationJar_saysTheAnnotationClassCouldNotBeLoaded()
      throws IOException {
    Path sources = Files.createDirectories(folder.resolve("src"));
    Path classes = Files.createDirectories(folder.resolve("classes"));
    // javax.inject compiled here only to compile the widget, then removed from its class path
    Files.createDirectories(sources.resolve("javax/inject"));
    Files.createDirectories(sources.resolve("demo"));
    Files.writeString(sources.resolve("javax/inject/Named.java"), "package javax.inject;\n"
        + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)\n"
        + "public @interface Named { String value(); }\n");
    Files.writeString(sources.resolve("demo/Widget.java"), "package demo;\n"
        + "public class Widget {\n"
        + "  public Widget(@javax.inject.Named(\"size\") int size) {}\n"
        + "}\n");
    javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
    assumeTrue(javac != null, "no Java compiler in this JDK");
    assertThat(javac.run(null, null, null, "-d", classes.toString(),
        sources.resolve("javax/inject/Named.java").toString(),
        sources.resolve("demo/Widget.java").toString())).isEqualTo(0);
    Files.delete(classes.resolve("javax/inject/Named.class"));
    Path document = Files.writeString(folder.resolve("widget.json"), "{\n  \"aijson\": 1,\n"
        + "  \"vars\": {\n    \"var0\": {\n      \"kind\": \"constructor\",\n"
        + "      \"module\": \"demo\",\n      \"caller\": \"Widget\",\n"
        + "      \"signature\": [\"int\"],\n      \"kwargs\": {\"size\": 3}\n    }\n  }\n}\n");

    CommandRun run = run("validate", "--allow-package", "demo", "-cp", classes.toString(),
        document.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("Note: the annotation classes javax.inject.Named,"
        + " jakarta.inject.Named, com.google.inject.name.Named could not be loaded from the class"
        + " path of demo.Widget, and Java drops an annotation whose class is missing: if Widget"
        + " uses one of them, add the jar of javax.inject or jakarta.inject or"
        + " com.google.inject.name to the class path (aijson --classpath) rather than changing"
        + " the document.");
  }

  @Test
  void validate_kwargMisnamedOnAClassCompiledWithParameterNames_mentionsNoAnnotationClass()
      throws IOException {
    Path document = Files.writeString(folder.resolve("renamed.json"),
        PIPELINE.replace("\"vocabSize\"", "\"vocab\""));

    CommandRun run = run("validate", document.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("Rename it to \"vocabSize\"");
    assertThat(run.err()).doesNotContain("could not be loaded");
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

  /**
   * Regression: aijson set with an override path of 40,000 segments took 43 s (quadratic key
   * joining). Linear means four times the segments take about four times as long, never the
   * sixteen times of quadratic work: the fastest of several runs of each is compared, so a slow
   * moment of a busy machine does not decide.
   */
  @Test
  void set_pathOf40000Segments_takesAboutFourTimesAsLongAs10000NotSixteen() {
    String shorter = "var1.kwargs.labels" + ".0".repeat(10_000) + "=1";
    String longer = "var1.kwargs.labels" + ".0".repeat(40_000) + "=1";
    for (int i = 0; i < 5; i++) {
      run("set", pipeline.toString(), shorter);
      run("set", pipeline.toString(), longer);
    }

    long fastestShorter = Long.MAX_VALUE;
    long fastestLonger = Long.MAX_VALUE;
    CommandRun refused = null;
    for (int i = 0; i < 15; i++) {
      long started = System.nanoTime();
      run("set", pipeline.toString(), shorter);
      fastestShorter = Math.min(fastestShorter, System.nanoTime() - started);
      started = System.nanoTime();
      refused = run("set", pipeline.toString(), longer);
      fastestLonger = Math.min(fastestLonger, System.nanoTime() - started);
    }

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("the path has 40003 parts, but no node of a document lies"
        + " deeper than 252 levels below an argument. Shorten the path.");
    assertThat(refused.err().length()).isLessThan(600);
    assertThat(fastestLonger).isLessThan(8 * Math.max(fastestShorter, 200_000L));
    assertThat(fastestLonger).isLessThan(1_000_000_000L);
  }

  @Test
  void set_bareText_isAStringAndDollarVarIsAReference() {
    CommandRun run = run("set", pipeline.toString(), "var0.kwargs.file=other corpus.txt",
        "var1.kwargs.decoder=$var0");

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).contains("\"file\": \"other corpus.txt\"");
    assertThat(run.out()).contains("\"decoder\": \"$var0\"");
  }

  /** Broke: a value nested 40 deep was refused as "Values$DocumentList is not a JSON value". */
  @Test
  void set_listNested40Deep_isWritten() {
    CommandRun run = run("set", pipeline.toString(),
        "var1.kwargs.labels=" + "[".repeat(40) + "\"good\"" + "]".repeat(40));

    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out().replaceAll("\\s", "")).contains("\"labels\":" + "[".repeat(40) + "\"good\"");
  }

  @Test
  void set_valueThatTakesTheDocumentPastItsDepthLimit_exits1AndWritesNothing() {
    Path out = Path.of(path("deep.json"));
    CommandRun run = run("set", pipeline.toString(),
        "var1.kwargs.labels=" + "[".repeat(63) + "]".repeat(63), "-o", out.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("aijson set: cannot set var1.kwargs.labels in " + pipeline
        + ": the document it makes is not one aijson reads (nothing was written):\n"
        + "  /vars/var1/kwargs/labels" + "/0".repeat(60) + ": The aijson document nests objects and"
        + " arrays deeper than 64 levels");
    assertThat(Files.exists(out)).isFalse();
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
