package dev.aijson.tools.params;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.guice.AiJsonLog;
import dev.aijson.guice.AiJsonModule;
import dev.aijson.tools.diff.AiJsonDiff.Kind;
import dev.aijson.tools.params.AiJsonParams.Change;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A document's arguments as flat, named parameters, and their differences. */
class AiJsonParamsTest {

  /** Builds documents var by var, numbering them in order. */
  private static final class Doc {
    private final List<AiJsonVar> vars = new ArrayList<>();

    Doc var(AiJsonVar.Kind kind, String caller, String key, AiJsonRef receiver, Object... kwargs) {
      Map<String, Object> values = new LinkedHashMap<>();
      List<String> signature = new ArrayList<>();
      for (int i = 0; i < kwargs.length; i += 2) {
        values.put((String) kwargs[i], kwargs[i + 1]);
        signature.add("java.lang.Object");
      }
      vars.add(new AiJsonVar("var" + vars.size(), kind, "com.acme", caller, key, false, receiver,
          signature, values, Map.of()));
      return this;
    }

    /** Adds a constructor var of {@code com.acme.<caller>} with kwargs as name, value pairs. */
    Doc add(String caller, Object... kwargs) {
      return var(AiJsonVar.Kind.CONSTRUCTOR, caller, null, null, kwargs);
    }

    Doc keyed(String caller, String key, Object... kwargs) {
      return var(AiJsonVar.Kind.CONSTRUCTOR, caller, key, null, kwargs);
    }

    Doc withMembers(Map<String, Object> members) {
      AiJsonVar last = vars.remove(vars.size() - 1);
      vars.add(new AiJsonVar(last.name(), last.kind(), last.module(), last.caller(), last.key(),
          last.singleton(), last.receiver(), last.signature(), last.kwargs(), members));
      return this;
    }

    AiJsonDocument build() {
      return AiJsonDocument.of(vars);
    }
  }

  private static AiJsonRef ref(int n) {
    return AiJsonRef.to("var" + n);
  }

  /** The example's shape: a tokenizer, a provides var, a pipeline, a trainer and its fit call. */
  private static Doc pipeline() {
    return new Doc()
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", "corpusFile", "train.tsv", "vocabSize", 1000)
        .var(AiJsonVar.Kind.PROVIDES, "SentimentModule#classifier", "com.acme.Layer", null,
            "ngramOrder", 2, "adagradEpsilon", new BigDecimal("0.1"))
        .add("SentimentPipeline", "tokenizer", ref(0), "layer", ref(1))
        .add("Trainer")
        .var(AiJsonVar.Kind.CALL, "Trainer#fit", null, ref(3), "pipeline", ref(2), "epochs", 10,
            "learningRate", new BigDecimal("0.5"));
  }

  // ---- names

  @Test
  void of_pipeline_namesEachArgumentByClassAndPathInDocumentOrder() {
    AiJsonParams params = AiJsonParams.of(pipeline().build());

    assertThat(params.values()).containsExactly(
        "SubwordTokenizer.corpusFile", "train.tsv",
        "SubwordTokenizer.vocabSize", 1000L,
        "SentimentModule.classifier.ngramOrder", 2L,
        "SentimentModule.classifier.adagradEpsilon", new BigDecimal("0.1"),
        "SentimentPipeline.tokenizer", "SubwordTokenizer",
        "SentimentPipeline.layer", "SentimentModule.classifier",
        "Trainer.fit.pipeline", "SentimentPipeline",
        "Trainer.fit.epochs", 10L,
        "Trainer.fit.learningRate", new BigDecimal("0.5")).inOrder();
  }

  @Test
  void of_callVar_hasNoReceiverParameterAndAVarWithoutArgumentsHasNone() {
    AiJsonParams params = AiJsonParams.of(pipeline().build());

    assertThat(params.values().keySet()).doesNotContain("Trainer.fit.receiver");
    assertThat(params.values().keySet().stream().filter(n -> n.startsWith("Trainer.")).toList())
        .containsExactly("Trainer.fit.pipeline", "Trainer.fit.epochs", "Trainer.fit.learningRate");
    assertThat(params.nameOf("var3")).isEqualTo("Trainer");
  }

