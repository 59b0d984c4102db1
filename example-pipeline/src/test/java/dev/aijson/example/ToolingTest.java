package dev.aijson.example;

import static com.google.common.truth.Truth.assertThat;
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
import dev.aijson.truth.AiJsonSubjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tooling on this pipeline's document: Truth subjects, diff, pictures, codegen and the CLI. */
class ToolingTest {
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
    AiJsonSubjects.assertThat(document).var("SentimentModule#classifier").kwarg("adagradEpsilon")
        .isEqualTo(0.1);
    AiJsonSubjects.assertThat(document).var("SentimentPipeline").kwarg("tokenizer")
        .isReferenceTo("SubwordTokenizer");
    AiJsonSubjects.assertThat(document).var("Trainer#fit").kwarg("epochs").isEqualTo(10);
  }

  /** Records what serving builds by replay, as a document of its own. */
  private static AiJsonDocument servingDocument() {
    var serving = Guice.createInjector(new AiJsonModule().onlyPackages("dev.aijson.example"),
        ReplayModule.from(out.resolve(Train.WIRING)));
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
    assertThat(shown.out()).contains("var8 Trainer#fit  [call]\n├─ receiver: var7 Trainer\n");
    assertThat(diffed.code()).isEqualTo(1);
    assertThat(diffed.out()).contains("  removed var8 (dev.aijson.example.Trainer#fit) at /vars/var8\n");
    assertThat(shown.err() + diffed.err()).isEmpty();
  }
}
