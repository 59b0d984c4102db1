package dev.aijson.tools.graphs;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aijson.core.AiJsonDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DOT and Mermaid pictures of a document, and the DOT rendered by Graphviz where it is installed. */
class AiJsonGraphsTest {
  private static final AiJsonDocument PIPELINE = AiJsonDocument.parse("""
      {
        "aijson": 1,
        "vars": {
          "var0": {"kind": "constructor", "module": "com.acme", "caller": "SubwordTokenizer",
                   "key": "com.acme.Tokenizer", "scope": "singleton",
                   "signature": ["java.lang.String", "int"],
                   "kwargs": {"file": "say \\"hi\\" #1 <b>", "vocabSize": 100}},
          "var1": {"kind": "provides", "module": "com.acme", "caller": "SentimentModule#layer",
                   "key": "@com.google.inject.name.Named(\\"main\\") com.acme.Layer",
                   "signature": ["int"], "kwargs": {"nSymbols": 100}},
          "var2": {"kind": "opaque", "module": "com.acme", "caller": "DataSource"},
          "var3": {"kind": "constructor", "module": "com.acme", "caller": "Pipeline",
                   "signature": ["com.acme.Tokenizer", "java.util.List<com.acme.Layer>",
                                 "com.acme.Tokenizer", "com.acme.DataSource"],
                   "kwargs": {"encoder": "$var0", "layers": ["$var1"], "decoder": "$var0",
                              "source": "$var2"}},
          "var4": {"kind": "call", "module": "com.acme", "caller": "Pipeline#fit",
                   "receiver": "$var3", "signature": ["int"], "kwargs": {"epochs": 5}}
        }
      }
      """);

  @Test
  void toDot_pipeline_drawsEachVarOnceAndEachReferenceAsALabelledEdge() {
    assertThat(AiJsonGraphs.toDot(PIPELINE)).isEqualTo("""
        digraph aijson {
          node [shape=box, fontname="Helvetica", fontsize=10];
          edge [fontname="Helvetica", fontsize=9];
          var0 [label="var0 SubwordTokenizer\\nsingleton, key Tokenizer\\lfile = \\"say \\\\\\"hi\\\\\\" #1 <b>\\"\\lvocabSize = 100\\l", peripheries=2];
          var1 [label="var1 SentimentModule#layer\\nprovides, key @Named(\\"main\\") Layer\\lnSymbols = 100\\l", style=rounded];
          var2 [label="var2 DataSource\\nopaque\\l", style=dashed];
          var3 [label="var3 Pipeline\\n"];
          var4 [label="var4 Pipeline#fit\\ncall\\lepochs = 5\\l", shape=ellipse];
          var3 -> var0 [label="encoder"];
          var3 -> var1 [label="layers[0]"];
          var3 -> var0 [label="decoder"];
          var3 -> var2 [label="source"];
          var4 -> var3 [label="receiver", style=dashed];
        }
        """);
  }

  @Test
  void toMermaid_pipeline_escapesLabelsAndMarksSingletonsAndOpaqueVars() {
    assertThat(AiJsonGraphs.toMermaid(PIPELINE)).isEqualTo("""
        flowchart TD
          var0["var0 SubwordTokenizer<br/>singleton, key Tokenizer<br/>file = #quot;say \\#quot;hi\\#quot; #35;1 #lt;b#gt;#quot;<br/>vocabSize = 100"]
          var1("var1 SentimentModule#35;layer<br/>provides, key @Named(#quot;main#quot;) Layer<br/>nSymbols = 100")
          var2["var2 DataSource<br/>opaque"]
          var3["var3 Pipeline"]
          var4(["var4 Pipeline#35;fit<br/>call<br/>epochs = 5"])
          var3 -->|"encoder"| var0
          var3 -->|"layers[0]"| var1
          var3 -->|"decoder"| var0
          var3 -->|"source"| var2
          var4 -.->|"receiver"| var3
          classDef singleton stroke-width:3px
          class var0 singleton
          classDef opaque stroke-dasharray:5 5
          class var2 opaque
        """);
  }

  private static final AiJsonDocument FACTORY = AiJsonDocument.parse("""
      {
        "aijson": 1,
        "vars": {
          "var0": {"kind": "factory", "module": "com.acme", "caller": "EncoderFactory",
                   "key": "com.acme.EncoderFactory"},
          "var1": {"kind": "constructor", "module": "com.acme", "caller": "LstmEncoder",
                   "signature": ["int"], "kwargs": {"layers": 4},
                   "factory": {"key": "com.acme.EncoderFactory", "method": "create", "assisted": ["layers"]}},
          "var2": {"kind": "constructor", "module": "com.acme", "caller": "Classifier",
                   "signature": ["com.acme.EncoderFactory"], "kwargs": {"encoders": "$var0"}}
        }
      }
      """);

  @Test
  void toDotAndToMermaid_factory_drawTheFactoryAndNameTheMethodOfWhatItMade() {
    assertThat(AiJsonGraphs.toDot(FACTORY)).contains("""
          var0 [label="var0 EncoderFactory\\nfactory\\l", shape=component];
          var1 [label="var1 LstmEncoder\\nmade by EncoderFactory#create\\llayers = 4\\l"];
        """);
    assertThat(AiJsonGraphs.toMermaid(FACTORY)).contains("""
          var0{{"var0 EncoderFactory<br/>factory"}}
          var1["var1 LstmEncoder<br/>made by EncoderFactory#35;create<br/>layers = 4"]
        """);
  }

  @Test
  void toDot_emptyDocument_isAnEmptyGraph() {
    assertThat(AiJsonGraphs.toDot(AiJsonDocument.parse("{\"aijson\": 1, \"vars\": {}}")))
        .endsWith("edge [fontname=\"Helvetica\", fontsize=9];\n}\n");
  }

  @Test
  void toDot_null_isAProgrammingError() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AiJsonGraphs.toDot(null));

    assertThat(e).hasMessageThat()
        .isEqualTo("AiJsonGraphs.toDot needs a document, but got null. Pass a parsed AiJsonDocument.");
  }

  @Test
  void toDot_renderedByGraphviz_givesAnSvgWithEveryNodeAndEdge() throws Exception {
    assumeTrue(dotInstalled(), "Graphviz dot is not installed");

    String svg = run(AiJsonGraphs.toDot(PIPELINE), "dot", "-Tsvg");

    assertThat(svg).contains("<svg");
    for (int i = 0; i <= 4; i++) {
      assertThat(svg).contains("<title>var" + i + "</title>");
    }
    assertThat(svg).contains("<title>var3&#45;&gt;var0</title>");
    assertThat(svg).contains("<title>var4&#45;&gt;var3</title>");
    assertThat(svg).contains(">var0 SubwordTokenizer</text>");
    assertThat(svg).contains(">vocabSize = 100</text>");
    assertThat(svg).contains(">layers[0]</text>");
  }

  private static boolean dotInstalled() {
    try {
      return run("", "dot", "-V") != null;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(String input, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 30 seconds");
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue()
          + ": " + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return output;
  }
}