  @Test
  void of_opaqueVar_givesNoParametersButItsNameWhereItIsUsed() {
    AiJsonDocument document = new Doc()
        .var(AiJsonVar.Kind.OPAQUE, "Clock", "com.acme.Clock", null)
        .add("Scheduler", "clock", ref(0))
        .build();

    assertThat(AiJsonParams.of(document).values()).containsExactly("Scheduler.clock", "Clock");
  }

  @Test
  void of_unobservedValue_isNoParameterUntilItIsSet() {
    AiJsonDocument document = new Doc()
        .var(AiJsonVar.Kind.UNOBSERVED, "String", "@com.google.inject.name.Named(\"mode\") java.lang.String", null)
        .add("Job", "mode", ref(0), "batch", 32)
        .build();

    assertThat(AiJsonParams.of(document).values()).containsExactly("Job.batch", 32L);
    assertThat(AiJsonParams.of(document.override("var1.kwargs.mode", "slow")).values())
        .containsExactly("Job.mode", "slow", "Job.batch", 32L).inOrder();
  }

  @Test
  void of_nestedClass_isNamedBySimpleName() {
    AiJsonDocument document = new Doc().add("Pipeline$SubwordTokenizer", "vocabSize", 100).build();

    assertThat(AiJsonParams.of(document).values().keySet())
        .containsExactly("SubwordTokenizer.vocabSize");
  }

  @Test
  void of_nestedValues_areFlattenedWithDotsAndIndexes() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("layers", List.of(Map.of("width", 64), Map.of("width", 32)));
    config.put("optimizer", "adam");
    Map<String, Object> weights = new LinkedHashMap<>();
    weights.put("bad", new BigDecimal("2.5"));
    weights.put("very good", 1);
    AiJsonDocument document = new Doc().add("Config", "model", config, "weights", weights).build();

