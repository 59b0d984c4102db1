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
import dev.aijson.tools.codegen.AiJsonCodegen;
import dev.aijson.tools.diff.AiJsonDiff;
import dev.aijson.tools.graphs.AiJsonGraphs;
import dev.aijson.truth.AiJsonSubjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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
    assumeTrue(dotInstalled(), "Graphviz dot is not installed");

    String svg = run(AiJsonGraphs.toDot(document), "dot", "-Tsvg");

    for (var var : document.vars()) {
      assertThat(svg).contains("<title>" + var.name() + "</title>");
    }
    assertThat(svg).contains(">vocabSize = 1000</text>");
    assertThat(AiJsonGraphs.toMermaid(document)).contains("-->|\"tokenizer\"|");
  }

  @Test
  void codegen_generatedModule_servesTheSamePredictions() throws Exception {
    String source = AiJsonCodegen.toJava(document, "dev.aijson.generated", "SentimentWiring");
    Class<?> module = compile(source, "dev.aijson.generated.SentimentWiring");

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
    StringWriter shown = new StringWriter();
    StringWriter diffed = new StringWriter();
    StringWriter errors = new StringWriter();

    int showCode = AiJsonCli.run(new PrintWriter(shown), new PrintWriter(errors), "show",
        out.resolve(Train.WIRING).toString());
    int diffCode = AiJsonCli.run(new PrintWriter(diffed), new PrintWriter(errors), "diff",
        out.resolve(Train.WIRING).toString(), serving.toString());

    assertThat(showCode).isEqualTo(0);
    assertThat(shown.toString()).contains("var5 Trainer#fit  [call]\n├─ receiver: var4 Trainer\n");
    assertThat(diffCode).isEqualTo(1);
    assertThat(diffed.toString()).contains("  removed var5 (dev.aijson.example.Trainer#fit) at /vars/var5\n");
    assertThat(errors.toString()).isEmpty();
  }

  private static Class<?> compile(String source, String className) throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    Path sources = Files.createDirectories(folder.resolve("src"));
    Path classes = Files.createDirectories(folder.resolve("classes"));
    Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
    Files.writeString(file, source);
    StringWriter errors = new StringWriter();
    boolean ok = compiler.getTask(errors, null, null,
        List.of("-classpath", testClassPath(), "-d", classes.toString()), null,
        compiler.getStandardFileManager(null, null, null).getJavaFileObjects(file.toFile())).call();
    assertThat(errors.toString()).isEmpty();
    assertThat(ok).isTrue();
    return Class.forName(className, true, new URLClassLoader(new URL[] {classes.toUri().toURL()},
        ToolingTest.class.getClassLoader()));
  }

  private static String testClassPath() {
    List<String> entries = new ArrayList<>();
    for (String path : new String[] {System.getProperty("surefire.test.class.path", ""),
        System.getProperty("java.class.path")}) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty() && !entries.contains(entry)) {
          entries.add(entry);
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static boolean dotInstalled() {
    try {
      run("", "dot", "-V");
      return true;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(String input, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output;
    try (InputStream stdout = process.getInputStream()) {
      output = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed");
    }
    return output;
  }
}
