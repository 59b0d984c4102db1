package dev.aijson.tools.graphs;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.testing.Graphviz;
import dev.aijson.testing.TestDocuments;
import org.junit.jupiter.api.Test;

/** DOT and Mermaid pictures of a document, and the DOT rendered by Graphviz where it is installed. */
class AiJsonGraphsTest {
  private static final AiJsonDocument PIPELINE = document("pipeline.json");

  /** Returns the document {@code name} of src/test/resources/dev/aijson/tools/graphs, parsed. */
  private static AiJsonDocument document(String name) {
    return AiJsonDocument.parse(TestDocuments.read(AiJsonGraphsTest.class, name));
  }

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
  void toMermaid_dollarSigns_areEntityCodesSoThatMermaidDrawsNoMath() {
    AiJsonDocument prices = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "constructor", "module": "com.acme", "caller": "Outer$Pricer",
                   "signature": ["java.lang.String", "java.lang.String"],
                   "kwargs": {"low": "$$price", "high": "$$cost"}}}}
        """);

    assertThat(AiJsonGraphs.toMermaid(prices)).isEqualTo("""
        flowchart TD
          var0["var0 Outer#36;Pricer<br/>low = #quot;#36;#36;price#quot;<br/>high = #quot;#36;#36;cost#quot;"]
        """);
  }

  @Test
  void toTree_newlineInAKeyAndAMapKey_staysOnItsLine() {
    AiJsonDocument odd = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "constructor", "module": "com.acme", "caller": "Tok",
                   "key": "@com.google.inject.name.Named(\\"line\\nbreak\\") com.acme.Tok",
                   "signature": [], "kwargs": {}},
          "var1": {"kind": "constructor", "module": "com.acme", "caller": "Top",
                   "signature": ["java.util.Map<java.lang.String, com.acme.Tok>"],
                   "kwargs": {"byName": {"a\\u001bb": "$var0"}}}}}
        """);

    assertThat(AiJsonGraphs.toTree("odd.json", odd)).isEqualTo("""
        odd.json: 2 vars
        var1 Top
        └─ byName
           └─ a\\u001bb: var0 Tok  [key @Named("line\\u000abreak") Tok]
        """);
  }

  /** A document of one var whose recording stopped at the given cut. */
  private static AiJsonDocument cutAt(String cut) {
    return AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "constructor", "module": "com.acme", "caller": "Clock",
                   "signature": [], "kwargs": {}}},
         "cut": %s}
        """.formatted(cut));
  }

  @Test
  void toTree_cutAtTheByteBudget_namesTheBudgetNotTheVarCap() {
    String tree = AiJsonGraphs.toTree("cut.json",
        cutAt("{\"cap\": 100000, \"bytes\": 600, \"dropped\": 16}"));

    assertThat(tree).startsWith("cut.json: 1 var; cut at its byte budget of 600 bytes, 16 more not"
        + " recorded\n");
  }

  @Test
  void toTree_cutAtTheVarCap_namesTheCap() {
    String tree = AiJsonGraphs.toTree("cut.json", cutAt("{\"cap\": 1, \"dropped\": 16}"));

    assertThat(tree).startsWith("cut.json: 1 var; cut at 1 vars, 16 more not recorded\n");
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
    assertThat(AiJsonGraphs.toDot(document("empty.json")))
        .endsWith("edge [fontname=\"Helvetica\", fontsize=9];\n}\n");
  }

  /** Regression (issue 13): a NUL in a key went raw into the DOT label and Graphviz failed. */
  @Test
  void toDotAndMermaid_controlCharacterInAKey_isWrittenVisibly() {
    AiJsonDocument document = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "opaque", "module": "acme", "caller": "Clock",
            "key": "@com.google.inject.name.Named(\\"a\\u0000b\\nc\\") acme.Clock"}}}
        """);

    String dot = AiJsonGraphs.toDot(document);
    String mermaid = AiJsonGraphs.toMermaid(document);

    assertThat(dot).contains("key @Named(\\\"a\\\\u0000b\\\\u000ac\\\") Clock");
    assertThat(mermaid).contains("key @Named(#quot;a\\u0000b\\u000ac#quot;) Clock");
    for (char c : (dot + mermaid).toCharArray()) {
      assertThat(c == '\n' || c >= 0x20).isTrue();
    }
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
    assumeTrue(Graphviz.isInstalled(), "Graphviz dot is not installed");

    String svg = Graphviz.toSvg(AiJsonGraphs.toDot(PIPELINE));

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
}