    assertThat(AiJsonParams.of(document).values()).containsExactly(
        "Config.model.layers[0].width", 64L,
        "Config.model.layers[1].width", 32L,
        "Config.model.optimizer", "adam",
        "Config.weights.bad", new BigDecimal("2.5"),
        "Config.weights[\"very good\"]", 1L).inOrder();
  }

  @Test
  void of_emptyListAndMapAndNull_areParametersOfTheirOwn() {
    Map<String, Object> kwargs = new LinkedHashMap<>();
    AiJsonDocument document = new Doc()
        .add("Filter", "stopWords", List.of(), "aliases", Map.of(), "fallback", kwargs.get("none"))
        .build();

    AiJsonParams params = AiJsonParams.of(document);

    assertThat(params.values()).containsExactly(
        "Filter.stopWords", List.of(), "Filter.aliases", Map.of(), "Filter.fallback", null).inOrder();
    assertThat(params.strings()).containsExactly(
        "Filter.stopWords", "[]", "Filter.aliases", "{}", "Filter.fallback", "null").inOrder();
  }

  @Test
  void of_referencesInsideLists_areTheNamesOfTheirVars() {
    AiJsonDocument document = new Doc()
        .add("UnicodeNormalizer")
        .add("RepeatLimiter", "maxRepeat", 2)
        .var(AiJsonVar.Kind.MULTIBINDING, "Multibinder", "java.util.Set<com.acme.Normalizer>", null,
            "elements", List.of(ref(0), ref(1)))
        .build();

    assertThat(AiJsonParams.of(document).values()).containsExactly(
        "RepeatLimiter.maxRepeat", 2L,
        "Multibinder.elements[0]", "UnicodeNormalizer",
        "Multibinder.elements[1]", "RepeatLimiter").inOrder();
  }

  @Test
  void of_memberNamedLikeAKwarg_isUnderMembers() {
    AiJsonDocument document = new Doc()
        .add("Classifier", "threshold", new BigDecimal("0.5"))
        .withMembers(Map.of("threshold", new BigDecimal("0.7")))
        .build();

    assertThat(AiJsonParams.of(document).values()).containsExactly(
        "Classifier.threshold", new BigDecimal("0.5"),
        "Classifier.members.threshold", new BigDecimal("0.7")).inOrder();
  }

  @Test
  void of_injectedMethodMember_isNamedByMethodAndParameter() {
    AiJsonDocument document = new Doc()
        .add("Classifier")
        .withMembers(Map.of("setThreshold", Map.of("threshold", new BigDecimal("0.5"))))
        .build();

    assertThat(AiJsonParams.of(document).values())
        .containsExactly("Classifier.setThreshold.threshold", new BigDecimal("0.5"));
  }

  // ---- two vars with one class

  @Test
  void of_sameClassDifferentQualifiers_areNamedByQualifier() {
    AiJsonDocument document = new Doc()
        .keyed("SubwordTokenizer", "@com.google.inject.name.Named(\"words\") com.acme.Tokenizer",
            "vocabSize", 1000)
        .keyed("SubwordTokenizer", "@com.google.inject.name.Named(\"chars\") com.acme.Tokenizer",
            "vocabSize", 100)
        .add("Pipeline", "words", ref(0), "chars", ref(1))
        .build();

    assertThat(AiJsonParams.of(document).values()).containsExactly(
        "SubwordTokenizer@Named(\"words\").vocabSize", 1000L,
        "SubwordTokenizer@Named(\"chars\").vocabSize", 100L,
        "Pipeline.words", "SubwordTokenizer@Named(\"words\")",
        "Pipeline.chars", "SubwordTokenizer@Named(\"chars\")").inOrder();
  }

  @Test
  void of_sameClassOneQualified_theOtherKeepsThePlainName() {
    AiJsonDocument document = new Doc()
        .keyed("SubwordTokenizer", "@com.acme.Main com.acme.Tokenizer", "vocabSize", 1000)
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", "vocabSize", 100)
        .build();

    assertThat(AiJsonParams.of(document).values().keySet())
        .containsExactly("SubwordTokenizer@Main.vocabSize", "SubwordTokenizer.vocabSize").inOrder();
  }

  @Test
  void of_sameClassSameKey_areNamedByTheArgumentThatReferencesThem() {
    AiJsonDocument document = new Doc()
        .add("SubwordTokenizer", "vocabSize", 1000)
        .add("SubwordTokenizer", "vocabSize", 100)
        .add("Pipeline", "encoder", ref(0), "decoder", ref(1))
        .build();

    assertThat(AiJsonParams.of(document).values()).containsExactly(
        "SubwordTokenizer(Pipeline.encoder).vocabSize", 1000L,
        "SubwordTokenizer(Pipeline.decoder).vocabSize", 100L,
        "Pipeline.encoder", "SubwordTokenizer(Pipeline.encoder)",
        "Pipeline.decoder", "SubwordTokenizer(Pipeline.decoder)").inOrder();
  }

  @Test
  void of_sameClassAtNoDistinctPlace_areNumberedInDocumentOrder() {
    AiJsonDocument document = new Doc()
        .add("Trainer", "seed", 1)
        .var(AiJsonVar.Kind.CALL, "Trainer#fit", null, ref(0), "epochs", 10)
        .add("Trainer", "seed", 2)
        .var(AiJsonVar.Kind.CALL, "Trainer#fit", null, ref(2), "epochs", 20)
        .build();

    assertThat(AiJsonParams.of(document).values()).containsExactly(
        "Trainer#1.seed", 1L,
        "Trainer.fit#1.epochs", 10L,
        "Trainer#2.seed", 2L,
        "Trainer.fit#2.epochs", 20L).inOrder();
  }

  @Test
  void of_unrelatedVarAdded_keepsEveryName() {
    AiJsonDocument before = pipeline().build();
    AiJsonDocument after = new Doc()
        .add("Clock", "zone", "UTC")
        .keyed("SubwordTokenizer", "com.acme.Tokenizer", "corpusFile", "train.tsv", "vocabSize", 1000)
        .var(AiJsonVar.Kind.PROVIDES, "SentimentModule#classifier", "com.acme.Layer", null,
            "ngramOrder", 2, "adagradEpsilon", new BigDecimal("0.1"))
        .add("SentimentPipeline", "tokenizer", ref(1), "layer", ref(2))
        .add("Trainer")
        .var(AiJsonVar.Kind.CALL, "Trainer#fit", null, ref(4), "pipeline", ref(3), "epochs", 10,
            "learningRate", new BigDecimal("0.5"))
        .build();

    assertThat(AiJsonParams.of(after).values().keySet())
        .containsAtLeastElementsIn(AiJsonParams.of(before).values().keySet()).inOrder();
  }

  @Test
  void of_twoParametersWithOneName_theLaterGetsASuffix() {
    AiJsonDocument document = new Doc()
        .add("Trainer", "fit", Map.of("epochs", 5))
        .add("Trainer.fit", "epochs", 10)
        .build();

    assertThat(AiJsonParams.of(document).values())
        .containsExactly("Trainer.fit.epochs", 5L, "Trainer.fit.epochs#2", 10L).inOrder();
  }

  /** Two tokenizers of one class under two @Named keys, as a Guice user binds them. */
  static final class TwoTokenizersModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Tokenizer.class).annotatedWith(Names.named("words")).to(SubwordTokenizer.class);
      bind(Tokenizer.class).annotatedWith(Names.named("chars")).to(SubwordTokenizer.class);
    }

    @Provides
    @Named("vocab")
    int vocabSize() {
      return 1000;
    }
  }

  /** What the pipeline asks for. */
  interface Tokenizer {}

  /** A tokenizer made by Guice from a named constant. */
  static final class SubwordTokenizer implements Tokenizer {
    @Inject
    SubwordTokenizer(@Named("vocab") int vocabSize) {}
  }

  /** The pipeline, with one tokenizer for words and one for characters. */
  @Singleton
  static final class Pipeline {
    @Inject
    Pipeline(@Named("words") Tokenizer words, @Named("chars") Tokenizer chars) {}
  }

  private static AiJsonDocument recordTwoTokenizers() {
    Injector injector = Guice.createInjector(new AiJsonModule(), new TwoTokenizersModule());
    injector.getInstance(Pipeline.class);
    return injector.getInstance(AiJsonLog.class).document();
  }

  @Test
  void of_recordedGraphWithTwoNamedTokenizers_tellsThemApartTheSameWayEachTime() {
    AiJsonParams first = AiJsonParams.of(recordTwoTokenizers());
    AiJsonParams second = AiJsonParams.of(recordTwoTokenizers());

    assertThat(first.values().keySet()).containsExactly(
        "SubwordTokenizer@Named(\"words\").vocabSize", "SubwordTokenizer@Named(\"chars\").vocabSize",
        "Pipeline.words", "Pipeline.chars").inOrder();
    assertThat(first.values().get("Pipeline.chars")).isEqualTo("SubwordTokenizer@Named(\"chars\")");
    assertThat(second.values()).isEqualTo(first.values());
  }

  // ---- values and lookups

  @Test
  void values_numbersStayNumbersAndStringsGivesText() {
    AiJsonDocument document = new Doc()
        .add("Layer", "units", 64, "rate", new BigDecimal("1.0E+7"),
            "big", new BigInteger("123456789012345678901234567890"), "bias", true, "name", "dense")
        .build();

    AiJsonParams params = AiJsonParams.of(document);

    assertThat(params.values().get("Layer.units")).isEqualTo(64L);
    assertThat(params.values().get("Layer.bias")).isEqualTo(true);
    assertThat(params.strings()).containsExactly("Layer.units", "64", "Layer.rate", "1.0E+7",
        "Layer.big", "123456789012345678901234567890", "Layer.bias", "true", "Layer.name", "dense")
        .inOrder();
  }

  @Test
  void values_areUnmodifiable() {
    AiJsonParams params = AiJsonParams.of(pipeline().build());

    assertThrows(UnsupportedOperationException.class, () -> params.values().put("x", 1L));
  }

  @Test
  void pointer_parameter_isWhereItsValueIsInTheDocument() {
    AiJsonParams params = AiJsonParams.of(new Doc()
        .add("LabelReader", "labels", List.of("positive", "negative"))
        .add("Config", "weights", Map.of("a/b", 1)).build());

    assertThat(params.pointer("LabelReader.labels[1]")).hasValue("/vars/var0/kwargs/labels/1");
    assertThat(params.pointer("Config.weights[\"a/b\"]")).hasValue("/vars/var1/kwargs/weights/a~1b");
    assertThat(params.pointer("LabelReader.labels")).isEmpty();
  }

  @Test
  void nameOf_unknownVar_failsNamingTheVarsThatExist() {
    AiJsonParams params = AiJsonParams.of(pipeline().build());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> params.nameOf("var9"));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonParams.nameOf(\"var9\"): the document has no"
        + " var var9; its vars are var0, var1, var2, var3, var4. Pass one of those.");
  }

  @Test
  void of_nullDocument_failsSayingWhatToPass() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> AiJsonParams.of(null));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonParams.of needs a document, but it is null."
        + " Pass a parsed AiJsonDocument.");
  }

  // ---- text forms

  @Test
  void toTsv_pipeline_isOneNameTabValueLinePerParameter() {
    String tsv = AiJsonParams.of(new Doc().add("SubwordTokenizer", "corpusFile", "train.tsv",
        "vocabSize", 1000).build()).toTsv();

    assertThat(tsv).isEqualTo("SubwordTokenizer.corpusFile\ttrain.tsv\n"
        + "SubwordTokenizer.vocabSize\t1000\n");
  }

  @Test
  void toTsv_tabsNewlinesAndBackslashesInValues_areEscaped() {
    String tsv = AiJsonParams.of(new Doc().add("Splitter", "separator", "\t", "text", "a\\b\nc")
        .build()).toTsv();

    assertThat(tsv).isEqualTo("Splitter.separator\t\\t\nSplitter.text\ta\\\\b\\nc\n");
  }

  /** A document whose one string kwarg is {@code json}, as a JSON string literal. */
  private static AiJsonDocument splitterWithText(String json) {
    return AiJsonDocument.parse("{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\","
        + " \"module\": \"com.acme\", \"caller\": \"Splitter\", \"signature\": [\"java.lang.String\"],"
        + " \"kwargs\": {\"text\": " + json + "}}}}");
  }

  /** Regression: a lone surrogate went into the TSV raw, so aijson params -o could not write it. */
  @Test
  void toTsv_loneSurrogateInAValue_isEscapedSoThatUtf8CanEncodeIt() {
    String tsv = AiJsonParams.of(splitterWithText("\"a\\ud800b \\udc00 \\ud83d\\ude00 \\\\ud800\""))
        .toTsv();

    // the pair is one character (an emoji) and stays; a backslash before "ud800" is doubled
    assertThat(tsv).isEqualTo("Splitter.text\ta\\ud800b \\udc00 \ud83d\ude00 \\\\ud800\n");
    assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(tsv)).isTrue();
  }

  @Test
  void toJsonAndToProperties_loneSurrogateInAValue_areEscapedAndReadBack() throws IOException {
    AiJsonParams params = AiJsonParams.of(splitterWithText("\"a\\ud800b\""));

    String properties = params.toProperties();
    Properties loaded = new Properties();
    loaded.load(new StringReader(properties));

    assertThat(params.toJson()).isEqualTo("{\n  \"Splitter.text\": \"a\\ud800b\"\n}\n");
    assertThat(properties).isEqualTo("Splitter.text=a\\uD800b\n");
    assertThat(loaded).containsExactly("Splitter.text", "a\ud800b");
  }

  @Test
  void toJson_isOneFlatObjectWithNumbersAsNumbers() {
    String json = AiJsonParams.of(new Doc().add("Layer", "units", 64, "activation", "$tanh \"x\"",
        "bias", true, "init", kwargsNull()).build()).toJson();

    assertThat(json).isEqualTo("{\n"
        + "  \"Layer.units\": 64,\n"
        + "  \"Layer.activation\": \"$tanh \\\"x\\\"\",\n"
        + "  \"Layer.bias\": true,\n"
        + "  \"Layer.init\": null\n"
        + "}\n");
  }

  private static Object kwargsNull() {
    return null;
  }

  @Test
  void toJson_noParameters_isAnEmptyObject() {
    assertThat(AiJsonParams.of(new Doc().add("Clock").build()).toJson()).isEqualTo("{}\n");
  }

  @Test
  void toProperties_specialCharacters_readBackByPropertiesLoad() throws IOException {
    AiJsonDocument document = new Doc()
        .keyed("Tokenizer", "@com.google.inject.name.Named(\"a b\") com.acme.Tokenizer",
            "pattern", " a=b:c#d!e\\f", "greeting", "grüß\n")
        .keyed("Tokenizer", "com.acme.Tokenizer", "vocabSize", 3)
        .build();
    AiJsonParams params = AiJsonParams.of(document);

    String text = params.toProperties();
    Properties loaded = new Properties();
    loaded.load(new StringReader(text));

    assertThat(text).isEqualTo("Tokenizer@Named(\"a\\ b\").pattern=\\ a\\=b\\:c\\#d\\!e\\\\f\n"
        + "Tokenizer@Named(\"a\\ b\").greeting=gr\\u00FC\\u00DF\\n\n"
        + "Tokenizer.vocabSize=3\n");
    assertThat(loaded).containsExactlyEntriesIn(params.strings());
  }

  // ---- diff

  @Test
  void diff_sameDocument_isEmpty() {
    AiJsonParams.Diff diff = AiJsonParams.diff(pipeline().build(), pipeline().build());

    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.report()).isEqualTo("No parameter differences: both documents have the same 9"
        + " parameters with the same values.\n");
  }

  @Test
  void diff_overriddenValues_areChangesByName() {
    AiJsonDocument before = pipeline().build();
    AiJsonDocument after = before.override("var0.kwargs.vocabSize", 2000)
        .override("var4.kwargs.learningRate", new BigDecimal("0.25"));

    AiJsonParams.Diff diff = AiJsonParams.diff(before, after);

    assertThat(diff.changes()).containsExactly(
        new Change(Kind.CHANGED, "SubwordTokenizer.vocabSize", 1000L, 2000L),
        new Change(Kind.CHANGED, "Trainer.fit.learningRate", new BigDecimal("0.5"),
            new BigDecimal("0.25"))).inOrder();
    assertThat(diff.report()).isEqualTo("2 parameter differences (first document -> second;"
        + " parameters matched by name):\n"
        + "  SubwordTokenizer.vocabSize: 1000 -> 2000\n"
        + "  Trainer.fit.learningRate: 0.5 -> 0.25\n");
  }

  @Test
  void diff_sameNumberWrittenDifferently_isNoChange() {
    AiJsonDocument before = new Doc().add("Layer", "rate", 1).build();
    AiJsonDocument after = new Doc().add("Layer", "rate", new BigDecimal("1.0")).build();

    assertThat(AiJsonParams.diff(before, after).isEmpty()).isTrue();
  }

  @Test
  void diff_componentReplaced_showsItsParametersGoneAndComingWhereTheyWere() {
    AiJsonDocument before = new Doc()
        .add("SubwordTokenizer", "vocabSize", 1000)
        .add("Pipeline", "tokenizer", ref(0), "epochs", 3)
        .build();
    AiJsonDocument after = new Doc()
        .add("WordTokenizer", "lowercase", true)
        .add("Pipeline", "tokenizer", ref(0), "epochs", 3)
        .build();

    AiJsonParams.Diff diff = AiJsonParams.diff(before, after);

    assertThat(diff.report()).isEqualTo("3 parameter differences (first document -> second;"
        + " parameters matched by name):\n"
        + "  WordTokenizer.lowercase: added true\n"
        + "  SubwordTokenizer.vocabSize: removed 1000\n"
        + "  Pipeline.tokenizer: \"SubwordTokenizer\" -> \"WordTokenizer\"\n");
  }

  @Test
  void diff_parameterRemovedAtTheEnd_isReportedLast() {
    AiJsonDocument before = new Doc().add("Layer", "units", 64, "dropout", new BigDecimal("0.1"))
        .build();
    AiJsonDocument after = new Doc().add("Layer", "units", 64).build();

    assertThat(AiJsonParams.diff(before, after).changes()).containsExactly(
        new Change(Kind.REMOVED, "Layer.dropout", new BigDecimal("0.1"), null));
  }

  @Test
  void diff_nullDocument_failsNamingWhichOne() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> AiJsonParams.diff(pipeline().build(), null));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonParams.diff needs two documents, but the"
        + " second (after) is null. Pass a parsed AiJsonDocument.");
  }
}
