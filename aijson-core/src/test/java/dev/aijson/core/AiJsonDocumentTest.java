package dev.aijson.core;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonVar.Kind;
import dev.aijson.testing.TestDocuments;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON form of a document: its exact layout, round trips, {@code $} escaping, the cut. */
class AiJsonDocumentTest {

  /** A document in the exact layout toJson writes. */
  private static final String SMALL_JSON = document("small.json");

  /** Returns the document {@code name} of src/test/resources/dev/aijson/core. */
  private static String document(String name) {
    return TestDocuments.read(AiJsonDocumentTest.class, name);
  }

  /** The document SMALL_JSON stands for, built through the API. */
  private static AiJsonDocument smallDocument() {
    Map<String, Object> tokenizerKwargs = new LinkedHashMap<>();
    tokenizerKwargs.put("file", "corpus.txt");
    tokenizerKwargs.put("vocabSize", 100);
    Map<String, Object> pipelineKwargs = new LinkedHashMap<>();
    pipelineKwargs.put("tokenizer", AiJsonRef.to("var0"));
    pipelineKwargs.put("labels", List.of("good", "bad"));
    return AiJsonDocument.of(
        List.of(
            new AiJsonVar(
                "var0",
                Kind.CONSTRUCTOR,
                "com.acme",
                "Tokenizer",
                "com.acme.Tokenizer",
                true,
                null,
                List.of("java.lang.String", "int"),
                tokenizerKwargs,
                Map.of()),
            new AiJsonVar(
                "var1",
                Kind.CONSTRUCTOR,
                "com.acme",
                "Pipeline",
                null,
                false,
                null,
                List.of("com.acme.Tokenizer", "java.util.List<java.lang.String>"),
                pipelineKwargs,
                Map.of("seed", 7L)),
            new AiJsonVar(
                "var2",
                Kind.CALL,
                "com.acme",
                "Pipeline#fit",
                null,
                false,
                AiJsonRef.to("var1"),
                List.of("double"),
                Map.of("learningRate", new BigDecimal("0.1")),
                Map.of())));
  }

  private static AiJsonVar opaque(String name) {
    return new AiJsonVar(
        name,
        Kind.OPAQUE,
        "com.acme",
        "DataSource",
        null,
        false,
        null,
        List.of(),
        Map.of(),
        Map.of());
  }

  private static AiJsonVar constructorWith(String name, String kwarg, Object value) {
    return new AiJsonVar(
        name,
        Kind.CONSTRUCTOR,
        "com.acme",
        "Scorer",
        null,
        false,
        null,
        List.of("java.lang.Object"),
        Map.of(kwarg, value),
        Map.of());
  }

  @Test
  public void toJson_smallDocument_isExactDeterministicLayout() {
    assertThat(smallDocument().toJson()).isEqualTo(SMALL_JSON);
  }

  @Test
  public void toJson_emptyDocument_writesEmptyVarsAndFinalNewline() {
    assertThat(AiJsonDocument.of(List.of()).toJson())
        .isEqualTo("{\n  \"aijson\": 1,\n  \"vars\": {}\n}\n");
  }

  @Test
  public void toJson_opaqueVar_hasNoSignatureOrKwargs() {
    String json = AiJsonDocument.of(List.of(opaque("var0"))).toJson();

    assertThat(json)
        .isEqualTo(
            """
            {
              "aijson": 1,
              "vars": {
                "var0": {
                  "kind": "opaque",
                  "module": "com.acme",
                  "caller": "DataSource"
                }
              }
            }
            """);
  }

  @Test
  public void toJson_arrayOfObjects_putsEachElementOnItsOwnLines() {
    AiJsonDocument doc =
        AiJsonDocument.of(List.of(constructorWith("var0", "layers", List.of(Map.of("n", 1L)))));

    assertThat(doc.toJson())
        .contains(
            "      \"kwargs\": {\n"
                + "        \"layers\": [\n"
                + "          {\n"
                + "            \"n\": 1\n"
                + "          }\n"
                + "        ]\n"
                + "      }\n");
  }

