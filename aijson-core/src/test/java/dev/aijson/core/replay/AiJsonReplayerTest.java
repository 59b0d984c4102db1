package dev.aijson.core.replay;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJson;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.internal.AiJsonTypes;
import dev.aijson.core.recording.AiJsonRecorder;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.recording.Entry;
import dev.aijson.core.recording.Member;
import dev.aijson.testing.TestDocuments;
import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Provider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AiJsonReplayerTest {
  private static final String OUTER = "dev.aijson.core.replay.AiJsonReplayerTest$";

  enum Mode { FAST, EXACT }

  record Config(int hidden, List<String> layers) {}

  static final class Tokenizer {
    final String file;
    final int vocabSize;

    @Inject
    Tokenizer(String file, int vocabSize) {
      this.file = file;
      this.vocabSize = vocabSize;
    }
  }

  static final class Scorer {
    final Tokenizer tokenizer;
    final Mode mode;
    final List<String> labels;
    final Map<String, Double> weights;
    final double[] bias;
    final Config config;

    @Inject
    Scorer(Tokenizer tokenizer, Mode mode, List<String> labels, Map<String, Double> weights,
        double[] bias, Config config) {
      this.tokenizer = tokenizer;
      this.mode = mode;
      this.labels = labels;
      this.weights = weights;
      this.bias = bias;
      this.config = config;
    }
  }

  static final class Pair {
    final Tokenizer left;
    final Tokenizer right;

    @Inject
    Pair(Tokenizer left, Tokenizer right) {
      this.left = left;
      this.right = right;
    }
  }

  static class Base {
    @Inject String label;
  }

  static final class Component extends Base {
    @Inject String label;
    Tokenizer tokenizer;
    int threshold;

    @Inject
    Component() {}

    @Inject
    void connect(Tokenizer tokenizer, int threshold) {
      this.tokenizer = tokenizer;
      this.threshold = threshold;
    }

    String baseLabel() {
      return super.label;
    }
  }

  interface Layer {
    int size();
  }

  static final class LayerModule {
    Layer layer(int nSymbols, int nClasses) {
      return () -> nSymbols * nClasses;
    }
  }

  static final class ScaledModule {
    final int scale;

    ScaledModule(int scale) {
      this.scale = scale;
    }

    Layer layer(int n) {
      return () -> n * scale;
    }
  }

  static final class Net {
    final Layer layer;

    @Inject
    Net(Layer layer) {
      this.layer = layer;
    }
  }

  static final class Model {
    final int epochs;

    Model(int epochs) {
      this.epochs = epochs;
    }
  }

  static final class Trainer {
    static final AtomicInteger FITS = new AtomicInteger();

    @Inject
    Trainer() {}

    @AiJson
    Model fit(int epochs) {
      FITS.incrementAndGet();
      return new Model(epochs);
    }
  }

  static final class Serving {
    final Model model;

    @Inject
    Serving(Model model) {
      this.model = model;
    }
  }

  interface DataSource {
    String url();
  }

  static final class Reader {
    final DataSource source;

    @Inject
    Reader(DataSource source) {
      this.source = source;
    }
  }

  static final class Lazy {
    final Provider<Tokenizer> tokenizer;

    @Inject
    Lazy(Provider<Tokenizer> tokenizer) {
      this.tokenizer = tokenizer;
    }
  }

  static final class Link {
    final Link previous;
    final int length;

    @Inject
    Link(Link previous) {
      this.previous = previous;
      this.length = previous == null ? 1 : previous.length + 1;
    }
  }

  static final class Failing {
    @Inject
    Failing(int n) {
      throw new IllegalStateException("n must be positive, not " + n);
    }
  }

  static final class Counted {
    static final AtomicInteger MADE = new AtomicInteger();

    @Inject
    Counted(int n) {
      MADE.incrementAndGet();
    }
  }

  static final class Scalars {
    final long big;
    final char separator;
    final float ratio;
    final Double maybe;
    final Object any;

    @Inject
    Scalars(long big, char separator, float ratio, Double maybe, Object any) {
      this.big = big;
      this.separator = separator;
      this.ratio = ratio;
      this.maybe = maybe;
      this.any = any;
    }
  }

  static final class Shapes {
    final byte small;
    final Integer boxed;
    final java.math.BigInteger huge;
    final java.math.BigDecimal exact;
    final java.util.Set<String> tags;
    final java.util.SortedSet<Integer> ranks;
    final java.util.SortedMap<String, Long> totals;
    final Map<Mode, List<Double>> byMode;
    final List<String>[] groups;
    final Iterable<Tokenizer> tokenizers;
    final Config[] configs;

    @Inject
    Shapes(byte small, Integer boxed, java.math.BigInteger huge, java.math.BigDecimal exact,
        java.util.Set<String> tags, java.util.SortedSet<Integer> ranks,
        java.util.SortedMap<String, Long> totals, Map<Mode, List<Double>> byMode,
        List<String>[] groups, Iterable<Tokenizer> tokenizers, Config[] configs) {
      this.small = small;
      this.boxed = boxed;
      this.huge = huge;
      this.exact = exact;
      this.tags = tags;
      this.ranks = ranks;
      this.totals = totals;
      this.byMode = byMode;
      this.groups = groups;
      this.tokenizers = tokenizers;
      this.configs = configs;
    }
  }

  static class BaseTrainer {
    @AiJson
    Model train(int epochs) {
      return new Model(epochs);
    }
  }

  static final class SubTrainer extends BaseTrainer {
    @Inject
    SubTrainer() {}
  }

  private static final String TOKENIZER = document("tokenizer.json");

  private static final String SCORER = document("scorer.json");

  @BeforeEach
  void resetCounters() {
    Trainer.FITS.set(0);
    Counted.MADE.set(0);
  }

  /** Returns the document {@code name} of src/test/resources/dev/aijson/core/replay. */
  private static String document(String name) {
    return TestDocuments.read(AiJsonReplayerTest.class, name);
  }

  /** Records {@code product} as built by its @Inject constructor with {@code values}. */
  private static String record(AiJsonRecorder recorder, Object product, Object... values) {
    return recorder.record(Entry.constructor(product.getClass(), args(product.getClass(), values), product));
  }

  private static List<Arg> args(Class<?> type, Object... values) {
    Constructor<?> constructor = type.getDeclaredConstructors()[0];
    Type[] types = constructor.getGenericParameterTypes();
    List<Arg> args = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      args.add(new Arg(constructor.getParameters()[i].getName(), types[i], values[i]));
    }
    return args;
  }

  @Test
  void constructor_recordedJsonArguments_rebuildsEqualObjects() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(10);
    Tokenizer tokenizer = new Tokenizer("corpus.txt", 100);
    record(recorder, tokenizer, "corpus.txt", 100);
    Map<String, Double> weights = new LinkedHashMap<>(Map.of("good", 0.5));
    Scorer scorer = new Scorer(tokenizer, Mode.EXACT, List.of("good", "bad"), weights,
        new double[] {0.25, Double.NaN}, new Config(8, List.of("dense")));
    record(recorder, scorer, tokenizer, Mode.EXACT, scorer.labels, weights, scorer.bias, scorer.config);

    Scorer rebuilt = (Scorer) AiJsonReplayer.allowing("dev.aijson.core.replay").of(recorder.snapshot().toJson()).build();

    assertThat(rebuilt.tokenizer.file).isEqualTo("corpus.txt");
    assertThat(rebuilt.tokenizer.vocabSize).isEqualTo(100);
    assertThat(rebuilt.mode).isEqualTo(Mode.EXACT);
    assertThat(rebuilt.labels).containsExactly("good", "bad").inOrder();
    assertThat(rebuilt.weights).containsExactly("good", 0.5);
    assertThat(rebuilt.bias).usingExactEquality().containsExactly(0.25, Double.NaN).inOrder();
    assertThat(rebuilt.config).isEqualTo(new Config(8, List.of("dense")));
  }

  @Test
  void constructor_jsonDocument_decodesByDeclaredType() {
    Scorer scorer = (Scorer) AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER).build("var1");

    assertThat(scorer.labels).isInstanceOf(ArrayList.class);
    assertThat(scorer.weights).isInstanceOf(LinkedHashMap.class);
    assertThat(scorer.weights).containsExactly("good", 0.5, "bad", -1.0).inOrder();
    assertThat(scorer.config.layers()).containsExactly("dense", "softmax").inOrder();
  }

  @Test
  void build_twice_givesFreshObjectsAndCollections() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    Scorer first = (Scorer) replayer.build("var1");
    Scorer second = (Scorer) replayer.build("var1");

    assertThat(second).isNotSameInstanceAs(first);
    assertThat(second.tokenizer).isNotSameInstanceAs(first.tokenizer);
    assertThat(second.labels).isNotSameInstanceAs(first.labels);
    assertThat(second.config.layers()).isNotSameInstanceAs(first.config.layers());
    first.labels.add("changed");
    assertThat(second.labels).containsExactly("good", "bad");
  }

  @Test
  void referencePositions_eachReferencedVarOnceInIncreasingOrder_asACopy() {
    String tokenizer = "{\"kind\": \"constructor\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerTest$Tokenizer\", \"signature\": [\"java.lang.String\", \"int\"],"
        + " \"kwargs\": {\"file\": \"a.txt\", \"vocabSize\": 5}}";
    String pair = "{\"kind\": \"constructor\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerTest$Pair\", \"signature\": [\"dev.aijson.core.replay.AiJsonReplayerTest$Tokenizer\","
        + " \"dev.aijson.core.replay.AiJsonReplayerTest$Tokenizer\"], \"kwargs\": {\"left\": \"$%s\", \"right\": \"$%s\"}}";
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(
        "{\"aijson\": 1, \"vars\": {\"var0\": " + tokenizer + ", \"var1\": " + tokenizer
            + ", \"var2\": " + pair.formatted("var1", "var0") + ", \"var3\": " + pair.formatted("var0", "var0")
            + "}}");

    assertThat(replayer.referencePositions(0)).isEmpty();
    assertThat(replayer.referencePositions(2)).asList().containsExactly(0, 1).inOrder();
    assertThat(replayer.referencePositions(3)).asList().containsExactly(0);
    replayer.referencePositions(2)[0] = 3;
    assertThat(replayer.referencePositions(2)).asList().containsExactly(0, 1).inOrder();
    assertThrows(IndexOutOfBoundsException.class, () -> replayer.referencePositions(4));
  }

  @Test
  void constructor_sameVarReferencedTwice_givesSameObject() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(10);
    Tokenizer shared = new Tokenizer("corpus.txt", 5);
    record(recorder, shared, "corpus.txt", 5);
    record(recorder, new Pair(shared, shared), shared, shared);

    Pair pair = (Pair) AiJsonReplayer.allowing("dev.aijson.core.replay").of(recorder.snapshot()).build();

    assertThat(pair.left).isSameInstanceAs(pair.right);
  }

  @Test
  void constructor_twoEqualVars_giveTwoObjects() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(10);
    Tokenizer left = new Tokenizer("corpus.txt", 5);
    Tokenizer right = new Tokenizer("corpus.txt", 5);
    record(recorder, left, "corpus.txt", 5);
    record(recorder, right, "corpus.txt", 5);
    record(recorder, new Pair(left, right), left, right);

    Pair pair = (Pair) AiJsonReplayer.allowing("dev.aijson.core.replay").of(recorder.snapshot()).build();

    assertThat(pair.left).isNotSameInstanceAs(pair.right);
  }

  @Test
  void build_var_buildsOnlyWhatItReferences() {
    List<String> built = new ArrayList<>();
    String json = document("tokenizer-counted-and-pair.json");

    AiJsonReplayer.allowing("dev.aijson.core.replay").of(json).build("var2", new ReplayHooks() {
      @Override
      public void built(AiJsonVar var, Object object) {
        built.add(var.name());
      }
    });

    assertThat(built).containsExactly("var0", "var2").inOrder();
    assertThat(Counted.MADE.get()).isEqualTo(0);
  }

  @Test
  void members_fieldsAndMethods_areInjectedInTheirClasses() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(10);
    Tokenizer tokenizer = new Tokenizer("corpus.txt", 5);
    record(recorder, tokenizer, "corpus.txt", 5);
    Component component = new Component();
    recorder.record(new Entry(AiJsonVar.Kind.CONSTRUCTOR, Component.class, null, null, false, null,
        List.of(),
        List.of(
            new Member("label", true, List.of(new Arg("label", String.class, "from base"))),
            new Member("label", true, List.of(new Arg("label", String.class, "from component"))),
            new Member("connect", false, List.of(new Arg("tokenizer", Tokenizer.class, tokenizer),
                new Arg("threshold", int.class, 3)))),
        component));

    Component rebuilt = (Component) AiJsonReplayer.allowing("dev.aijson.core.replay").of(recorder.snapshot()).build();

    assertThat(rebuilt.baseLabel()).isEqualTo("from base");
    assertThat(rebuilt.label).isEqualTo("from component");
    assertThat(rebuilt.tokenizer.vocabSize).isEqualTo(5);
    assertThat(rebuilt.threshold).isEqualTo(3);
  }

  @Test
  void members_keyNamingSuperclass_setsTheSuperclassMember() {
    String json = document("component-with-superclass-member.json");

    Component component = (Component) AiJsonReplayer.allowing("dev.aijson.core.replay").of(json).build();

    assertThat(component.baseLabel()).isEqualTo("base only");
    assertThat(component.label).isNull();
  }

  @Test
  void members_unknownName_isRefusedListingInjectableMembers() {
    String json = document("component-with-misspelt-member.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/members/lable");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Component): member \"lable\" names"
        + " no field or method of " + OUTER + "Component; replay injects only its @Inject fields"
        + " and methods (label, label, connect(...)). Fix or remove the member at"
        + " /vars/var0/members/lable.");
  }

  private static final String LAYER_MODULE = document("layer-module.json");

  @Test
  void provides_allowedPackage_callsTheMethodOnANewModule() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(LAYER_MODULE), getClass().getClassLoader(), "dev.aijson.core.replay");

    Net net = (Net) replayer.build();

    assertThat(net.layer.size()).isEqualTo(30);
  }

  @Test
  void provides_classThatIsNotAModule_isRefusedByDefault() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(LAYER_MODULE));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e.problems().get(0).message()).isEqualTo("var0 (" + OUTER + "LayerModule#layer): replay does"
        + " not call " + OUTER + "LayerModule#layer: its package is not allowed and neither the"
        + " module nor the method is annotated @AiJson (a Guice module with an @Provides method"
        + " alone is not enough). Allow it with AiJsonReplayer.allowing(\"dev.aijson.core.replay\")"
        + " or allowPackages(\"dev.aijson.core.replay\"), or annotate the class with @AiJson; the document names it at /vars/var0/caller.");
  }

  /**
   * A provides var and a call var of one method and signature: the policy is asked about each as
   * what it is, though the second finds the method the first looked up.
   */
  @Test
  void providesAndCallOfOneMethod_areEachRefusedAsWhatTheyAre() {
    String json = "{\"aijson\": 1, \"vars\": {"
        + "\"var0\": {\"kind\": \"provides\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerTest$LayerModule#layer\", \"signature\": [\"int\", \"int\"],"
        + " \"kwargs\": {\"nSymbols\": 10, \"nClasses\": 3}},"
        + "\"var1\": {\"kind\": \"opaque\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerTest$LayerModule\"},"
        + "\"var2\": {\"kind\": \"call\", \"module\": \"dev.aijson.core.replay\","
        + " \"caller\": \"AiJsonReplayerTest$LayerModule#layer\", \"receiver\": \"$var1\","
        + " \"signature\": [\"int\", \"int\"], \"kwargs\": {\"nSymbols\": 10, \"nClasses\": 3}}}}";

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(json));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0).path()).isEqualTo("/vars/var0/caller");
    assertThat(e.problems().get(0).message()).contains("neither the module nor the method is annotated @AiJson");
    assertThat(e.problems().get(1).path()).isEqualTo("/vars/var2/caller");
    assertThat(e.problems().get(1).message()).isEqualTo("var2 (" + OUTER + "LayerModule#layer): replay does"
        + " not call " + OUTER + "LayerModule#layer: its package is not allowed and neither the class"
        + " nor the method is annotated @AiJson. Allow it with"
        + " AiJsonReplayer.allowing(\"dev.aijson.core.replay\") or"
        + " allowPackages(\"dev.aijson.core.replay\"), or annotate the class with @AiJson; the document names it at /vars/var2/caller.");
  }

  private static final String SCALED_MODULE = document("scaled-module.json");

  @Test
  void provides_moduleWithoutNoArgConstructor_failsSuggestingWithInstance() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(SCALED_MODULE), getClass().getClassLoader(), "dev.aijson.core.replay");

    AiJsonException e = assertThrows(AiJsonException.class, replayer::build);

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "ScaledModule#layer): replay cannot"
        + " instantiate the module class " + OUTER + "ScaledModule to call layer: it has no"
        + " no-argument constructor. Supply the module, or the object the method returns, with"
        + " withInstance(\"var0\", object). The var is at /vars/var0.");
  }

  @Test
  void provides_withInstanceOfTheModule_callsTheMethodOnIt() {
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(SCALED_MODULE), getClass().getClassLoader(), "dev.aijson.core.replay")
        .withInstance("var0", new ScaledModule(7));

    assertThat(((Layer) replayer.build()).size()).isEqualTo(70);
  }

  @Test
  void provides_withInstanceOfTheProduct_usesItWithoutTheModule() {
    Layer layer = () -> 1;
    AiJsonReplayer replayer = AiJsonReplayer.of(
        AiJsonDocument.parse(SCALED_MODULE), getClass().getClassLoader(), "dev.aijson.core.replay")
        .withInstance("var0", layer);

    assertThat(replayer.build()).isSameInstanceAs(layer);
  }

  private static final String TRAINING = document("training.json");

  @Test
  void call_referencedResult_isInvokedOnItsReceiver() {
    Serving serving = (Serving) AiJsonReplayer.allowing("dev.aijson.core.replay").of(TRAINING).build("var2");

    assertThat(serving.model.epochs).isEqualTo(5);
    assertThat(Trainer.FITS.get()).isEqualTo(1);
  }

  @Test
  void call_notReferenced_isNotInvoked() {
    AiJsonReplayer.allowing("dev.aijson.core.replay").of(TRAINING).build("var0");

    assertThat(Trainer.FITS.get()).isEqualTo(0);
  }

  @Test
  void call_requestedItself_isInvoked() {
    Model model = (Model) AiJsonReplayer.allowing("dev.aijson.core.replay").of(TRAINING).build();

    assertThat(model.epochs).isEqualTo(7);
    assertThat(Trainer.FITS.get()).isEqualTo(1);
  }

  @Test
  void call_receiverOfAnotherClass_isRefused() {
    String json = document("fit-called-on-a-tokenizer.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var1/receiver");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Trainer#fit): its receiver"
        + " \"$var0\" builds a " + OUTER + "Tokenizer, which is not a " + OUTER + "Trainer. Fix the"
        + " receiver at /vars/var1/receiver.");
  }

  private static final String OPAQUE = document("opaque.json");

  @Test
  void opaque_withoutInstance_failsNamingWithInstance() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(OPAQUE);

    AiJsonException e = assertThrows(AiJsonException.class, replayer::build);

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "DataSource) is opaque: it was"
        + " bound as an instance that replay cannot rebuild, and none was supplied. Supply it with"
        + " withInstance(\"var0\", instance), where instance is a " + OUTER + "DataSource.");
  }

  @Test
  void opaque_withInstance_isPassedWhereReferenced() {
    DataSource source = () -> "jdbc:h2:mem";

    Reader reader = (Reader) AiJsonReplayer.allowing("dev.aijson.core.replay").of(OPAQUE).withInstance("var0", source).build();

    assertThat(reader.source).isSameInstanceAs(source);
  }

  @Test
  void opaque_suppliedByHook_isPassedWhereReferenced() {
    DataSource source = () -> "jdbc:h2:mem";

    Reader reader = (Reader) AiJsonReplayer.allowing("dev.aijson.core.replay").of(OPAQUE).build("var1", new ReplayHooks() {
      @Override
      public Object opaque(AiJsonVar var) {
        return source;
      }
    });

    assertThat(reader.source).isSameInstanceAs(source);
  }

  @Test
  void withInstance_wrongClass_isRefused() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(OPAQUE);

    AiJsonException e = assertThrows(AiJsonException.class, () -> replayer.withInstance("var0", "not a source"));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo("withInstance(\"var0\", ...): a java.lang.String does"
        + " not fit var0 (" + OUTER + "DataSource), whose object is a " + OUTER + "DataSource. Pass"
        + " a " + OUTER + "DataSource.");
  }

  @Test
  void withInstance_unknownVar_namesTheVarsThatExist() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(OPAQUE);

    AiJsonException e = assertThrows(AiJsonException.class, () -> replayer.withInstance("var9", "x"));

    assertThat(e.path()).isEqualTo("/vars/var9");
    assertThat(e).hasMessageThat().isEqualTo("withInstance(\"var9\", ...): the document has no var"
        + " \"var9\"; it has var0 to var1. Name one of those.");
  }

  @Test
  void build_unknownVar_namesTheCallAndTheFix() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(OPAQUE);

    AiJsonException e = assertThrows(AiJsonException.class, () -> replayer.build("var99"));

    assertThat(e.path()).isEqualTo("/vars/var99");
    assertThat(e).hasMessageThat().isEqualTo("build(\"var99\"): the document has no var \"var99\";"
        + " it has var0 to var1. Name one of those.");
  }

  @Test
  void hooks_referenceAnswered_isUsedAndNotBuilt() {
    Tokenizer supplied = new Tokenizer("supplied", 1);
    List<String> built = new ArrayList<>();
    List<String> asked = new ArrayList<>();

    Scorer scorer = (Scorer) AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER).build("var1", new ReplayHooks() {
      @Override
      public Object reference(AiJsonVar target) {
        asked.add(target.name());
        return supplied;
      }

      @Override
      public void built(AiJsonVar var, Object object) {
        built.add(var.name());
      }
    });

    assertThat(scorer.tokenizer).isSameInstanceAs(supplied);
    assertThat(asked).containsExactly("var0");
    assertThat(built).containsExactly("var1");
  }

  @Test
  void hooks_built_reportsDependenciesFirst() {
    List<String> built = new ArrayList<>();

    AiJsonReplayer.allowing("dev.aijson.core.replay").of(TRAINING).build("var2", new ReplayHooks() {
      @Override
      public void built(AiJsonVar var, Object object) {
        built.add(var.name());
      }
    });

    assertThat(built).containsExactly("var0", "var1", "var2").inOrder();
  }

  private static final String LAZY = document("lazy.json");

  @Test
  void provider_withoutGuice_failsNamingReplayModule() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(LAZY);

    AiJsonException e = assertThrows(AiJsonException.class, replayer::build);

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/tokenizer");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Lazy): kwarg \"tokenizer\" at"
        + " /vars/var1/kwargs/tokenizer is a provider of \"" + OUTER + "Tokenizer\": a provider can"
        + " only be replayed by the Guice ReplayModule, which has an injector to provide"
        + " javax.inject.Provider<" + OUTER + "Tokenizer>. Replay with ReplayModule.from(json), or"
        + " pass Hooks whose provider(key, type) supplies it.");
  }

  @Test
  void provider_suppliedByHook_isPassed() {
    Provider<Tokenizer> provider = () -> new Tokenizer("lazy", 2);
    List<String> keys = new ArrayList<>();

    Lazy lazy = (Lazy) AiJsonReplayer.allowing("dev.aijson.core.replay").of(LAZY).build("var1", new ReplayHooks() {
      @Override
      public Object provider(String key, Type providerType) {
        keys.add(key + " " + AiJsonTypes.name(providerType));
        return provider;
      }
    });

    assertThat(lazy.tokenizer).isSameInstanceAs(provider);
    assertThat(keys).containsExactly(OUTER + "Tokenizer javax.inject.Provider<" + OUTER + "Tokenizer>");
  }

  @Test
  void override_rightType_changesTheBuiltValue() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER).override("var0.kwargs.vocabSize", 512);

    Scorer scorer = (Scorer) replayer.build("var1");

    assertThat(scorer.tokenizer.vocabSize).isEqualTo(512);
    assertThat(replayer.document().var("var0").kwargs()).containsEntry("vocabSize", 512L);
  }

  @Test
  void override_leavesTheOriginalReplayerUnchanged() {
    AiJsonReplayer original = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    original.override("var1.kwargs.mode", Mode.EXACT);

    assertThat(((Scorer) original.build("var1")).mode).isEqualTo(Mode.FAST);
  }

  @Test
  void override_nestedPath_changesOneElement() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER)
        .override("var1.kwargs.config.layers.0", "sparse")
        .override("var1.kwargs.weights.bad", 2.5);

    Scorer scorer = (Scorer) replayer.build("var1");

    assertThat(scorer.config.layers()).containsExactly("sparse", "softmax").inOrder();
    assertThat(scorer.weights).containsExactly("good", 0.5, "bad", 2.5).inOrder();
  }

  @Test
  void override_recordValue_isEncodedLikeTheRecorder() {
    Scorer scorer = (Scorer) AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER)
        .override("var1.kwargs.config", new Config(16, List.of("a")))
        .build("var1");

    assertThat(scorer.config).isEqualTo(new Config(16, List.of("a")));
  }

  @Test
  void override_member_changesTheInjectedValue() {
    String json = document("component-with-label-member.json");

    Component component = (Component) AiJsonReplayer.allowing("dev.aijson.core.replay").of(json).override("var0.members.Component.label", "new").build();

    assertThat(component.label).isEqualTo("new");
  }

  @Test
  void override_wrongType_isRefusedWithItsPointer() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> replayer.override("var0.kwargs.vocabSize", "large"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocabSize");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokenizer): kwarg \"vocabSize\""
        + " is \"large\", which is not an int (a whole number from -2147483648 to 2147483647). Fix"
        + " the value at /vars/var0/kwargs/vocabSize.");
  }

  @Test
  void override_wrongNestedType_isRefusedWithItsPointer() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> replayer.override("var1.kwargs.config.hidden", 1.5));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/config/hidden");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Scorer): kwarg \"config\" at"
        + " /vars/var1/kwargs/config/hidden is 1.5, which is not an int (a whole number from"
        + " -2147483648 to 2147483647). Fix the value at /vars/var1/kwargs/config/hidden.");
  }

  @Test
  void override_unknownKwarg_namesTheKwargsThatExist() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> replayer.override("var0.kwargs.vocab", 5));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e).hasMessageThat().isEqualTo("override(\"var0.kwargs.vocab\"): var0 (" + OUTER
        + "Tokenizer) has no kwarg \"vocab\"; it has file, vocabSize. Name one of those.");
  }

  @Test
  void override_unknownVar_namesTheVarsThatExist() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> replayer.override("var7.kwargs.vocabSize", 5));

    assertThat(e.path()).isEqualTo("/vars/var7");
    assertThat(e).hasMessageThat().isEqualTo("override(\"var7.kwargs.vocabSize\"): the document has"
        + " no var \"var7\"; it has var0 to var1. Name one of those.");
  }

  @Test
  void override_pathPastAScalar_isRefused() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> replayer.override("var1.kwargs.labels.5", "x"));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/labels");
    assertThat(e).hasMessageThat().isEqualTo("override(\"var1.kwargs.labels.5\"): the value at"
        + " /vars/var1/kwargs/labels is an array, which has no part \"5\". Fix the path.");
  }

  @Test
  void override_reference_rewiresTheArgument() {
    String json = document("two-tokenizers-and-pair.json");

    Pair pair = (Pair) AiJsonReplayer.allowing("dev.aijson.core.replay").of(json).override("var2.kwargs.right", AiJsonRef.to("var0")).build();

    assertThat(pair.right).isSameInstanceAs(pair.left);
  }

  @Test
  void badDocument_unknownEnumConstant_listsTheConstants() {
    String json = SCORER.replace("\"mode\": \"FAST\"", "\"mode\": \"FASTER\"");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/mode");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Scorer): kwarg \"mode\" is"
        + " \"FASTER\", which is not a constant of " + OUTER + "Mode (FAST, EXACT). Fix the value at"
        + " /vars/var1/kwargs/mode.");
  }

  @Test
  void badDocument_intOutOfRange_isRefused() {
    String json = TOKENIZER.replace("100", "3000000000");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocabSize");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokenizer): kwarg \"vocabSize\""
        + " is 3000000000, which is not an int (a whole number from -2147483648 to 2147483647). Fix"
        + " the value at /vars/var0/kwargs/vocabSize.");
  }

  @Test
  void badDocument_wrongValueType_isRefused() {
    String json = TOKENIZER.replace("\"corpus.txt\"", "[\"corpus.txt\"]");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/file");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokenizer): kwarg \"file\" is an"
        + " array, which is not a java.lang.String (a JSON string). Fix the value at"
        + " /vars/var0/kwargs/file.");
  }

  @Test
  void badDocument_nullForPrimitive_isRefused() {
    String json = TOKENIZER.replace("100", "null");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokenizer): kwarg \"vocabSize\""
        + " is null, which is not an int (a primitive cannot be null). Fix the value at"
        + " /vars/var0/kwargs/vocabSize.");
  }

  @Test
  void badDocument_recordWithUnknownComponent_namesTheComponents() {
    String json = SCORER.replace("\"hidden\": 8", "\"hiden\": 8");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/config");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Scorer): kwarg \"config\" is an"
        + " object, which is not a " + OUTER + "Config (an object with exactly the components"
        + " hidden, layers). Fix the value at /vars/var1/kwargs/config.");
  }

  @Test
  void badDocument_referenceToWrongClass_isRefused() {
    String json = SCORER.replace("\"tokenizer\": \"$var0\"", "\"tokenizer\": \"$var0\"")
        .replace("\"labels\": [\"good\", \"bad\"]", "\"labels\": [\"good\", \"$var0\"]");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/labels/1");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Scorer): kwarg \"labels\" at"
        + " /vars/var1/kwargs/labels/1 is \"$var0\", which is not a java.lang.String: var0 builds a "
        + OUTER + "Tokenizer. Reference a var that builds a java.lang.String instead. Fix the value"
        + " at /vars/var1/kwargs/labels/1.");
  }

  @Test
  void badDocument_referenceWhereAValueIsDeclared_isRefusedAtEachKwarg() {
    // a second tokenizer whose kwargs reference the first: a String and an int cannot be a var
    String json = TOKENIZER.replace("}\n}}", "},\n  \"var1\": {\"kind\": \"constructor\", \"module\":"
        + " \"dev.aijson.core.replay\", \"caller\": \"AiJsonReplayerTest$Tokenizer\", \"signature\":"
        + " [\"java.lang.String\", \"int\"], \"kwargs\": {\"file\": \"$var0\", \"vocabSize\": \"$var0\"}}\n}}");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.problems()).containsExactly(
        new AiJsonException.Problem("/vars/var1/kwargs/file", "var1 (" + OUTER + "Tokenizer): kwarg"
            + " \"file\" is \"$var0\", which is not a java.lang.String: var0 builds a " + OUTER
            + "Tokenizer. Reference a var that builds a java.lang.String instead. Fix the value at"
            + " /vars/var1/kwargs/file."),
        new AiJsonException.Problem("/vars/var1/kwargs/vocabSize", "var1 (" + OUTER + "Tokenizer):"
            + " kwarg \"vocabSize\" is \"$var0\", which is not an int (a primitive cannot take a"
            + " reference; write the value itself). Fix the value at /vars/var1/kwargs/vocabSize."))
        .inOrder();
  }

  @Test
  void badDocument_missingArgument_isRefused() {
    AiJsonVar tokenizer = new AiJsonVar("var0", AiJsonVar.Kind.CONSTRUCTOR, "dev.aijson.core.replay",
        "AiJsonReplayerTest$Tokenizer", null, false, null, List.of("java.lang.String", "int"),
        Map.of("file", "corpus.txt"), Map.of());

    AiJsonException e = assertThrows(AiJsonException.class,
        () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(AiJsonDocument.of(List.of(tokenizer))));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokenizer) has 1 kwargs, but the"
        + " constructor takes 2 parameters (java.lang.String, int); every parameter needs exactly"
        + " one kwarg, in declaration order. Add the missing arguments at /vars/var0/kwargs.");
  }

  @Test
  void badDocument_missingArgumentInJson_isRefusedByTheReader() {
    String json = TOKENIZER.replace(", \"vocabSize\": 100", "");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
  }

  @Test
  void badDocument_unknownClass_isRefusedAtCaller() {
    String json = TOKENIZER.replace("Tokenizer", "Tokeniser");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokeniser): class " + OUTER
        + "Tokeniser cannot be loaded (ClassNotFoundException). Put the jar that holds it on the"
        + " classpath, pass its class loader with withClassLoader(...), or fix \"module\" and"
        + " \"caller\" at /vars/var0.");
  }

  /** What {@link HiddenBase} stands for: a library class the serving classpath lacks. */
  public static class HiddenBase {}

  /** A recorded class found on the classpath whose superclass is not. */
  public static class NeedsHiddenBase extends HiddenBase {
    @Inject
    public NeedsHiddenBase() {}
  }

  /** Loads {@link NeedsHiddenBase} itself, and fails to find {@link HiddenBase}. */
  private static final class WithoutHiddenBase extends ClassLoader {
    WithoutHiddenBase() {
      super(AiJsonReplayerTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(HiddenBase.class.getName())) {
        throw new ClassNotFoundException(name);
      }
      if (!name.equals(NeedsHiddenBase.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> known = findLoadedClass(name);
        if (known != null) {
          return known;
        }
        try (java.io.InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  // regression: a class on the classpath whose superclass is not was reported as "cannot be
  // loaded (NoClassDefFoundError)", as if the document named a wrong class, without the one missing
  @Test
  void badDocument_classWhoseSuperclassIsMissing_namesTheMissingClass() {
    String json = "{\n  \"aijson\": 1,\n  \"vars\": {\n    \"var0\": {\"kind\": \"constructor\", \"module\":"
        + " \"dev.aijson.core.replay\", \"caller\": \"AiJsonReplayerTest$NeedsHiddenBase\", \"signature\": [],"
        + " \"kwargs\": {}}\n  }\n}\n";

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.of(
        AiJsonDocument.parse(json), new WithoutHiddenBase(), "dev.aijson.core.replay"));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "NeedsHiddenBase): class " + OUTER
        + "NeedsHiddenBase cannot be loaded: it needs " + OUTER + "HiddenBase, which cannot be found"
        + " (NoClassDefFoundError). Put the jar that holds " + OUTER + "HiddenBase on the classpath,"
        + " or pass a class loader that sees it with withClassLoader(...), or fix \"module\" and \"caller\" at"
        + " /vars/var0.");
  }

  @Test
  void badDocument_noMatchingConstructor_listsTheConstructors() {
    String json = TOKENIZER.replace("\"int\"", "\"long\"");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var0/signature");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokenizer): no constructor of "
        + OUTER + "Tokenizer has the signature (java.lang.String, long); it has (java.lang.String,"
        + " int). Fix the signature at /vars/var0/signature, or replay with the version of the"
        + " class that was recorded.");
  }

  @Test
  void badDocument_noMatchingMethod_listsTheMethods() {
    String json = TRAINING.replace("[\"int\"], \"kwargs\": {\"epochs\": 5}",
        "[\"long\"], \"kwargs\": {\"epochs\": 5}");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var1/signature");
    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Trainer#fit): " + OUTER
        + "Trainer has no method fit(long); it has fit(int). Fix the caller or the signature at"
        + " /vars/var1, or replay with the version of the class that was recorded.");
  }

  @Test
  void badDocument_severalProblems_areAllListedAndNothingIsBuilt() {
    String json = document("scorer-with-two-bad-values.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocabSize");
    assertThat(e.problems().get(1).path()).isEqualTo("/vars/var1/kwargs/mode");
    assertThat(e).hasMessageThat().startsWith("2 problems in the aijson document:\n  1. var0 (");
    assertThat(Counted.MADE.get()).isEqualTo(0);
  }

  @Test
  void scalars_decodeByDeclaredType() {
    String json = document("scalars.json");

    Scalars scalars = (Scalars) AiJsonReplayer.allowing("dev.aijson.core.replay").of(json).build();

    assertThat(scalars.big).isEqualTo(9007199254740993L);
    assertThat(scalars.separator).isEqualTo(',');
    assertThat(scalars.ratio).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(scalars.maybe).isNull();
    assertThat(scalars.any).isEqualTo(Map.of("n", 1L, "x", 0.5, "list", List.of("$escaped", true)));
  }

  @Test
  void scalars_charFromLongString_isRefused() {
    String json = document("scalars-out-of-range.json");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.problems().stream().map(AiJsonException.Problem::path).toList()).containsExactly(
        "/vars/var0/kwargs/separator", "/vars/var0/kwargs/ratio", "/vars/var0/kwargs/maybe").inOrder();
  }

  @Test
  void constructorThatThrows_isWrappedNamingTheVarAndKeepingTheCause() {
    String json = document("failing.json");
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(json);

    AiJsonException e = assertThrows(AiJsonException.class, replayer::build);

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasCauseThat().isInstanceOf(IllegalStateException.class);
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Failing): the constructor of "
        + OUTER + "Failing threw java.lang.IllegalStateException: n must be positive, not -1. Fix"
        + " the arguments at /vars/var0 or the code they are passed to; the cause is attached.");
  }

  @Test
  void build_emptyDocument_saysThereIsNothingToBuild() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(document("empty.json"));

    AiJsonException e = assertThrows(AiJsonException.class, replayer::build);

    assertThat(e.path()).isEqualTo("/vars");
  }

  private static final String SHAPES = document("shapes.json");

  @Test
  void values_everyJsonShape_decodesToItsDeclaredType() {
    Shapes shapes = (Shapes) AiJsonReplayer.allowing("dev.aijson.core.replay").of(SHAPES).build();

    assertThat(shapes.small).isEqualTo((byte) -128);
    assertThat(shapes.boxed).isNull();
    assertThat(shapes.huge).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(shapes.exact).isEqualTo(new java.math.BigDecimal("0.10"));
    assertThat(shapes.tags).isInstanceOf(java.util.LinkedHashSet.class);
    assertThat(shapes.tags).containsExactly("b", "a").inOrder();
    assertThat(shapes.ranks).isInstanceOf(java.util.TreeSet.class);
    assertThat(shapes.ranks).containsExactly(1, 2, 3).inOrder();
    assertThat(shapes.totals).isInstanceOf(java.util.TreeMap.class);
    assertThat(shapes.totals).containsExactly("a", 2L, "z", 1L).inOrder();
    assertThat(shapes.byMode).containsExactly(Mode.EXACT, List.of(1.0, 2.5), Mode.FAST, List.of());
    assertThat(shapes.groups).asList().containsExactly(List.of("x"), List.of()).inOrder();
    List<Tokenizer> tokenizers = new ArrayList<>();
    shapes.tokenizers.forEach(tokenizers::add);
    assertThat(tokenizers.get(0)).isSameInstanceAs(tokenizers.get(1));
    assertThat(tokenizers.get(2)).isNull();
    assertThat(shapes.configs).asList().containsExactly(new Config(1, List.of()));
  }

  @Test
  void values_byteOutOfRange_isRefused() {
    String json = SHAPES.replace("\"small\": -128", "\"small\": 128");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e).hasMessageThat().isEqualTo("var1 (" + OUTER + "Shapes): kwarg \"small\" is 128,"
        + " which is not a byte (a whole number from -128 to 127). Fix the value at"
        + " /vars/var1/kwargs/small.");
  }

  @Test
  void values_unknownEnumMapKey_isRefusedAtTheKey() {
    String json = SHAPES.replace("\"FAST\": []", "\"SLOW\": []");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/byMode/SLOW");
    assertThat(e).hasMessageThat().contains("is \"SLOW\", which is not a constant of " + OUTER
        + "Mode (FAST, EXACT)");
  }

  @Test
  void values_decimalForLong_isRefused() {
    String json = SHAPES.replace("\"z\": 1", "\"z\": 1.5");

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonReplayer.allowing("dev.aijson.core.replay").of(json));

    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/totals/z");
  }

  @Test
  void call_methodOfASuperclass_isInvoked() {
    String json = document("sub-trainer-train-call.json");

    assertThat(((Model) AiJsonReplayer.allowing("dev.aijson.core.replay").of(json).build()).epochs).isEqualTo(3);
  }

  @Test
  void provides_anonymousModule_failsSuggestingWithInstance() {
    Object module = new Object() {
      @SuppressWarnings("unused")
      Layer layer(int n) {
        return () -> n;
      }
    };
    AiJsonRecorder recorder = AiJsonRecorder.withCap(10);
    Layer layer = () -> 4;
    recorder.record(new Entry(AiJsonVar.Kind.PROVIDES, module.getClass(), "layer", null, false, null,
        List.of(new Arg("n", int.class, 4)), List.of(), layer));
    AiJsonReplayer replayer =
        AiJsonReplayer.of(recorder.snapshot(), getClass().getClassLoader(), "dev.aijson.core.replay");

    AiJsonException e = assertThrows(AiJsonException.class, replayer::build);

    assertThat(e).hasMessageThat().contains("to call layer: it is an anonymous class. Supply the"
        + " module, or the object the method returns, with withInstance(\"var0\", object).");
    assertThat(((Layer) replayer.withInstance("var0", module).build()).size()).isEqualTo(4);
  }

  @Test
  void withClassLoader_thatCannotSeeTheClasses_refusesTheDocument() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(TOKENIZER);
    ClassLoader bootstrapOnly = new ClassLoader(null) {};

    AiJsonException e = assertThrows(AiJsonException.class, () -> replayer.withClassLoader(bootstrapOnly));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
  }

  @Test
  void withClassLoader_thatSeesTheClasses_builds() {
    ClassLoader child = new ClassLoader(getClass().getClassLoader()) {};

    Tokenizer tokenizer = (Tokenizer) AiJsonReplayer.allowing("dev.aijson.core.replay").of(TOKENIZER).withClassLoader(child).build();

    assertThat(tokenizer.vocabSize).isEqualTo(100);
  }

  @Test
  void hooks_referenceOfTheWrongClass_isRefused() {
    AiJsonReplayer replayer = AiJsonReplayer.allowing("dev.aijson.core.replay").of(SCORER);

    AiJsonException e = assertThrows(AiJsonException.class, () -> replayer.build("var1", new ReplayHooks() {
      @Override
      public Object reference(AiJsonVar target) {
        return "not a tokenizer";
      }
    }));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo("var0 (" + OUTER + "Tokenizer): the reference hook"
        + " supplied a java.lang.String, which is not a " + OUTER + "Tokenizer. Return a " + OUTER
        + "Tokenizer or ReplayHooks.BUILD.");
  }

  @Test
  void build_referenceChainOf100000_buildsWithoutStackOverflow() {
    int length = 100_000;
    StringBuilder vars = new StringBuilder();
    for (int i = 0; i < length; i++) {
      vars.append(i == 0 ? "" : ",\n").append("\"var").append(i).append("\": {\"kind\": \"constructor\","
          + " \"module\": \"dev.aijson.core.replay\", \"caller\": \"AiJsonReplayerTest$Link\", \"signature\":"
          + " [\"dev.aijson.core.replay.AiJsonReplayerTest$Link\"], \"kwargs\": {\"previous\": ")
          .append(i == 0 ? "null" : "\"$var" + (i - 1) + "\"").append("}}");
    }

    Link last = (Link) AiJsonReplayer.allowing("dev.aijson.core.replay").of("{\"aijson\": 1, \"vars\": {" + vars + "}}").build();

    assertThat(last.length).isEqualTo(length);
  }
}
