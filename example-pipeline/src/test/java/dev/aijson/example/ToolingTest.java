package dev.aijson.example;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.Guice;
import com.google.inject.Module;
import dev.aijson.cli.AiJsonCli;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.guice.ReplayModule;
import dev.aijson.testing.CommandRun;
import dev.aijson.testing.Graphviz;
import dev.aijson.testing.JavaCompilation;
import dev.aijson.tools.codegen.AiJsonCodegen;
import dev.aijson.tools.diff.AiJsonDiff;
import dev.aijson.tools.graphs.AiJsonGraphs;
import dev.aijson.tools.params.AiJsonParams;
import dev.aijson.truth.AiJsonSubjects;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tooling on this pipeline's document: Truth subjects, diff, parameters, pictures, codegen,
 * the CLI and its launcher.
 */
class ToolingTest {
  private static final Logger LOG = Logger.getLogger(ToolingTest.class.getName());
  /** Surefire runs in the module's folder; the repository is its parent. */
  private static final Path REPOSITORY = Path.of("..");

  @TempDir static Path folder;

  private static Path out;
  private static Train.Result trained;
  private static AiJsonDocument document;

  @BeforeAll
  static void train() throws IOException {
    out = folder.resolve("out");
    trained = Train.run(new SentimentModule().withTrainingFile(TrainingSubset.write(folder, 150)),
        SentimentModule.TEST_FILE, out);
    document = trained.document();
  }

  @Test
  void truthSubjects_trainingDocument_holdTheHyperparameters() {
    AiJsonSubjects.assertThat(document).var("SubwordTokenizer").kwarg("vocabSize").isEqualTo(1000);
    AiJsonSubjects.assertThat(document).var("SubwordTokenizer").isSingleton();
    // the record the module got, compared as the recorder writes it
    AiJsonSubjects.assertThat(document).var("SentimentModule").member("config")
        .isEqualTo(TrainingConfig.defaults().withTrainingFile(
            document.var("var3").kwargs().get("corpusFile").toString()));
    AiJsonSubjects.assertThat(document).var("SentimentPipeline").kwarg("tokenizer")
        .isReferenceTo("SubwordTokenizer");
    AiJsonSubjects.assertThat(document).var("Trainer#fit").kwarg("epochs").isEqualTo(10);
  }

  /** Records what serving builds by replay, as a document of its own. */
  private static AiJsonDocument servingDocument() {
    var serving = Guice.createInjector(new AiJsonModule().onlyPackages("dev.aijson.example"),
        ReplayModule.allowing("dev.aijson.example").from(out.resolve(Train.WIRING)));
    serving.getInstance(SentimentPipeline.class);
    return serving.getInstance(AiJsonLog.class).document();
  }