  @Test
  public void toJson_controlCharactersAndQuotes_areEscaped() {
    AiJsonDocument doc =
        AiJsonDocument.of(List.of(constructorWith("var0", "text", "a \"b\"\n\tc\\d\u0001")));

    assertThat(doc.toJson()).contains("\"text\": \"a \\\"b\\\"\\n\\tc\\\\d\\u0001\"");
    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  @Test
  public void parse_exactLayout_givesTheDocumentItStandsFor() {
    assertThat(AiJsonDocument.parse(SMALL_JSON)).isEqualTo(smallDocument());
  }

  @Test
  public void parse_toJson_roundTripsToAnEqualDocument() {
    AiJsonDocument doc = smallDocument();

    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  // regression: two documents whose kwargs differ only in order were equal, though replay matches
  // the n-th kwarg to the n-th parameter and their JSON differs
  @Test
  public void equals_kwargsInAnotherOrder_isFalse() {
    String swapped = SMALL_JSON.replace("\"file\": \"corpus.txt\",\n        \"vocabSize\": 100",
        "\"vocabSize\": 100,\n        \"file\": \"corpus.txt\"");
    assertThat(swapped).isNotEqualTo(SMALL_JSON);

    assertThat(AiJsonDocument.parse(swapped)).isNotEqualTo(smallDocument());
    assertThat(AiJsonDocument.parse(SMALL_JSON)).isEqualTo(smallDocument());
  }

  @Test
  public void toJson_afterParse_isByteIdentical() {
    String json = smallDocument().toJson();

    assertThat(AiJsonDocument.parse(json).toJson()).isEqualTo(json);
  }

  @Test
  public void parse_compactJson_isReWrittenInTheCanonicalLayout() {
    String compact = SMALL_JSON.replaceAll("\\s*\n\\s*", "");

    assertThat(AiJsonDocument.parse(compact).toJson()).isEqualTo(SMALL_JSON);
  }

  @Test
  public void parse_numbers_keepTheirJsonTypes() {
    AiJsonVar var =
        AiJsonDocument.parse(
                SMALL_JSON.replace("\"vocabSize\": 100", "\"vocabSize\": 123456789012345678901234"))
            .var("var0");

    assertThat(var.kwargs().get("vocabSize"))
        .isEqualTo(new java.math.BigInteger("123456789012345678901234"));
    assertThat(AiJsonDocument.parse(SMALL_JSON).var("var0").kwargs().get("vocabSize"))
        .isEqualTo(100L);
    assertThat(AiJsonDocument.parse(SMALL_JSON).var("var2").kwargs().get("learningRate"))
        .isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  public void parse_numberInExponentForm_roundTrips() {
    AiJsonDocument read =
        AiJsonDocument.parse(SMALL_JSON.replace("\"vocabSize\": 100", "\"vocabSize\": 1e2"));

    assertThat(read.var("var0").kwargs().get("vocabSize")).isEqualTo(new BigDecimal("1e2"));
    assertThat(AiJsonDocument.parse(read.toJson())).isEqualTo(read);
  }

  @Test
  public void of_integralBigNumbers_areHeldAsTheReaderGivesThemBack() {
    AiJsonVar var =
        new AiJsonVar(
            "var0",
            Kind.CONSTRUCTOR,
            "com.acme",
            "Scorer",
            null,
            false,
            null,
            List.of("java.math.BigInteger", "java.math.BigDecimal"),
            Map.of("count", java.math.BigInteger.valueOf(5), "price", new BigDecimal("10")),
            Map.of());

    assertThat(var.kwargs()).containsExactly("count", 5L, "price", 10L);
    assertThat(AiJsonDocument.parse(AiJsonDocument.of(List.of(var)).toJson()).var("var0"))
        .isEqualTo(var);
  }

  @Test
  public void toJson_stringStartingWithDollar_isWrittenWithOneMoreDollar() {
    AiJsonDocument doc = AiJsonDocument.of(List.of(constructorWith("var0", "column", "$price")));

    assertThat(doc.toJson()).contains("\"column\": \"$$price\"");
  }

  @Test
  public void parse_doubleDollarString_isReadWithOneDollarLess() {
    AiJsonDocument doc = AiJsonDocument.of(List.of(constructorWith("var0", "column", "$price")));

    AiJsonDocument read = AiJsonDocument.parse(doc.toJson());

    assertThat(read.var("var0").kwargs().get("column")).isEqualTo("$price");
    assertThat(read).isEqualTo(doc);
  }

  @Test
  public void toJson_loneDollarAndDoubleDollar_roundTrip() {
    AiJsonDocument doc =
        AiJsonDocument.of(
            List.of(
                new AiJsonVar(
                    "var0",
                    Kind.CONSTRUCTOR,
                    "com.acme",
                    "Scorer",
                    null,
                    false,
                    null,
                    List.of("java.lang.String", "java.lang.String"),
                    Map.of("a", "$", "b", "$$var0"),
                    Map.of())));

    AiJsonDocument read = AiJsonDocument.parse(doc.toJson());

    assertThat(read.var("var0").kwargs()).containsExactly("a", "$", "b", "$$var0");
  }

  @Test
  public void parse_dollarVarName_isAReference() {
    String json =
        AiJsonDocument.of(
                List.of(
                    opaque("var0"),
                    opaque("var1"),
                    opaque("var2"),
                    constructorWith("var3", "source", AiJsonRef.to("var2"))))
            .toJson();

    Object source = AiJsonDocument.parse(json).var("var3").kwargs().get("source");

    assertThat(json).contains("\"source\": \"$var2\"");
    assertThat(source).isInstanceOf(AiJsonRef.class);
    assertThat(source).isEqualTo(AiJsonRef.to("var2"));
  }

  @Test
  public void parse_dollarStringThatIsNoReference_isRefusedWithItsPointer() {
    String json = document("dollar-string-that-is-no-reference.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/note");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "\"$oops\" at /vars/var0/kwargs/note starts with $ but is not a reference such as"
                + " \"$var3\". Write a string that starts with $ as \"$$oops\".");
  }

  @Test
  public void parse_cutSection_givesCapAndDroppedVars() {
    AiJsonDocument doc = AiJsonDocument.of(List.of(opaque("var0")), 1, 41);

    String json = doc.toJson();
    AiJsonDocument read = AiJsonDocument.parse(json);

    assertThat(json).contains(",\n  \"cut\": {\n    \"cap\": 1,\n    \"dropped\": 41\n  }\n}\n");
    assertThat(read.isCut()).isTrue();
    assertThat(read.cap()).isEqualTo(1);
    assertThat(read.droppedVars()).isEqualTo(41);
    assertThat(read).isEqualTo(doc);
    assertThat(read.toJson()).isEqualTo(json);
  }

  @Test
  public void parse_cutSectionWithBytes_givesTheByteBudgetThatCutIt() {
    String json = AiJsonDocument.of(List.of(opaque("var0")), 1, 41).toJson()
        .replace("\"cap\": 1,", "\"cap\": 100000,\n    \"bytes\": 67108864,");

    AiJsonDocument read = AiJsonDocument.parse(json);

    assertThat(read.cap()).isEqualTo(100_000);
    assertThat(read.byteBudget()).isEqualTo(64L << 20);
    assertThat(read.droppedVars()).isEqualTo(41);
    assertThat(read.toJson()).isEqualTo(json);
  }

  @Test
  public void parse_cutSectionWithNegativeBytes_isRefusedAtItsPointer() {
    String json = AiJsonDocument.of(List.of(opaque("var0")), 1, 41).toJson()
        .replace("\"cap\": 1,", "\"cap\": 1,\n    \"bytes\": -5,");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json));

    assertThat(e).hasMessageThat().isEqualTo("\"bytes\" in cut must be a whole number from 0 to"
        + " 9223372036854775807, not the number -5. Fix it at /cut/bytes.");
    assertThat(e.path()).isEqualTo("/cut/bytes");
  }

