package dev.aijson.truth;

import static com.google.common.truth.ExpectFailure.assertThat;
import static com.google.common.truth.ExpectFailure.expectFailureAbout;
import static com.google.common.truth.Truth.assertThat;
import static dev.aijson.truth.AiJsonSubjects.documents;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.truth.ExpectFailure.SimpleSubjectBuilderCallback;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonVar;
import dev.aijson.testing.TestDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The document, var and value subjects: passing assertions and their failure facts. */
class AiJsonSubjectsTest {
  private static final AiJsonDocument PIPELINE =
      AiJsonDocument.parse(TestDocuments.read(AiJsonSubjectsTest.class, "pipeline.json"));

  /** An enum like the one the recorded Pipeline takes. */
  enum Mode { FAST, EXACT }

  private static AssertionError failure(
      SimpleSubjectBuilderCallback<DocumentSubject, AiJsonDocument> callback) {
    return expectFailureAbout(documents(), callback);
  }

  @Test
  void var_kwargEqualToInt_passes() {
    AiJsonSubjects.assertThat(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isEqualTo(100);
    AiJsonSubjects.assertThat(PIPELINE).var("SubwordTokenizer").kwarg("file").isEqualTo("corpus.txt");
  }

  @Test
  void kwarg_javaValues_compareAsTheRecorderWritesThem() {
    AiJsonSubjects.assertThat(PIPELINE).var("SentimentModule#layer").kwarg("rate").isEqualTo(0.5);
    AiJsonSubjects.assertThat(PIPELINE).var("SentimentModule#layer").kwarg("labels")
        .isEqualTo(List.of("good", "bad"));
    AiJsonSubjects.assertThat(PIPELINE).var("Pipeline").kwarg("mode").isEqualTo(Mode.FAST);
    AiJsonSubjects.assertThat(PIPELINE).var("Pipeline").member("seed").isEqualTo(7L);
  }

  @Test
  void var_byBinaryNameOrFullCaller_findsTheSameVar() {
    AiJsonSubjects.assertThat(PIPELINE).var("com.acme.Fixtures$SentimentModule#layer").hasKey("com.acme.Layer");
    AiJsonSubjects.assertThat(PIPELINE).var("Fixtures$SentimentModule#layer").hasKind(AiJsonVar.Kind.PROVIDES);
  }

  @Test
  void kwarg_referenceToVar_passes() {
    AiJsonSubjects.assertThat(PIPELINE).var("Pipeline").kwarg("tokenizer").isReferenceTo("SubwordTokenizer");
  }

  @Test
  void scopeAndCount_asRecorded_pass() {
    AiJsonSubjects.assertThat(PIPELINE).var("SubwordTokenizer").isSingleton();
    AiJsonSubjects.assertThat(PIPELINE).var("Pipeline").isNotSingleton();
    AiJsonSubjects.assertThat(PIPELINE).hasVarCount(5);
    AiJsonSubjects.assertThat(PIPELINE).hasVar("Dense");
    AiJsonSubjects.assertThat(PIPELINE).doesNotHaveVar("Sparse");
    AiJsonSubjects.assertThat(PIPELINE).isNotCut();
    AiJsonSubjects.assertThat(PIPELINE).hasSameWiringAs(PIPELINE.withEnvironment(java.util.Map.of("java", "21")));
  }

  @Test
  void var_missingCaller_failsNamingTheCallersItHas() {
    AssertionError e = failure(that -> that.that(PIPELINE).var("WordTokenizer"));

    assertThat(e).factKeys().containsExactly("expected var with caller", "but document had").inOrder();
    assertThat(e).factValue("expected var with caller").isEqualTo("WordTokenizer");
    assertThat(e).factValue("but document had").isEqualTo("var0 SubwordTokenizer,"
        + " var1 Fixtures$SentimentModule#layer, var2 Pipeline, var3 Dense, var4 Dense");
  }

  @Test
  void var_twoVarsWithTheCaller_failsNamingBoth() {
    AssertionError e = failure(that -> that.that(PIPELINE).var("Dense"));

    assertThat(e).factValue("expected exactly one var with caller").isEqualTo("Dense");
    assertThat(e).factValue("but document had 2").isEqualTo("var3, var4");
    assertThat(e).factKeys().contains("use varNamed(\"var3\") to pick one");
  }

  @Test
  void kwarg_otherValue_failsWithExpectedAndActual() {
    AssertionError e = failure(that ->
        that.that(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isEqualTo(200));

    assertThat(e).factValue("value of").isEqualTo("document.var(SubwordTokenizer).kwarg(vocabSize)");
    assertThat(e).factValue("expected").isEqualTo("200");
    assertThat(e).factValue("but was").isEqualTo("100");
  }

  @Test
  void isNotEqualTo_theRecordedValueInAnotherJavaType_fails() {
    AssertionError e = failure(that ->
        that.that(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isNotEqualTo(100));

    assertThat(e).factValue("expected not to be").isEqualTo("100");
    assertThat(e).factValue("value of").isEqualTo("document.var(SubwordTokenizer).kwarg(vocabSize)");
    AssertionError mode = failure(that ->
        that.that(PIPELINE).var("Pipeline").kwarg("mode").isNotEqualTo(Mode.FAST));
    assertThat(mode).factValue("expected not to be").isEqualTo("FAST");
  }

  @Test
  void isNotEqualTo_anotherValue_passes() {
    AiJsonSubjects.assertThat(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isNotEqualTo(200);
    AiJsonSubjects.assertThat(PIPELINE).var("Pipeline").kwarg("mode").isNotEqualTo(Mode.EXACT);
  }

  // regression: isIn, isAnyOf, isNotIn and isNoneOf compared a recorded Long with an Integer by
  // Java equality, as isNotEqualTo did: isAnyOf(100, 200) failed for a recorded 100
  @Test
  void isInAndIsAnyOf_theRecordedValueInAnotherJavaType_pass() {
    AiJsonSubjects.assertThat(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isIn(List.of(100, 200));
    AiJsonSubjects.assertThat(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isAnyOf(200, 100);
    AiJsonSubjects.assertThat(PIPELINE).var("Pipeline").kwarg("mode").isAnyOf(Mode.EXACT, Mode.FAST);
  }

  @Test
  void isNotInAndIsNoneOf_theRecordedValueInAnotherJavaType_fail() {
    AssertionError notIn = failure(that ->
        that.that(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isNotIn(List.of(100, 200)));
    assertThat(notIn).factValue("expected not to be any of").isEqualTo("[100, 200]");
    AssertionError noneOf = failure(that ->
        that.that(PIPELINE).var("Pipeline").kwarg("mode").isNoneOf(Mode.EXACT, Mode.FAST));
    assertThat(noneOf).factValue("expected not to be any of").isEqualTo("[EXACT, FAST]");
  }

  @Test
  void isIn_noneOfTheValues_failsListingThem() {
    AssertionError e = failure(that ->
        that.that(PIPELINE).var("SubwordTokenizer").kwarg("vocabSize").isAnyOf(200, 300));

    assertThat(e).factValue("expected any of").isEqualTo("[200, 300]");
    assertThat(e).factValue("value of").isEqualTo("document.var(SubwordTokenizer).kwarg(vocabSize)");
  }

  // regression: isReferenceTo on a var asserted on its own always failed with "but was $var0",
  // without saying that the subject had no document to look the var up in
  @Test
  void isReferenceTo_varAssertedOnItsOwn_failsSayingThatNoDocumentIsKnown() {
    AiJsonVar pipeline = PIPELINE.vars().stream().filter(v -> v.caller().equals("Pipeline")).findFirst().orElseThrow();
    String kwarg = pipeline.kwargs().entrySet().stream()
        .filter(e -> e.getValue() instanceof dev.aijson.core.AiJsonRef).findFirst().orElseThrow().getKey();

    AssertionError e = expectFailureAbout(AiJsonSubjects.vars(),
        that -> that.that(pipeline).kwarg(kwarg).isReferenceTo("SubwordTokenizer"));

    assertThat(e).factValue("but was").contains("a var of a document this subject does not know");
    assertThat(e).factValue("fix").contains("AiJsonSubjects.assertThat(document).var(...)");
  }

  @Test
  void kwarg_missing_failsNamingTheKwargsItHas() {
    AssertionError e = failure(that -> that.that(PIPELINE).var("SubwordTokenizer").kwarg("vocab"));

    assertThat(e).factValue("expected to have kwarg").isEqualTo("vocab");
    assertThat(e).factValue("but kwargs were").isEqualTo("file, vocabSize");
    assertThat(e).factValue("value of").isEqualTo("document.var(SubwordTokenizer)");
    assertThat(e).factValue("but was").isEqualTo("var0 (com.acme.SubwordTokenizer)");
    assertThat(e).factValue("document was").isEqualTo("5 vars: var0 SubwordTokenizer,"
        + " var1 Fixtures$SentimentModule#layer, var2 Pipeline, var3 Dense, var4 Dense");
  }

  @Test
  void isReferenceTo_otherVar_failsNamingWhatItReferences() {
    AssertionError e = failure(that ->
        that.that(PIPELINE).var("Pipeline").kwarg("layer").isReferenceTo("SubwordTokenizer"));

    assertThat(e).factValue("expected a reference to a var with caller").isEqualTo("SubwordTokenizer");
    assertThat(e).factValue("but was").isEqualTo("$var1 (Fixtures$SentimentModule#layer)");
  }

  @Test
  void isSingleton_unscopedVar_fails() {
    AssertionError e = failure(that -> that.that(PIPELINE).var("Pipeline").isSingleton());

    assertThat(e).factKeys().contains("expected a singleton var");
    assertThat(e).factValue("but was").isEqualTo("var2 (com.acme.Pipeline)");
  }

  @Test
  void hasSameWiringAs_changedKwarg_failsWithTheDiff() {
    AiJsonDocument changed = PIPELINE.override("var0.kwargs.vocabSize", 200);

    AssertionError e = failure(that -> that.that(changed).hasSameWiringAs(PIPELINE));

    assertThat(e).factValue("but differences were").isEqualTo("1 difference (first document ->"
        + " second; vars matched by kind, class, key and place in the graph, not by number):\n"
        + "  changed var0 (com.acme.SubwordTokenizer):\n"
        + "    /vars/var0/kwargs/vocabSize: 100 -> 200");
  }

  @Test
  void isNotCut_cutAtTheByteBudget_failsNamingTheBudgetNotTheVarCap() {
    AiJsonDocument cut = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "constructor", "module": "com.acme", "caller": "Clock",
                   "signature": [], "kwargs": {}}},
         "cut": {"cap": 100000, "bytes": 600, "dropped": 16}}
        """);

    AssertionError e = failure(that -> that.that(cut).isNotCut());

    assertThat(e).factKeys().containsExactly("expected a document that was not cut",
        "but it stopped at its byte budget of").inOrder();
    assertThat(e).factValue("but it stopped at its byte budget of")
        .isEqualTo("600 bytes, dropping 16 vars");
  }

  @Test
  void hasVarCount_otherCount_failsWithBoth() {
    AssertionError e = failure(that -> that.that(PIPELINE).hasVarCount(4));

    assertThat(e).factValue("expected var count").isEqualTo("4");
    assertThat(e).factValue("but was").isEqualTo("5");
  }

  @Test
  void var_nullDocument_fails() {
    AssertionError e = failure(that -> that.that(null).var("Pipeline"));

    assertThat(e).factKeys().contains("expected a document");
  }

  @Test
  void isEqualTo_notAJsonValue_throwsAiJsonException() {
    assertThrows(AiJsonException.class, () ->
        AiJsonSubjects.assertThat(PIPELINE).var("Pipeline").kwarg("mode").isEqualTo(new Object()));
  }
}