  @Test
  void diff_trainingAgainstServing_isOnlyTheTrainingThatServingDoesNotRun() {
    AiJsonDiff diff = AiJsonDiff.between(document, servingDocument());

    assertThat(diff.changed()).isEmpty();
    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed().stream().map(v -> v.caller()).toList())
        .containsExactly("Trainer", "Trainer#fit").inOrder();
  }

  @Test
  void diff_vocabSizeOverridden_isOneChangeAtItsPath() {
    String tokenizer = document.vars().stream().filter(v -> v.caller().equals("SubwordTokenizer"))
        .findFirst().orElseThrow().name();

    AiJsonDiff diff = AiJsonDiff.between(document,
        document.override(tokenizer + ".kwargs.vocabSize", 333));

    assertThat(diff.changes()).containsExactly(new AiJsonDiff.Change(AiJsonDiff.Kind.CHANGED,
        "/vars/" + tokenizer + "/kwargs/vocabSize", "/vars/" + tokenizer + "/kwargs/vocabSize",
        1000L, 333L));
  }

  @Test
  void params_trainingDocument_namesEachHyperparameterOnceAsAPersonSearchesForIt() {
    AiJsonParams params = AiJsonParams.of(document);
    LOG.info(() -> "the example's parameters, as aijson params prints them:\n" + params.toTsv());

    // each hyperparameter is in the module's config, and where a component gets it
    assertThat(params.values().keySet().stream().filter(name -> name.contains("vocabSize")).toList())
        .containsExactly("SentimentModule.config.vocabSize", "SubwordTokenizer.vocabSize");
    assertThat(params.values().keySet().stream().filter(name -> name.contains("learningRate")).toList())
        .containsExactly("SentimentModule.config.learningRate", "Trainer.fit.learningRate");
    assertThat(params.values()).containsEntry("SentimentModule.config.vocabSize", 1000L);
    assertThat(params.values()).containsEntry("SubwordTokenizer.vocabSize", 1000L);
    assertThat(params.values()).containsEntry("RepeatLimiter.maxRepeat", 2L);
    assertThat(params.values()).containsEntry("SentimentModule.config.adagradEpsilon",
        new BigDecimal("0.1"));
    assertThat(params.values()).containsEntry("Trainer.fit.epochs", 10L);
    assertThat(params.values()).containsEntry("Trainer.fit.learningRate", new BigDecimal("0.5"));
    assertThat(params.values()).containsEntry("SentimentPipeline.tokenizer", "SubwordTokenizer");
    assertThat(params.values()).containsEntry("Multibinder.elements[1]", "RepeatLimiter");
  }

  @Test
  void paramsDiff_trainingAgainstServing_isTheTrainerAndItsFitRemoved() {
    AiJsonParams.Diff diff = AiJsonParams.diff(document, servingDocument());

    assertThat(diff.changes().stream().map(c -> c.kind() + " " + c.name()).toList()).containsExactly(
        "REMOVED Trainer.trainingFile", "REMOVED Trainer.fit.pipeline", "REMOVED Trainer.fit.epochs",
        "REMOVED Trainer.fit.learningRate", "REMOVED Trainer.fit.seed").inOrder();
  }

  @Test
  void toDot_renderedByGraphviz_showsEveryVar() throws Exception {
    assumeTrue(Graphviz.isInstalled(), "Graphviz dot is not installed");

    String svg = Graphviz.toSvg(AiJsonGraphs.toDot(document));

    for (var var : document.vars()) {
      assertThat(svg).contains("<title>" + var.name() + "</title>");
    }
    assertThat(svg).contains(">vocabSize = 1000</text>");
    assertThat(AiJsonGraphs.toMermaid(document)).contains("-->|\"tokenizer\"|");
  }

  @Test
  void codegen_generatedModule_servesTheSamePredictions() throws Exception {
    String source = AiJsonCodegen.toJava(document, "dev.aijson.generated", "SentimentWiring");
    Class<?> module = JavaCompilation.in(folder, ToolingTest.class.getClassLoader())
        .compileAndLoad(source, "dev.aijson.generated.SentimentWiring");

    SentimentPipeline pipeline = Guice.createInjector((Module) module.getConstructor().newInstance())
        .getInstance(SentimentPipeline.class);
    pipeline.loadWeights(out.resolve(Train.WEIGHTS));

    assertThat(((SubwordTokenizer) pipeline.tokenizer()).vocabSize()).isEqualTo(1000);
    assertThat(pipeline.predictAll(trained.test())).containsExactlyElementsIn(trained.predictions())
        .inOrder();
  }

  @Test
  void cli_showAndDiff_onTheWrittenDocument() throws IOException {
    Path serving = Files.writeString(folder.resolve("serving.json"), servingDocument().toJson());
    String wiring = out.resolve(Train.WIRING).toString();

    CommandRun shown = CommandRun.of((stdout, stderr) -> AiJsonCli.run(stdout, stderr, "show", wiring));
    CommandRun diffed =
        CommandRun.of((stdout, stderr) -> AiJsonCli.run(stdout, stderr, "diff", wiring, serving.toString()));

    assertThat(shown.code()).isEqualTo(0);
    assertThat(shown.out()).contains("var9 Trainer#fit  [call]\n├─ receiver: var8 Trainer\n");
    assertThat(diffed.code()).isEqualTo(1);
    assertThat(diffed.out()).contains("  removed var9 (dev.aijson.example.Trainer#fit) at /vars/var9\n");
    assertThat(shown.err() + diffed.err()).isEmpty();
  }

  @Test
  void cli_paramsAndDiffParams_onTheWrittenDocument() throws IOException {
    String wiring = out.resolve(Train.WIRING).toString();
    String tokenizer = document.vars().stream().filter(v -> v.caller().equals("SubwordTokenizer"))
        .findFirst().orElseThrow().name();
    Path tuned = Files.writeString(folder.resolve("tuned.json"),
        document.override(tokenizer + ".kwargs.vocabSize", 2000).toJson());

    CommandRun params = CommandRun.of((stdout, stderr) -> AiJsonCli.run(stdout, stderr, "params", wiring));
    CommandRun diffed = CommandRun.of((stdout, stderr) ->
        AiJsonCli.run(stdout, stderr, "diff", wiring, tuned.toString(), "--params"));

    assertThat(params.code()).isEqualTo(0);
    assertThat(params.out()).isEqualTo(AiJsonParams.of(document).toTsv());
    assertThat(params.out()).contains("\nSubwordTokenizer.vocabSize\t1000\n");
    assertThat(diffed.code()).isEqualTo(1);
    assertThat(diffed.out()).endsWith("\n  SubwordTokenizer.vocabSize: 1000 -> 2000\n");
  }

  /** The runnable jar, which Maven builds in aijson-cli's package phase, before these tests run. */
  private static boolean runnableJarIsBuilt() throws IOException {
    Path target = REPOSITORY.resolve("aijson-cli/target");
    if (!Files.isDirectory(target)) {
      return false;
    }
    try (var files = Files.list(target)) {
      return files.anyMatch(f -> f.getFileName().toString().matches("aijson-cli-.*-all\\.jar"));
    }
  }

  @Test
  void launcher_builtJar_runsParamsAndTheSchemaCheckWithNothingOnStderr() throws Exception {
    assumeTrue(runnableJarIsBuilt(), "aijson-cli's runnable jar is not built (mvn package)");
    String launcher = REPOSITORY.resolve("bin/aijson").toString();
    String wiring = out.resolve(Train.WIRING).toString();

    CommandRun version = CommandRun.ofProcess("bash", launcher, "--version");
    CommandRun params = CommandRun.ofProcess("bash", launcher, "params", wiring);
    CommandRun schema = CommandRun.ofProcess("bash", launcher, "validate", wiring, "--schema-only");

    assertThat(version.out()).startsWith("aijson 0.");
    assertThat(params.code()).isEqualTo(0);
    assertThat(params.out()).isEqualTo(AiJsonParams.of(document).toTsv());
    assertThat(schema.code()).isEqualTo(0);
    assertThat(schema.out()).startsWith(wiring + " matches the JSON Schema of aijson format 1: 10 vars;");
    assertThat(version.err() + params.err() + schema.err()).isEmpty();
  }
}