  @Test
  public void cap_cutAtTheVarCap_hasNoByteBudget() {
    AiJsonDocument doc = AiJsonDocument.of(List.of(opaque("var0")), 1, 41);

    assertThat(doc.byteBudget()).isEqualTo(0);
    assertThat(doc.toJson()).doesNotContain("\"bytes\"");
  }

  @Test
  public void of_negativeCap_isRejectedNamingTheRule() {
    List<AiJsonVar> vars = smallDocument().vars();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AiJsonDocument.of(vars, -3, 2));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonDocument.of: cap is -3 and droppedVars is 2, but"
        + " both must be 0 or more: a document with a negative \"cap\" or \"dropped\" in its cut"
        + " section could not be read back. Pass 0 and 0 for a document that was not cut.");
  }

  @Test
  public void of_nullVar_isRejectedNamingItsIndex() {
    List<AiJsonVar> vars = java.util.Arrays.asList(smallDocument().vars().get(0), null);

    NullPointerException e = assertThrows(NullPointerException.class, () -> AiJsonDocument.of(vars));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonDocument.of: vars[1] is null. Pass a list of vars"
        + " without null elements.");
  }

  @Test
  public void toJson_notCut_hasNoCutSection() {
    AiJsonDocument doc = smallDocument();

    assertThat(doc.isCut()).isFalse();
    assertThat(doc.droppedVars()).isEqualTo(0);
    assertThat(doc.toJson()).doesNotContain("\"cut\"");
  }

  @Test
  public void equals_cutAndUncutDocuments_differ() {
    List<AiJsonVar> vars = List.of(opaque("var0"));

    assertThat(AiJsonDocument.of(vars, 1, 3)).isNotEqualTo(AiJsonDocument.of(vars));
  }

  /** Regression: a cap with nothing dropped was kept by parse but lost by toJson. */
  @Test
  public void parse_cutWithNothingDropped_roundTripsToAnEqualDocument() {
    String json = document("cut-with-nothing-dropped.json");

    AiJsonDocument read = AiJsonDocument.parse(json);

    assertThat(read.isCut()).isFalse();
    assertThat(AiJsonDocument.parse(read.toJson())).isEqualTo(read);
  }

  @Test
  public void parse_badCut_isRefusedAtTheField() {
    String json = document("cut-with-negative-dropped.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json));

    assertThat(e.path()).isEqualTo("/cut/dropped");
    assertThat(e).hasMessageThat().contains("must be a whole number from 0 to 9223372036854775807, not the number -1. Fix it at /cut/");
  }

  @Test
  public void parse_environment_isKeptAndRewrittenButIgnoredByEquals() {
    String json = document("small-with-environment.json");

    AiJsonDocument read = AiJsonDocument.parse(json);

    assertThat(read.environment()).containsExactly("java", "17.0.2");
    assertThat(read.toJson()).isEqualTo(json);
    assertThat(read).isEqualTo(smallDocument());
  }

  @Test
  public void var_unknownName_isRefusedNamingTheVarsThatExist() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> smallDocument().var("var9"));

    assertThat(e.path()).isEqualTo("/vars/var9");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("var(\"var9\"): the document has no var \"var9\"; it has var0 to var2. Name"
            + " one of those.");
  }

  @Test
  public void var_unknownNameInADocumentWithGaps_namesTheVarsItHas() {
    AiJsonDocument document = AiJsonDocument.parse("{\"aijson\": 1, \"vars\": {"
        + "\"var0\": {\"kind\": \"opaque\", \"module\": \"a\", \"caller\": \"A\"},"
        + " \"var7\": {\"kind\": \"opaque\", \"module\": \"a\", \"caller\": \"A\"}}}");

    AiJsonException e = assertThrows(AiJsonException.class, () -> document.var("var3"));

    assertThat(e).hasMessageThat().isEqualTo("var(\"var3\"): the document has no var \"var3\"; it"
        + " has var0 and var7. Name one of those.");
  }

  @Test
  public void find_name_returnsTheVarOrEmpty() {
    assertThat(smallDocument().find("var1").get().caller()).isEqualTo("Pipeline");
    assertThat(smallDocument().find("var7")).isEmpty();
  }

  @Test
  public void of_forwardReference_isRefused() {
    AiJsonException e =
        assertThrows(
            AiJsonException.class,
            () ->
                AiJsonDocument.of(
                    List.of(
                        constructorWith("var0", "source", AiJsonRef.to("var1")), opaque("var1"))));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/source");
    assertThat(e).hasMessageThat().contains("not an earlier var");
  }

  @Test
  public void withVar_changedKwarg_isWrittenAndOriginalIsUnchanged() {
    AiJsonDocument doc = smallDocument();

    AiJsonDocument changed = doc.withVar(doc.var("var0").withKwarg("vocabSize", 512L));

    assertThat(changed.var("var0").kwargs().get("vocabSize")).isEqualTo(512L);
    assertThat(doc.var("var0").kwargs().get("vocabSize")).isEqualTo(100L);
    assertThat(changed.toJson()).contains("\"vocabSize\": 512");
  }

  @Test
  public void withVar_referenceToLaterVar_isRefused() {
    AiJsonDocument doc = smallDocument();

    AiJsonException e =
        assertThrows(
            AiJsonException.class,
            () -> doc.withVar(doc.var("var1").withKwarg("tokenizer", AiJsonRef.to("var2"))));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/tokenizer");
  }

  @Test
  public void pointer_tokensWithSlashAndTilde_areEscaped() {
    assertThat(AiJsonException.pointer("vars", "a/b~c", 0)).isEqualTo("/vars/a~1b~0c/0");
  }

  @Test
  void override_nestedValue_isReplacedWithoutLoadingClasses() {
    AiJsonDocument changed = smallDocument().override("var1.kwargs.labels.1", "ugly");

    assertThat(changed.var("var1").kwargs().get("labels")).isEqualTo(List.of("good", "ugly"));
    assertThat(smallDocument().var("var1").kwargs().get("labels")).isEqualTo(List.of("good", "bad"));
  }

  @Test
  void override_listOfReferences_keepsThemReferences() {
    AiJsonDocument changed = smallDocument().override("var1.kwargs.labels",
        List.of(AiJsonRef.to("var0"), "$plain"));

    assertThat(changed.var("var1").kwargs().get("labels"))
        .isEqualTo(List.of(AiJsonRef.to("var0"), "$plain"));
    assertThat(changed.toJson()).contains("\"labels\": [\"$var0\", \"$$plain\"]");
  }

  /** Returns {@code innermost} inside {@code levels} lists. */
  private static Object nested(int levels, Object innermost) {
    Object value = innermost;
    for (int i = 0; i < levels; i++) {
      value = List.of(value);
    }
    return value;
  }

  /** A record that holds another of its kind, as deep as it is made. */
  record Node(Node next) {}

  /**
   * Broke: a list nested past 32 levels (the recorder's bound) was refused as
   * "java.util.ImmutableCollections$List12 is not a JSON value", though documents nest deeper.
   */
  @Test
  void override_listNested40Deep_isTaken() {
    AiJsonDocument changed = smallDocument().override("var1.kwargs.labels", nested(40, "good"));

    assertThat(changed.var("var1").kwargs().get("labels")).isEqualTo(nested(40, "good"));
  }

  @Test
  void override_listNestedDeeperThanADocumentHoldsIt_isRefusedNamingTheRule() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> smallDocument().override("var1.kwargs.labels", nested(253, "good")));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/labels");
    assertThat(e).hasMessageThat().isEqualTo("override(\"var1.kwargs.labels\"): the value nests"
        + " lists, maps, arrays and records deeper than 252 levels, the most a document holds there"
        + " (below /vars/var1/kwargs/labels, with AiJsonLimits.maxDepth at its ceiling, 256), or"
        + " contains itself. Pass a value without cycles that nests less.");
  }

  @Test
  void override_ofANodeInsideAList_leavesOneLevelFewer() {
    assertThat(smallDocument().override("var1.kwargs.labels.1", nested(251, "ugly"))
        .var("var1").kwargs().get("labels")).isEqualTo(List.of("good", nested(251, "ugly")));

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> smallDocument().override("var1.kwargs.labels.1", nested(252, "ugly")));

    assertThat(e).hasMessageThat().contains("deeper than 251 levels");
  }

  @Test
  void override_recordsNestedDeeperThanADocumentHoldsThem_areRefusedNamingTheRule() {
    Node node = null;
    for (int i = 0; i < 300; i++) {
      node = new Node(node);
    }
    Node deep = node;

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> smallDocument().override("var1.kwargs.labels", deep));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/labels");
    assertThat(e).hasMessageThat().isEqualTo("override(\"var1.kwargs.labels\"): the value nests"
        + " lists, maps, arrays and records deeper than 252 levels, the most a document holds there"
        + " (below /vars/var1/kwargs/labels, with AiJsonLimits.maxDepth at its ceiling, 256). Pass"
        + " a value that nests less.");
  }

  @Test
  void override_unknownKwarg_throwsNamingWhatExists() {
    AiJsonException e = assertThrows(AiJsonException.class,
        () -> smallDocument().override("var0.kwargs.vocab", 3));

    assertThat(e).hasMessageThat().isEqualTo("override(\"var0.kwargs.vocab\"): var0"
        + " (com.acme.Tokenizer) has no kwarg \"vocab\"; it has file, vocabSize. Name one of those.");
  }

  @Test
  void override_nullPath_throwsNullPointerExceptionNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> smallDocument().override(null, 3));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonDocument.override: dottedPath is null. Pass a"
        + " path such as \"var1.kwargs.nHidden\".");
  }
}
