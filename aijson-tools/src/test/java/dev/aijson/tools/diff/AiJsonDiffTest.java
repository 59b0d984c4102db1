package dev.aijson.tools.diff;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.tools.diff.AiJsonDiff.Change;
import dev.aijson.tools.diff.AiJsonDiff.Kind;
import dev.aijson.tools.diff.AiJsonDiff.VarChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching vars by structure and reporting what was added, removed and changed. */
class AiJsonDiffTest {

  /** Builds documents var by var, numbering them in order. */
  private static final class Doc {
    private final List<AiJsonVar> vars = new ArrayList<>();

    /** Adds a constructor var of {@code com.acme.<caller>} with kwargs given as name, value pairs. */
    Doc keyed(String caller, String key, boolean singleton, Object... kwargs) {
      Map<String, Object> values = new LinkedHashMap<>();
      List<String> signature = new ArrayList<>();
      for (int i = 0; i < kwargs.length; i += 2) {
        values.put((String) kwargs[i], kwargs[i + 1]);
        signature.add("java.lang.Object");
      }
      vars.add(new AiJsonVar("var" + vars.size(), AiJsonVar.Kind.CONSTRUCTOR, "com.acme", caller,
          key, singleton, null, signature, values, Map.of()));
      return this;
    }

    Doc add(String caller, Object... kwargs) {
      return keyed(caller, null, false, kwargs);
    }

    AiJsonDocument build() {
      return AiJsonDocument.of(vars);
    }
  }

  private static AiJsonRef ref(int n) {
    return AiJsonRef.to("var" + n);
  }

  private static AiJsonDocument pipeline() {
    return new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", true, "vocabSize", 100)
        .add("Dense", "inputs", 100, "outputs", 3)
        .add("Pipeline", "tokenizer", ref(0), "layer", ref(1), "labels", List.of("good", "bad"))
        .build();
  }

  @Test
  void between_sameDocument_isEmpty() {
    AiJsonDiff diff = AiJsonDiff.between(pipeline(), pipeline());

    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.changes()).isEmpty();
    assertThat(diff.report()).isEqualTo("No differences: both documents describe the same wiring"
        + " (3 vars; var numbers and the environment are not compared).\n");
  }

  @Test
  void between_insertedComponent_reportsOnlyTheAdditionAndTheNewArgument() {
    AiJsonDocument after = new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", true, "vocabSize", 100)
        .add("Normalizer", "lowercase", true)
        .add("Dense", "inputs", 100, "outputs", 3)
        .add("Pipeline", "tokenizer", ref(0), "normalizer", ref(1), "layer", ref(2),
            "labels", List.of("good", "bad"))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(pipeline(), after);

    assertThat(diff.removed()).isEmpty();
    assertThat(diff.added()).containsExactly(after.var("var1"));
    assertThat(diff.changed()).hasSize(1);
    VarChange pipeline = diff.changed().get(0);
    assertThat(pipeline.before().name()).isEqualTo("var2");
    assertThat(pipeline.after().name()).isEqualTo("var3");
    assertThat(pipeline.changes()).containsExactly(
        new Change(Kind.CHANGED, "/vars/var2/signature", "/vars/var3/signature",
            List.of("java.lang.Object", "java.lang.Object", "java.lang.Object"),
            List.of("java.lang.Object", "java.lang.Object", "java.lang.Object", "java.lang.Object")),
        new Change(Kind.ADDED, null, "/vars/var3/kwargs/normalizer", null, ref(1)));
    assertThat(diff.counterpart("var1")).hasValue("var2");
  }

  @Test
  void between_changedKwarg_reportsItsPathAndBothValues() {
    AiJsonDocument after = new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", true, "vocabSize", 200)
        .add("Dense", "inputs", 100, "outputs", 3)
        .add("Pipeline", "tokenizer", ref(0), "layer", ref(1), "labels", List.of("good", "ugly"))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(pipeline(), after);

    assertThat(diff.changes()).containsExactly(
        new Change(Kind.CHANGED, "/vars/var0/kwargs/vocabSize", "/vars/var0/kwargs/vocabSize",
            100L, 200L),
        new Change(Kind.CHANGED, "/vars/var2/kwargs/labels/1", "/vars/var2/kwargs/labels/1",
            "bad", "ugly")).inOrder();
  }

  // regression: kwargs in another order gave "No differences", though replay matches the n-th
  // kwarg to the n-th parameter: inputs=100, outputs=3 then passes 3 as the inputs
  @Test
  void between_kwargsInAnotherOrder_reportsTheOrder() {
    AiJsonDocument after = new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", true, "vocabSize", 100)
        .add("Dense", "outputs", 3, "inputs", 100)
        .add("Pipeline", "tokenizer", ref(0), "layer", ref(1), "labels", List.of("good", "bad"))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(pipeline(), after);

    assertThat(diff.isEmpty()).isFalse();
    assertThat(diff.changes()).containsExactly(new Change(Kind.CHANGED, "/vars/var1/kwargs",
        "/vars/var1/kwargs", List.of("inputs", "outputs"), List.of("outputs", "inputs")));
    assertThat(diff.report()).contains(
        "    /vars/var1/kwargs: [\"inputs\", \"outputs\"] -> [\"outputs\", \"inputs\"]\n");
  }

  @Test
  void report_changedKwargAndAddedVar_namesPathsValuesAndPlace() {
    AiJsonDocument after = new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", true, "vocabSize", 200)
        .add("Normalizer", "lowercase", true)
        .add("Dense", "inputs", 100, "outputs", 3)
        .add("Pipeline", "tokenizer", ref(0), "normalizer", ref(1), "layer", ref(2),
            "labels", List.of("good", "bad"))
        .build();

    assertThat(AiJsonDiff.between(pipeline(), after).report()).isEqualTo(
        "4 differences (first document -> second; vars matched by kind, class, key and place in"
            + " the graph, not by number):\n"
            + "  added var1 (com.acme.Normalizer) at /vars/var1, as Pipeline > normalizer\n"
            + "  changed var0 (com.acme.SubwordTokenizer):\n"
            + "    /vars/var0/kwargs/vocabSize: 100 -> 200\n"
            + "  changed var2 -> var3 (com.acme.Pipeline):\n"
            + "    /vars/var3/signature: [\"java.lang.Object\", \"java.lang.Object\","
            + " \"java.lang.Object\"] -> [\"java.lang.Object\", \"java.lang.Object\","
            + " \"java.lang.Object\", \"java.lang.Object\"]\n"
            + "    /vars/var3/kwargs/normalizer: added $var1 (Normalizer)\n");
  }

  @Test
  void between_removedVar_isReportedWithItsPlace() {
    AiJsonDocument after = new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", true, "vocabSize", 100)
        .add("Pipeline", "tokenizer", ref(0), "layer", null, "labels", List.of("good", "bad"))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(pipeline(), after);

    assertThat(diff.removed()).containsExactly(pipeline().var("var1"));
    assertThat(diff.changes()).contains(
        new Change(Kind.CHANGED, "/vars/var2/kwargs/layer", "/vars/var1/kwargs/layer", ref(1), null));
    assertThat(diff.report()).contains("  removed var1 (com.acme.Dense) at /vars/var1, as Pipeline > layer\n");
  }

  @Test
  void between_otherClassUnderTheSameKey_isOneChangedVar() {
    AiJsonDocument after = new Doc()
        .keyed("WhitespaceTokenizer", "com.acme.Tokenizer", true, "vocabSize", 100)
        .add("Dense", "inputs", 100, "outputs", 3)
        .add("Pipeline", "tokenizer", ref(0), "layer", ref(1), "labels", List.of("good", "bad"))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(pipeline(), after);

    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed()).isEmpty();
    assertThat(diff.changes()).containsExactly(new Change(Kind.CHANGED, "/vars/var0/caller",
        "/vars/var0/caller", "SubwordTokenizer", "WhitespaceTokenizer"));
  }

  @Test
  void between_otherClassAtTheSamePlace_isOneChangedVar() {
    AiJsonDocument after = new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", true, "vocabSize", 100)
        .add("Sparse", "inputs", 100, "outputs", 3)
        .add("Pipeline", "tokenizer", ref(0), "layer", ref(1), "labels", List.of("good", "bad"))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(pipeline(), after);

    assertThat(diff.changes()).containsExactly(new Change(Kind.CHANGED, "/vars/var1/caller",
        "/vars/var1/caller", "Dense", "Sparse"));
  }

  @Test
  void between_sameClassTwiceInOtherOrder_matchesByPlaceInTheGraph() {
    AiJsonDocument before = new Doc()
        .add("Dense", "size", 4)
        .add("Dense", "size", 8)
        .add("Net", "first", ref(0), "second", ref(1))
        .build();
    AiJsonDocument after = new Doc()
        .add("Dense", "size", 8)
        .add("Dense", "size", 4)
        .add("Net", "first", ref(1), "second", ref(0))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(before, after);

    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.counterpart("var0")).hasValue("var1");
    assertThat(diff.counterpart("var1")).hasValue("var0");
  }

  @Test
  void between_sharedObjectSplitInTwo_reportsTheReferenceThatChanged() {
    AiJsonDocument before = new Doc()
        .keyed("Embedding", "com.acme.Embedding", true, "dim", 16)
        .add("Seq2Seq", "encoder", ref(0), "decoder", ref(0))
        .build();
    AiJsonDocument after = new Doc()
        .add("Embedding", "dim", 16)
        .add("Embedding", "dim", 16)
        .add("Seq2Seq", "encoder", ref(0), "decoder", ref(1))
        .build();

    AiJsonDiff diff = AiJsonDiff.between(before, after);

    assertThat(diff.changes()).contains(new Change(Kind.CHANGED, "/vars/var1/kwargs/decoder",
        "/vars/var2/kwargs/decoder", ref(0), ref(1)));
    assertThat(diff.added()).hasSize(1);
  }

  private static AiJsonDocument factoryMade(String method, long layers) {
    return AiJsonDocument.of(List.of(
        new AiJsonVar("var0", AiJsonVar.Kind.FACTORY, "com.acme", "EncoderFactory",
            "com.acme.EncoderFactory", false, null, List.of(), Map.of(), Map.of()),
        new AiJsonVar("var1", AiJsonVar.Kind.CONSTRUCTOR, "com.acme", "LstmEncoder", null, false, null,
            List.of("int"), Map.of("layers", layers), Map.of(),
            new AiJsonVar.Factory("com.acme.EncoderFactory", method, List.of("layers"))),
        new AiJsonVar("var2", AiJsonVar.Kind.CONSTRUCTOR, "com.acme", "Classifier", "com.acme.Classifier",
            false, null, List.of("com.acme.EncoderFactory"), Map.of("encoders", ref(0)), Map.of())));
  }

  @Test
  void between_otherAssistedArgument_isAChangedKwargOfTheFactorysObject() {
    AiJsonDiff diff = AiJsonDiff.between(factoryMade("create", 4), factoryMade("create", 8));

    assertThat(diff.changes()).containsExactly(
        new Change(Kind.CHANGED, "/vars/var1/kwargs/layers", "/vars/var1/kwargs/layers", 4L, 8L));
  }

  @Test
  void between_otherFactoryMethod_isAChangeOfTheFactoryField() {
    AiJsonDiff diff = AiJsonDiff.between(factoryMade("create", 4), factoryMade("createLarge", 4));

    assertThat(diff.changes()).containsExactly(new Change(Kind.CHANGED, "/vars/var1/factory/method",
        "/vars/var1/factory/method", "create", "createLarge"));
  }

  @Test
  void between_environmentAndVarNumbersDiffer_isEmpty() {
    AiJsonDocument recorded = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {"var0": {"kind": "constructor", "module": "com.acme",
          "caller": "Dense", "signature": ["int"], "kwargs": {"size": 4}}},
         "environment": {"java": "17.0.1"}}""");
    AiJsonDocument replayed = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {"var3": {"kind": "constructor", "module": "com.acme",
          "caller": "Dense", "signature": ["int"], "kwargs": {"size": 4.0}}},
         "environment": {"java": "21.0.2"}}""");

    assertThat(AiJsonDiff.between(recorded, replayed).isEmpty()).isTrue();
  }

  @Test
  void between_numbersOfEqualValue_areTheSame() {
    AiJsonDocument whole = new Doc().add("Dense", "rate", 1L).build();
    AiJsonDocument decimal = new Doc().add("Dense", "rate", new BigDecimal("1.0")).build();

    assertThat(AiJsonDiff.between(whole, decimal).isEmpty()).isTrue();
  }

  @Test
  void between_nullDocument_isAProgrammingError() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AiJsonDiff.between(pipeline(), null));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonDiff.between needs two documents, but the"
        + " second (after) is null. Pass a parsed AiJsonDocument.");
  }

  @Test
  void between_longChain_doesNotOverflowAndMatchesEveryVar() {
    Doc before = new Doc().add("Node", "value", 0);
    Doc after = new Doc().add("Node", "value", 0);
    for (int i = 1; i < 20_000; i++) {
      before.add("Node", "next", ref(i - 1));
      after.add("Node", "next", ref(i - 1));
    }

    AiJsonDiff diff = AiJsonDiff.between(before.build(), after.build());

    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.counterpart("var19999")).hasValue("var19999");
  }

  @Test
  void report_deepPlace_isShortened() {
    Doc before = new Doc().add("Node", "value", 0);
    Doc after = new Doc().add("Leaf").add("Node", "value", 0, "leaf", ref(0));
    for (int i = 1; i < 10; i++) {
      before.add("Node", "next", ref(i - 1));
      after.add("Node", "next", ref(i));
    }

    assertThat(AiJsonDiff.between(before.build(), after.build()).report())
        .contains("added var0 (com.acme.Leaf) at /vars/var0, as Node > ... > next > next > next >"
            + " next > next > leaf\n");
  }
}
