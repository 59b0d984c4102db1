package dev.aijson.core.recording;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar.Kind;
import dev.aijson.core.AiJsonVar;
import dev.aijson.core.recording.Arg;
import dev.aijson.core.recording.Bound;
import dev.aijson.core.recording.Entry;
import dev.aijson.core.recording.Member;
import dev.aijson.core.recording.ProviderOf;
import dev.aijson.core.recording.Unobserved;
import java.lang.ref.WeakReference;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Recording finished objects as vars: encoding, sharing, argument kinds, the cap, memory, threads.
 */
class AiJsonRecorderTest {

  // fixtures, written the way model code is

  static final class Tokenizer {
    @Inject
    Tokenizer() {}
  }

  static final class Pipeline {
    @Inject
    Pipeline(Tokenizer tokenizer, List<String> labels) {}
  }

  static final class Trainer {
    @Inject
    Trainer() {}

    Object fit(Pipeline pipeline, int epochs) {
      return new Object();
    }
  }

  /** Not a JSON value; equal by amount, so equal-but-distinct instances are easy to make. */
  static final class Money {
    private final long cents;

    Money(long cents) {
      this.cents = cents;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Money that && that.cents == cents;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(cents);
    }
  }

  interface DataSource {}

  static final class JdbcDataSource implements DataSource {}

  enum Mode {
    FAST,
    EXACT
  }

  /** Declared in an order that is not alphabetical, so that sorting is visible. */
  enum Colour {
    RED,
    GREEN,
    BLUE,
    AMBER,
    CYAN,
    MAGENTA,
    YELLOW,
    BLACK,
    WHITE,
    ORANGE
  }

  record Shape(int rows, String name, Mode mode) {}

  // helpers

  private static Arg arg(String name, Type type, Object value) {
    return new Arg(name, type, value);
  }

  /** Records one constructor var of {@code type} with one argument, and returns the document. */
  private static AiJsonDocument recordOne(Type declared, Object value) {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    recorder.record(
        Entry.constructor(
            Tokenizer.class, List.of(arg("value", declared, value)), new Tokenizer()));
    return recorder.snapshot();
  }

  private static Object recordedValue(Type declared, Object value) {
    AiJsonDocument doc = recordOne(declared, value);
    return doc.vars().get(doc.vars().size() - 1).kwargs().get("value");
  }

  // entries

  @Test
  public void record_constructorEntry_addsVarWithCallerSignatureAndKwargs() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);

    String name =
        recorder.record(
            Entry.constructor(
                Tokenizer.class,
                List.of(arg("file", String.class, "corpus.txt"), arg("vocabSize", int.class, 100)),
                new Tokenizer()));

    AiJsonVar var = recorder.snapshot().var("var0");
    assertThat(name).isEqualTo("var0");
    assertThat(var.kind()).isEqualTo(Kind.CONSTRUCTOR);
    assertThat(var.module()).isEqualTo("dev.aijson.core.recording");
    assertThat(var.caller()).isEqualTo("AiJsonRecorderTest$Tokenizer");
    assertThat(var.className()).isEqualTo(Tokenizer.class.getName());
    assertThat(var.key()).isNull();
    assertThat(var.signature()).containsExactly("java.lang.String", "int").inOrder();
    assertThat(var.kwargs()).containsExactly("file", "corpus.txt", "vocabSize", 100L).inOrder();
  }

  @Test
  public void record_constructorEntry_writesTheDocumentJson() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    recorder.record(
        Entry.constructor(
            Tokenizer.class,
            List.of(arg("file", String.class, "corpus.txt"), arg("vocabSize", int.class, 100)),
            new Tokenizer()));

    assertThat(recorder.snapshot().toJson())
        .isEqualTo(
            """
            {
              "aijson": 1,
              "vars": {
                "var0": {
                  "kind": "constructor",
                  "module": "dev.aijson.core.recording",
                  "caller": "AiJsonRecorderTest$Tokenizer",
                  "signature": ["java.lang.String", "int"],
                  "kwargs": {
                    "file": "corpus.txt",
                    "vocabSize": 100
                  }
                }
              }
            }
            """);
  }

  @Test
  public void record_providesEntry_namesTheMethodAndKeepsKeyAndScope() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);

    recorder.record(
        new Entry(
            Kind.PROVIDES,
            Pipeline.class,
            "labels",
            "java.util.List<java.lang.String>",
            true,
            null,
            List.of(),
            List.of(),
            List.of("good", "bad")));

    AiJsonVar var = recorder.snapshot().var("var0");
    assertThat(var.caller()).isEqualTo("AiJsonRecorderTest$Pipeline#labels");
    assertThat(var.methodName()).isEqualTo("labels");
    assertThat(var.key()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(var.singleton()).isTrue();
    assertThat(recorder.snapshot().toJson()).contains("\"scope\": \"singleton\"");
  }

  @Test
  public void record_callEntry_referencesItsReceiver() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Trainer trainer = new Trainer();
    Pipeline pipeline = new Pipeline(new Tokenizer(), List.of());
    recorder.record(Entry.constructor(Trainer.class, List.of(), trainer));
    recorder.record(Entry.constructor(Pipeline.class, List.of(), pipeline));

    recorder.record(
        new Entry(
            Kind.CALL,
            Trainer.class,
            "fit",
            null,
            false,
            trainer,
            List.of(arg("pipeline", Pipeline.class, pipeline), arg("epochs", int.class, 5)),
            List.of(),
            new Object()));

    AiJsonVar call = recorder.snapshot().var("var2");
    assertThat(call.kind()).isEqualTo(Kind.CALL);
    assertThat(call.caller()).isEqualTo("AiJsonRecorderTest$Trainer#fit");
    assertThat(call.receiver()).isEqualTo(AiJsonRef.to("var0"));
    assertThat(call.kwargs())
        .containsExactly("pipeline", AiJsonRef.to("var1"), "epochs", 5L)
        .inOrder();
  }

  /** A record of the graph's objects, as a method returns the parts it wired together. */
  record Stage(Tokenizer tokenizer, Pipeline pipeline) {}

  /** Regression: a call whose product held recorded objects waited forever for its own var. */
  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  public void record_callEntryWhoseProductHoldsRecordedObjects_isRecordedWithoutWaiting() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Tokenizer tokenizer = new Tokenizer();
    Pipeline pipeline = new Pipeline(tokenizer, List.of());
    recorder.record(Entry.constructor(Tokenizer.class, List.of(), tokenizer));
    recorder.record(Entry.constructor(Pipeline.class, List.of(), pipeline));
    Trainer trainer = new Trainer();
    recorder.record(Entry.constructor(Trainer.class, List.of(), trainer));

    for (Object product : List.of(List.of(tokenizer, pipeline), Map.of("tokenizer", tokenizer),
        new Stage(tokenizer, pipeline))) {
      recorder.record(new Entry(Kind.CALL, Trainer.class, "stages", null, false, trainer, List.of(),
          List.of(), product));
    }

    assertThat(recorder.snapshot().vars().stream().map(AiJsonVar::kind).toList())
        .containsExactly(Kind.CONSTRUCTOR, Kind.CONSTRUCTOR, Kind.CONSTRUCTOR, Kind.CALL, Kind.CALL,
            Kind.CALL).inOrder();
    // a JSON value is written where it is used, never tracked as a call's object
    assertThat(recorder.varOf(List.of(tokenizer, pipeline))).isNull();
    assertThat(recorder.varOf(tokenizer)).isEqualTo("var0");
    assertThat(recorder.tracks(List.of(tokenizer, pipeline))).isFalse();
    assertThat(recorder.tracks(tokenizer)).isTrue();
    assertThat(recorder.tracks(new Trainer())).isFalse();
    assertThat(recorder.tracks(null)).isFalse();
  }

  @Test
  public void record_members_areWrittenByFieldAndMethodName() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);

    recorder.record(
        new Entry(
            Kind.CONSTRUCTOR,
            Trainer.class,
            null,
            null,
            false,
            null,
            List.of(),
            List.of(
                new Member("seed", true, List.of(arg("seed", long.class, 7L))),
                new Member("setMode", false, List.of(arg("mode", Mode.class, Mode.EXACT)))),
            new Trainer()));

    AiJsonVar var = recorder.snapshot().var("var0");
    assertThat(var.members())
        .containsExactly("seed", 7L, "setMode", Map.of("mode", "EXACT"))
        .inOrder();
  }

  @Test
  public void record_recordedDocument_roundTripsThroughJson() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Tokenizer tokenizer = new Tokenizer();
    recorder.record(
        Entry.constructor(Tokenizer.class, List.of(arg("rate", double.class, 0.25)), tokenizer));
    recorder.record(
        Entry.constructor(
            Pipeline.class,
            List.of(
                arg("tokenizer", Tokenizer.class, tokenizer),
                arg("labels", List.class, List.of("good", "$bad")),
                arg("source", DataSource.class, new JdbcDataSource())),
            new Pipeline(tokenizer, List.of())));
    AiJsonDocument snapshot = recorder.snapshot();

    AiJsonDocument read = AiJsonDocument.parse(snapshot.toJson());

    assertThat(read).isEqualTo(snapshot);
    assertThat(read.toJson()).isEqualTo(snapshot.toJson());
  }

  // value encoding

  @Test
  public void record_intArgument_isLong() {
    Object value = recordedValue(int.class, 42);

    assertThat(value).isInstanceOf(Long.class);
    assertThat(value).isEqualTo(42L);
  }

  @Test
  public void record_shortAndByteArguments_areLong() {
    assertThat(recordedValue(short.class, (short) 3)).isEqualTo(3L);
    assertThat(recordedValue(byte.class, (byte) -1)).isEqualTo(-1L);
  }

  @Test
  public void record_doubleArgument_isBigDecimalWrittenAsShortestDecimal() {
    AiJsonDocument doc = recordOne(double.class, 0.1);

    assertThat(doc.var("var0").kwargs().get("value")).isEqualTo(new BigDecimal("0.1"));
    assertThat(doc.toJson()).contains("\"value\": 0.1\n");
  }

  @Test
  public void record_floatArgument_isWrittenAsItsShortestDecimal() {
    assertThat(recordOne(float.class, 0.1f).toJson()).contains("\"value\": 0.1\n");
  }

  @Test
  public void record_largeDouble_roundTrips() {
    AiJsonDocument doc = recordOne(double.class, 1e20);

    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  @Test
  public void record_nan_isWrittenAsString() {
    AiJsonDocument doc = recordOne(double.class, Double.NaN);

    assertThat(doc.var("var0").kwargs().get("value")).isEqualTo("NaN");
    assertThat(doc.toJson()).contains("\"value\": \"NaN\"");
  }

  @Test
  public void record_infinities_areWrittenAsStrings() {
    assertThat(recordedValue(double.class, Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(recordedValue(double.class, Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(recordedValue(float.class, Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @Test
  public void record_charArgument_isString() {
    assertThat(recordedValue(char.class, 'x')).isEqualTo("x");
  }

  /** Regression: a BigInteger that fits in a long was read back as a Long, so docs differed. */
  @Test
  public void record_smallBigInteger_roundTripsToAnEqualDocument() {
    AiJsonDocument doc = recordOne(BigInteger.class, BigInteger.valueOf(5));

    assertThat(doc.toJson()).contains("\"value\": 5\n");
    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  @Test
  public void record_hugeBigInteger_isKeptExactly() {
    BigInteger huge = BigInteger.TWO.pow(100);

    AiJsonDocument doc = recordOne(BigInteger.class, huge);

    assertThat(doc.var("var0").kwargs().get("value")).isEqualTo(huge);
    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  /** Regression: a whole BigDecimal such as 10 was read back as a Long, so docs differed. */
  @Test
  public void record_wholeBigDecimal_roundTripsToAnEqualDocument() {
    AiJsonDocument doc = recordOne(BigDecimal.class, new BigDecimal("10"));

    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  @Test
  public void record_enumArgument_isWrittenByName() {
    AiJsonDocument doc = recordOne(Mode.class, Mode.EXACT);

    assertThat(doc.var("var0").kwargs().get("value")).isEqualTo("EXACT");
    assertThat(doc.vars()).hasSize(1);
  }

  @Test
  public void record_recordArgument_isWrittenAsObjectOfComponents() {
    AiJsonDocument doc = recordOne(Shape.class, new Shape(3, "$grid", Mode.FAST));

    @SuppressWarnings("unchecked")
    Map<String, Object> shape = (Map<String, Object>) doc.var("var0").kwargs().get("value");
    assertThat(shape).containsExactly("rows", 3L, "name", "$grid", "mode", "FAST").inOrder();
    assertThat(doc.toJson())
        .contains(
            "\"value\": {\n"
                + "          \"rows\": 3,\n"
                + "          \"name\": \"$$grid\",\n"
                + "          \"mode\": \"FAST\"\n"
                + "        }");
  }

  @Test
  public void record_list_isWrittenAsArrayInOrder() {
    assertThat(recordedValue(List.class, List.of("b", "a", "c"))).isEqualTo(List.of("b", "a", "c"));
  }

  @Test
  public void record_primitiveArray_isWrittenAsArray() {
    AiJsonDocument doc = recordOne(int[].class, new int[] {3, 1, 2});

    assertThat(doc.var("var0").kwargs().get("value")).isEqualTo(List.of(3L, 1L, 2L));
    assertThat(doc.toJson()).contains("\"value\": [3, 1, 2]");
  }

  @Test
  public void record_objectArray_isWrittenAsArray() {
    assertThat(recordedValue(String[].class, new String[] {"x", null, "y"}))
        .isEqualTo(Arrays.asList("x", null, "y"));
  }

  @Test
  public void record_nestedCollections_areWrittenNested() {
    assertThat(recordedValue(List.class, List.of(List.of(1, 2), Set.of())))
        .isEqualTo(List.of(List.of(1L, 2L), List.of()));
  }

  @Test
  public void record_sortedSet_keepsItsOrder() {
    assertThat(recordedValue(Set.class, new TreeSet<>(List.of("b", "c", "a"))))
        .isEqualTo(List.of("a", "b", "c"));
  }

  @Test
  public void record_linkedHashMap_keepsInsertionOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("zeta", 1);
    map.put("alpha", 2);

    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) recordedValue(Map.class, map);

    assertThat(value).containsExactly("zeta", 1L, "alpha", 2L).inOrder();
  }

  @Test
  public void record_hashMap_isWrittenInKeyOrder() {
    Map<String, Integer> map = new HashMap<>();
    for (String key : List.of("pear", "apple", "fig", "kiwi", "banana", "cherry")) {
      map.put(key, key.length());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) recordedValue(Map.class, map);

    assertThat(value.keySet())
        .containsExactly("apple", "banana", "cherry", "fig", "kiwi", "pear")
        .inOrder();
  }

  @Test
  public void record_mapWithEnumKeys_isWrittenByKeyName() {
    Map<Mode, Integer> map = new HashMap<>(Map.of(Mode.FAST, 1, Mode.EXACT, 2));

    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) recordedValue(Map.class, map);

    assertThat(value).containsExactly("EXACT", 2L, "FAST", 1L).inOrder();
  }

  @Test
  public void record_mapWithNonStringKeys_isOpaque() {
    AiJsonDocument doc = recordOne(Map.class, new HashMap<>(Map.of(1, "one")));

    assertThat(doc.var("var0").kind()).isEqualTo(Kind.OPAQUE);
    assertThat(doc.var("var1").kwargs().get("value")).isEqualTo(AiJsonRef.to("var0"));
  }

  @Test
  public void record_hashSetOfEnums_isWrittenSortedByName() {
    Set<Colour> colours = new HashSet<>(EnumSet.allOf(Colour.class));

    AiJsonDocument doc = recordOne(Set.class, colours);

    assertThat(doc.var("var0").kwargs().get("value"))
        .isEqualTo(
            List.of(
                "AMBER", "BLACK", "BLUE", "CYAN", "GREEN", "MAGENTA", "ORANGE", "RED", "WHITE",
                "YELLOW"));
    assertThat(doc.toJson())
        .contains(
            "\"value\": [\"AMBER\", \"BLACK\", \"BLUE\", \"CYAN\", \"GREEN\", \"MAGENTA\","
                + " \"ORANGE\", \"RED\", \"WHITE\", \"YELLOW\"]");
  }

  @Test
  public void record_enumSet_keepsDeclarationOrder() {
    assertThat(recordedValue(Set.class, EnumSet.of(Colour.BLUE, Colour.RED)))
        .isEqualTo(List.of("RED", "BLUE"));
  }

  @Test
  public void snapshot_sameWiringInTwoRecorders_isByteIdentical() {
    String first = recordOne(Set.class, new HashSet<>(EnumSet.allOf(Colour.class))).toJson();
    String second = recordOne(Set.class, new HashSet<>(EnumSet.allOf(Colour.class))).toJson();

    assertThat(second).isEqualTo(first);
  }

  // identity: sharing and references

  @Test
  public void record_sameObjectPassedTwice_isOneVarReferencedTwice() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Money price = new Money(250);

    recorder.record(
        Entry.constructor(
            Pipeline.class,
            List.of(arg("price", Money.class, price), arg("fallback", Money.class, price)),
            new Pipeline(new Tokenizer(), List.of())));

    AiJsonDocument doc = recorder.snapshot();
    assertThat(doc.vars()).hasSize(2);
    assertThat(doc.var("var0").kind()).isEqualTo(Kind.OPAQUE);
    assertThat(doc.var("var0").caller()).isEqualTo("AiJsonRecorderTest$Money");
    assertThat(doc.var("var1").kwargs())
        .containsExactly("price", AiJsonRef.to("var0"), "fallback", AiJsonRef.to("var0"));
  }

  @Test
  public void record_equalButDistinctObjects_becomeTwoOpaqueVars() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Money price = new Money(250);
    Money fallback = new Money(250);

    recorder.record(
        Entry.constructor(
            Pipeline.class,
            List.of(arg("price", Money.class, price), arg("fallback", Money.class, fallback)),
            new Pipeline(new Tokenizer(), List.of())));

    AiJsonDocument doc = recorder.snapshot();
    assertThat(price).isEqualTo(fallback);
    assertThat(doc.vars()).hasSize(3);
    assertThat(doc.var("var0").kind()).isEqualTo(Kind.OPAQUE);
    assertThat(doc.var("var1").kind()).isEqualTo(Kind.OPAQUE);
    assertThat(doc.var("var2").kwargs())
        .containsExactly("price", AiJsonRef.to("var0"), "fallback", AiJsonRef.to("var1"));
  }

  @Test
  public void record_trackedObject_isReferencedAsItsVar() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Tokenizer tokenizer = new Tokenizer();
    recorder.record(Entry.constructor(Tokenizer.class, List.of(), tokenizer));

    recorder.record(
        Entry.constructor(
            Pipeline.class,
            List.of(arg("tokenizer", Tokenizer.class, tokenizer)),
            new Pipeline(tokenizer, List.of())));

    AiJsonDocument doc = recorder.snapshot();
    assertThat(recorder.varOf(tokenizer)).isEqualTo("var0");
    assertThat(doc.vars()).hasSize(2);
    assertThat(doc.var("var1").kwargs()).containsExactly("tokenizer", AiJsonRef.to("var0"));
    assertThat(doc.toJson()).contains("\"tokenizer\": \"$var0\"");
  }

  @Test
  public void record_trackedObjectInsideList_isReferencedInPlace() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Tokenizer tokenizer = new Tokenizer();
    recorder.record(Entry.constructor(Tokenizer.class, List.of(), tokenizer));

    recorder.record(
        Entry.constructor(
            Pipeline.class,
            List.of(arg("stages", List.class, List.of(tokenizer, "lowercase"))),
            new Pipeline(tokenizer, List.of())));

    assertThat(recorder.snapshot().var("var1").kwargs().get("stages"))
        .isEqualTo(List.of(AiJsonRef.to("var0"), "lowercase"));
  }

  /** Components of six classes, recorded in turn, for lookups by class and full indexes. */
  private static final class Red {}

  private static final class Green {}

  private static final class Blue {}

  private static final class Cyan {}

  private static final class Magenta {}

  private static final class Yellow {}

  @Test
  public void record_methodReturningEarlierObjectsOfManyClasses_givesEachObjectItsFirstVar() {
    // a method may return an object recorded before, whose first var stands for it: the lookup
    // reads the vars since the last lookup of the class, and, once lookups of many classes have
    // read each var often, indexes them all; either way each object keeps its first var
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100_000);
    List<Class<?>> classes = List.of(Red.class, Green.class, Blue.class, Cyan.class, Magenta.class, Yellow.class);
    List<VarTemplate> constructors = new ArrayList<>();
    for (Class<?> type : classes) {
      constructors.add(VarTemplate.of(Entry.constructor(type, List.of(), null)));
    }
    VarTemplate pick = VarTemplate.of(
        new Entry(Kind.PROVIDES, Pipeline.class, "pick", null, false, null, List.of(), List.of(), null));
    List<Object> objects = new ArrayList<>();
    List<Integer> firstVars = new ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    int next = 0;
    for (int i = 0; i < 3_000; i++) {
      // runs of one class, then classes in turn, so that both kinds of lookup happen
      int kind = i < 1_000 ? (i / 150) % classes.size() : random.nextInt(classes.size());
      Object object = newInstance(classes.get(kind));
      Object handle = recorder.record(constructors.get(kind), null, false, new Object[0], object);
      assertThat(((Recorded) handle).index()).isEqualTo(next);
      objects.add(object);
      firstVars.add(next++);
      if (i % 5 == 0) {
        int earlier = random.nextInt(objects.size());
        Object returned = recorder.record(pick, null, false, new Object[0], objects.get(earlier));
        next++;
        assertThat(((Recorded) returned).index()).isEqualTo(firstVars.get(earlier));
      }
      if (i % 97 == 0) {
        // a new object of a class looked up before is its own var
        Object fresh = newInstance(classes.get(random.nextInt(classes.size())));
        Object returned = recorder.record(pick, null, false, new Object[0], fresh);
        assertThat(((Recorded) returned).index()).isEqualTo(next++);
        objects.add(fresh);
        firstVars.add(next - 1);
      }
    }
    for (int i = 0; i < objects.size(); i++) {
      assertThat(recorder.varOf(objects.get(i))).isEqualTo("var" + firstVars.get(i));
    }
    assertThat(recorder.varOf(new Red())).isNull();
  }

  private static Object newInstance(Class<?> type) {
    try {
      java.lang.reflect.Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  public void record_productThatIsAJsonValue_isNotTracked() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    List<String> labels = new ArrayList<>(List.of("good", "bad"));

    recorder.record(
        new Entry(
            Kind.PROVIDES,
            Pipeline.class,
            "labels",
            null,
            false,
            null,
            List.of(),
            List.of(),
            labels));

    assertThat(recorder.varOf(labels)).isNull();
  }

  @Test
  public void varOf_untrackedObject_isNull() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    recorder.record(Entry.constructor(Tokenizer.class, List.of(), new Tokenizer()));

    assertThat(recorder.varOf(new Tokenizer())).isNull();
    assertThat(recorder.varOf(null)).isNull();
  }

  // argument kinds

  @Test
  public void record_boundJsonValue_isWrittenInline() {
    AiJsonDocument doc =
        recordOne(String.class, new Bound("corpus.txt", "@Named(\"file\") java.lang.String"));

    assertThat(doc.vars()).hasSize(1);
    assertThat(doc.var("var0").kwargs()).containsExactly("value", "corpus.txt");
  }

  @Test
  public void record_boundInstance_becomesOpaqueVarWithItsKey() {
    AiJsonDocument doc =
        recordOne(DataSource.class, new Bound(new JdbcDataSource(), "com.acme.DataSource"));

    AiJsonVar source = doc.var("var0");
    assertThat(source.kind()).isEqualTo(Kind.OPAQUE);
    assertThat(source.caller()).isEqualTo("AiJsonRecorderTest$JdbcDataSource");
    assertThat(source.key()).isEqualTo("com.acme.DataSource");
    assertThat(doc.var("var1").kwargs()).containsExactly("value", AiJsonRef.to("var0"));
  }

  @Test
  public void record_boundInstanceUsedTwice_isOneVar() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    JdbcDataSource source = new JdbcDataSource();
    Bound bound = new Bound(source, "com.acme.DataSource");

    recorder.record(
        Entry.constructor(
            Tokenizer.class, List.of(arg("source", DataSource.class, bound)), new Tokenizer()));
    recorder.record(
        Entry.constructor(
            Trainer.class, List.of(arg("source", DataSource.class, bound)), new Trainer()));

    AiJsonDocument doc = recorder.snapshot();
    assertThat(doc.vars()).hasSize(3);
    assertThat(doc.var("var2").kwargs()).containsExactly("source", AiJsonRef.to("var0"));
  }

  @Test
  public void record_unobserved_becomesOpaqueVarOfTheDeclaredType() {
    AiJsonDocument doc =
        recordOne(DataSource.class, new Unobserved("com.acme.DataSource", DataSource.class));

    AiJsonVar source = doc.var("var0");
    assertThat(source.kind()).isEqualTo(Kind.OPAQUE);
    assertThat(source.caller()).isEqualTo("AiJsonRecorderTest$DataSource");
    assertThat(source.key()).isEqualTo("com.acme.DataSource");
    assertThat(doc.var("var1").kwargs()).containsExactly("value", AiJsonRef.to("var0"));
  }

  @Test
  public void record_providerOf_isWrittenAsProviderObject() {
    AiJsonDocument doc = recordOne(Object.class, new ProviderOf("com.acme.DataSource"));

    assertThat(doc.vars()).hasSize(1);
    assertThat(doc.var("var0").kwargs())
        .containsExactly("value", Map.of("provider", "com.acme.DataSource"));
  }

  @Test
  public void record_nullArgument_isNull() {
    AiJsonDocument doc = recordOne(String.class, null);

    assertThat(doc.var("var0").kwargs()).containsKey("value");
    assertThat(doc.var("var0").kwargs().get("value")).isNull();
    assertThat(doc.toJson()).contains("\"value\": null");
  }

  // the cap

  @Test
  public void record_pastTheCap_dropsVarsAndSaysTheDocumentWasCut() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(3);
    List<String> names = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      names.add(recorder.record(Entry.constructor(Tokenizer.class, List.of(), new Tokenizer())));
    }

    AiJsonDocument doc = recorder.snapshot();
    assertThat(names)
        .containsExactly("var0", "var1", "var2", null, null, null, null, null, null, null)
        .inOrder();
    assertThat(recorder.size()).isEqualTo(3);
    assertThat(doc.vars()).hasSize(3);
    assertThat(doc.isCut()).isTrue();
    assertThat(doc.cap()).isEqualTo(3);
    assertThat(doc.droppedVars()).isEqualTo(7);
    assertThat(doc.toJson())
        .endsWith("  },\n  \"cut\": {\n    \"cap\": 3,\n    \"dropped\": 7\n  }\n}\n");
    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  @Test
  public void record_pastTheByteBudget_dropsVarsAndSaysTheByteBudgetCutIt() {
    AiJsonRecorder recorder = AiJsonRecorder.withBounds(100, 2_000);
    List<String> names = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      names.add(recorder.record(Entry.constructor(Tokenizer.class, List.of(
          new Arg("file", String.class, "x".repeat(500) + i)), new Tokenizer())));
    }

    AiJsonDocument doc = recorder.snapshot();
    assertThat(names.subList(0, 3)).doesNotContain(null);
    assertThat(names.subList(3, 10)).containsExactly(null, null, null, null, null, null, null);
    assertThat(doc.isCut()).isTrue();
    assertThat(doc.cap()).isEqualTo(100);
    assertThat(doc.byteBudget()).isEqualTo(2_000);
    assertThat(doc.droppedVars()).isEqualTo(7);
    assertThat(doc.toJson()).endsWith(
        "  },\n  \"cut\": {\n    \"cap\": 100,\n    \"bytes\": 2000,\n    \"dropped\": 7\n  }\n}\n");
    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
  }

  @Test
  public void record_sharedBoundValue_countsAsAReferenceAfterItsFirstVar() {
    // 2,000 elements of about 10 bytes each: 20 KB in full, a few hundred bytes a var after
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      words.add("word" + i);
    }
    AiJsonRecorder recorder = AiJsonRecorder.withBounds(1_000, 200_000);

    for (int i = 0; i < 500; i++) {
      recorder.record(Entry.constructor(Tokenizer.class, List.of(
          new Arg("words", List.class, new Bound(words, "java.util.List<java.lang.String>"))), new Tokenizer()));
    }

    assertThat(recorder.size()).isEqualTo(500);
    assertThat(recorder.snapshot().isCut()).isFalse();
  }

  @Test
  public void record_freshCopiesOfALargeValue_reachTheByteBudget() {
    AiJsonRecorder recorder = AiJsonRecorder.withBounds(1_000, 200_000);

    for (int i = 0; i < 500; i++) {
      List<String> words = new ArrayList<>();
      for (int j = 0; j < 2_000; j++) {
        words.add("word" + j);
      }
      recorder.record(Entry.constructor(Tokenizer.class, List.of(
          new Arg("words", List.class, words)), new Tokenizer()));
    }

    assertThat(recorder.size()).isLessThan(20);
    assertThat(recorder.snapshot().byteBudget()).isEqualTo(200_000);
  }

  // the template path: one template per binding, values per provision

  /** One provision: a key, a scope and the values of Pipeline-like arguments. */
  private record Provision(String key, boolean singleton, Object[] values) {}

  private static final List<Arg> FIVE_ARGS = List.of(arg("vocab", int.class, null), arg("name", String.class, null),
      arg("labels", List.class, null), arg("options", Map.class, null), arg("tokenizer", Tokenizer.class, null));

  /**
   * Records {@code tokenizer} as var0, then {@code provisions} through one template and, in a
   * second recorder, as entries, and returns both documents' JSON: the template path must write
   * what the entry path writes.
   */
  private static List<String> recordBothWays(Tokenizer tokenizer, long byteBudget, List<Provision> provisions) {
    VarTemplate template = VarTemplate.of(Entry.constructor(Pipeline.class, FIVE_ARGS, null));
    AiJsonRecorder byTemplate = AiJsonRecorder.withBounds(1_000, byteBudget);
    AiJsonRecorder byEntry = AiJsonRecorder.withBounds(1_000, byteBudget);
    Object tokenizerVar = byTemplate.record(VarTemplate.of(Entry.constructor(Tokenizer.class, List.of(), null)),
        null, true, new Object[0], tokenizer);
    byEntry.record(new Entry(Kind.CONSTRUCTOR, Tokenizer.class, null, null, true, null, List.of(), List.of(),
        tokenizer));
    Object[] reused = new Object[FIVE_ARGS.size()];
    for (Provision provision : provisions) {
      List<Arg> args = new ArrayList<>();
      for (int i = 0; i < FIVE_ARGS.size(); i++) {
        Object value = provision.values()[i] == tokenizer ? tokenizerVar : provision.values()[i];
        reused[i] = value;
        args.add(arg(FIVE_ARGS.get(i).name(), FIVE_ARGS.get(i).type(), provision.values()[i]));
      }
      byTemplate.record(template, provision.key(), provision.singleton(), reused, new Pipeline(null, null));
      // the caller may fill the array again at once: no var may keep it
      Arrays.fill(reused, "overwritten");
      byEntry.record(new Entry(Kind.CONSTRUCTOR, Pipeline.class, null, provision.key(), provision.singleton(), null,
          args, List.of(), new Pipeline(null, null)));
    }
    return List.of(byTemplate.snapshot().toJson(), byEntry.snapshot().toJson());
  }

  @Test
  public void recordTemplate_sameValuesAgain_writesEachVarWithItsOwnNameKeyAndScope() {
    Tokenizer tokenizer = new Tokenizer();
    // bound instances, handed over as the same Bound by every provision, as an integration does
    Bound labels = new Bound(List.of("pos", "neg"), "@Named(\"labels\") java.util.List<java.lang.String>");
    Bound options = new Bound(new LinkedHashMap<>(Map.of("lower", true)), "java.util.Map<java.lang.String, ?>");
    Object[] same = {30_000, "bert", labels, options, tokenizer};
    List<Provision> provisions = List.of(
        new Provision("acme.Pipeline", false, same),
        new Provision("acme.Pipeline", true, same),
        new Provision("acme.Pipeline", false, same.clone()),
        new Provision("@Named(\"other\") acme.Pipeline", false, same),
        new Provision(null, false, same),
        new Provision("acme.Pipeline", false, new Object[] {30_001, "bert", labels, options, tokenizer}),
        new Provision("acme.Pipeline", false, same),
        new Provision("acme.Pipeline", false, new Object[] {30_000, "bert", List.of("pos", "neg"), options, tokenizer}),
        new Provision("acme.Pipeline", false, same),
        new Provision("acme.Pipeline", false, new Object[] {30_000, "bert", labels, options, null}));

    List<String> json = recordBothWays(tokenizer, 1_000_000, provisions);

    assertThat(json.get(0)).isEqualTo(json.get(1));
    AiJsonDocument doc = AiJsonDocument.parse(json.get(0));
    assertThat(doc.vars()).hasSize(11);
    assertThat(doc.vars().get(1).kwargs().get("tokenizer")).isEqualTo(AiJsonRef.to("var0"));
    assertThat(doc.vars().get(2).singleton()).isTrue();
    assertThat(doc.vars().get(3).singleton()).isFalse();
    assertThat(doc.vars().get(4).key()).isEqualTo("@Named(\"other\") acme.Pipeline");
    assertThat(doc.vars().get(5).key()).isNull();
    assertThat(doc.vars().get(6).kwargs().get("vocab")).isEqualTo(30_001L);
    assertThat(doc.vars().get(7).kwargs().get("vocab")).isEqualTo(30_000L);
    assertThat(doc.vars().get(8).kwargs().get("labels")).isEqualTo(List.of("pos", "neg"));
    assertThat(doc.vars().get(10).kwargs().get("tokenizer")).isNull();
    assertThat(doc.vars().get(7).kwargs().get("tokenizer")).isEqualTo(AiJsonRef.to("var0"));
  }

  /** Records {@code count} new pipelines through {@code template}, each with no value. */
  private static void recordPipelines(AiJsonRecorder recorder, VarTemplate template, int count) {
    for (int i = 0; i < count; i++) {
      recorder.record(template, null, false, new Object[0], new Pipeline(null, null));
    }
  }

  @Test
  public void recordTemplate_methodReturningAnObjectRecordedBefore_isHandedItsFirstVar_fewOrManyVarsLater() {
    // a method's product is looked up among the vars before it: only the vars of its class when
    // few were recorded since the last lookup, every var when many were; both must find the
    // object's first var, whichever class was looked up in between
    AiJsonRecorder recorder = AiJsonRecorder.withBounds(1_000, 1_000_000);
    VarTemplate tokenizers = VarTemplate.of(Entry.constructor(Tokenizer.class, List.of(), null));
    VarTemplate pipelines = VarTemplate.of(Entry.constructor(Pipeline.class, List.of(), null));
    VarTemplate providesTokenizer = VarTemplate.of(new Entry(Kind.PROVIDES, AiJsonRecorderTest.class, "tokenizer",
        null, false, null, List.of(), List.of(), null));
    VarTemplate providesPipeline = VarTemplate.of(new Entry(Kind.PROVIDES, AiJsonRecorderTest.class, "pipeline",
        null, false, null, List.of(), List.of(), null));
    Tokenizer tokenizer = new Tokenizer();
    Pipeline pipeline = new Pipeline(null, null);
    Object tokenizerVar = recorder.record(tokenizers, null, true, new Object[0], tokenizer);
    Object pipelineVar = recorder.record(pipelines, null, false, new Object[0], pipeline);
    // of a class no lookup asks for before the full index
    JdbcDataSource lookedUpLate = new JdbcDataSource();
    Object lateVar = recorder.record(VarTemplate.of(Entry.constructor(JdbcDataSource.class, List.of(), null)),
        null, false, new Object[0], lookedUpLate);

    recordPipelines(recorder, pipelines, 3);
    Object fewLater = recorder.record(providesTokenizer, null, false, new Object[0], tokenizer);
    recordPipelines(recorder, pipelines, 3);
    Object pipelineFewLater = recorder.record(providesPipeline, null, false, new Object[0], pipeline);
    recordPipelines(recorder, pipelines, 200);
    Object manyLater = recorder.record(providesTokenizer, null, false, new Object[0], tokenizer);
    Object lateManyLater = recorder.record(providesTokenizer, null, false, new Object[0], lookedUpLate);
    Object fresh = recorder.record(providesPipeline, null, false, new Object[0], new Pipeline(null, null));
    recordPipelines(recorder, pipelines, 3);
    Object pipelineAfterAll = recorder.record(providesPipeline, null, false, new Object[0], pipeline);

    assertThat(fewLater).isSameInstanceAs(tokenizerVar);
    assertThat(pipelineFewLater).isSameInstanceAs(pipelineVar);
    assertThat(manyLater).isSameInstanceAs(tokenizerVar);
    assertThat(lateManyLater).isSameInstanceAs(lateVar);
    assertThat(pipelineAfterAll).isSameInstanceAs(pipelineVar);
    assertThat(fresh).isNotSameInstanceAs(pipelineVar);
    assertThat(recorder.varOf(tokenizer)).isEqualTo("var0");
    assertThat(recorder.varOf(pipeline)).isEqualTo("var1");
    // every provision is still a var of its own, as before
    assertThat(recorder.size()).isEqualTo(3 + 3 + 1 + 3 + 1 + 200 + 2 + 1 + 3 + 1);
  }

  @Test
  public void recordTemplate_equalMapsInAnotherOrder_keepTheOrderOfEach() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", 2);
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", 2);
    ba.put("a", 1);

    Bound labels = new Bound(List.of(), "java.util.List<java.lang.String>");

    List<String> json = recordBothWays(new Tokenizer(), 1_000_000, List.of(
        new Provision("acme.Pipeline", false, new Object[] {1, "x", labels, ab, null}),
        new Provision("acme.Pipeline", false, new Object[] {1, "x", labels, ba, null})));

    assertThat(json.get(0)).isEqualTo(json.get(1));
    assertThat(json.get(0).indexOf("\"b\": 2")).isLessThan(json.get(0).lastIndexOf("\"a\": 1"));
    assertThat(json.get(0).indexOf("\"a\": 1")).isLessThan(json.get(0).indexOf("\"b\": 2"));
  }

  @Test
  public void recordTemplate_sameValuesAgain_countAgainstTheByteBudgetAsEntriesDo() {
    Object[] same = {30_000, "bert", new Bound(List.of("pos", "neg"), "java.util.List<java.lang.String>"),
        new Bound(Map.of(), "java.util.Map<java.lang.String, ?>"), null};
    List<Provision> provisions = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      provisions.add(new Provision("acme.Pipeline", i % 7 == 0, same));
    }

    // a byte more or less a var would cut the document at another var
    List<String> json = recordBothWays(new Tokenizer(), 100_000, provisions);

    assertThat(json.get(0)).isEqualTo(json.get(1));
    AiJsonDocument doc = AiJsonDocument.parse(json.get(0));
    assertThat(doc.isCut()).isTrue();
    assertThat(doc.vars().size()).isGreaterThan(200);
  }

  @Test
  public void decimalLength_countsTheDigitsOfAVarNumber_atEveryPowerOfTen() {
    // the byte budget counts a var's name and each reference by it, for every var recorded
    List<Integer> numbers = new ArrayList<>(List.of(0, Integer.MAX_VALUE));
    for (long power = 1; power <= Integer.MAX_VALUE; power *= 10) {
      numbers.add((int) power - 1);
      numbers.add((int) power);
    }
    // the count starts from a guess by bit length: every bit length, at both of its ends
    for (int bits = 1; bits < 31; bits++) {
      numbers.add((1 << bits) - 1);
      numbers.add(1 << bits);
    }

    for (int number : numbers) {
      assertThat(AiJsonRecorder.decimalLength(number)).isEqualTo(Integer.toString(number).length());
    }
  }

  @Test
  public void withBounds_nonPositiveByteBudget_isRefused() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> AiJsonRecorder.withBounds(10, 0));

    assertThat(e).hasMessageThat().isEqualTo("The byte budget is 0, but it must be at least 1: it"
        + " is the most estimated bytes of document text a log keeps. Pass 1 or more (the default"
        + " is 67108864, 64 MiB).");
  }

  @Test
  public void record_underTheCap_isNotCut() {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(3);

    for (int i = 0; i < 3; i++) {
      recorder.record(Entry.constructor(Tokenizer.class, List.of(), new Tokenizer()));
    }

    assertThat(recorder.snapshot().isCut()).isFalse();
    assertThat(recorder.snapshot().toJson()).doesNotContain("\"cut\"");
  }

  @Test
  public void withCap_nonPositive_isRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AiJsonRecorder.withCap(0));

    assertThat(e).hasMessageThat().isEqualTo("The var cap is 0, but it must be at least 1: it is"
        + " the most vars a log keeps. Pass 1 or more (the default is 100000).");
  }

  @Test
  public void withCap_defaultCap_isAtLeast100000() {
    assertThat(AiJsonRecorder.DEFAULT_CAP).isAtLeast(100_000);
  }

  // memory

  @Test
  public void record_droppedProduct_isCollectable() throws InterruptedException {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    WeakReference<Object> product = recordAndForget(recorder);

    awaitCollection(product);

    assertThat(product.get()).isNull();
    assertThat(recorder.snapshot().vars()).hasSize(1);
  }

  /** Runs the collector until {@code reference} is cleared, for at most about five seconds. */
  private static void awaitCollection(WeakReference<?> reference) throws InterruptedException {
    for (int i = 0; i < 100 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }
  }

  /** Records a product and drops every strong reference to it, in a frame that ends here. */
  private static WeakReference<Object> recordAndForget(AiJsonRecorder recorder) {
    Tokenizer tokenizer = new Tokenizer();
    recorder.record(Entry.constructor(Tokenizer.class, List.of(), tokenizer));
    assertThat(recorder.varOf(tokenizer)).isEqualTo("var0");
    return new WeakReference<>(tokenizer);
  }

  @Test
  public void record_droppedOpaqueArgument_isCollectable() throws InterruptedException {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    WeakReference<Object> argument = recordArgumentAndForget(recorder);

    awaitCollection(argument);

    assertThat(argument.get()).isNull();
  }

  private static WeakReference<Object> recordArgumentAndForget(AiJsonRecorder recorder) {
    Money price = new Money(1);
    recorder.record(
        Entry.constructor(
            Tokenizer.class, List.of(arg("price", Money.class, price)), new Tokenizer()));
    assertThat(recorder.varOf(price)).isEqualTo("var0");
    return new WeakReference<>(price);
  }

  // threads

  @Test
  public void record_eightThreadsWhileExporting_recordsEveryVarAndExportsValidJson()
      throws InterruptedException {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(AiJsonRecorder.DEFAULT_CAP);
    int threads = 8;
    int perThread = 1_000;
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean recording = new AtomicBoolean(true);
    AtomicInteger exports = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> recorders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      recorders.add(
          new Thread(
              () -> {
                try {
                  start.await();
                  Tokenizer shared = new Tokenizer();
                  recorder.record(Entry.constructor(Tokenizer.class, List.of(), shared));
                  for (int i = 1; i < perThread; i++) {
                    recorder.record(
                        Entry.constructor(
                            Pipeline.class,
                            List.of(
                                arg("tokenizer", Tokenizer.class, shared),
                                arg("index", int.class, thread * perThread + i)),
                            new Pipeline(shared, List.of())));
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              }));
    }
    Thread exporter =
        new Thread(
            () -> {
              try {
                start.await();
                do {
                  String json = recorder.snapshot().toJson();
                  AiJsonDocument.parse(json);
                  exports.incrementAndGet();
                } while (recording.get());
              } catch (Throwable e) {
                failures.add(e);
              }
            });
    recorders.forEach(Thread::start);
    exporter.start();

    start.countDown();
    for (Thread thread : recorders) {
      thread.join();
    }
    recording.set(false);
    exporter.join();

    assertThat(failures).isEmpty();
    assertThat(exports.get()).isAtLeast(1);
    AiJsonDocument doc = AiJsonDocument.parse(recorder.snapshot().toJson());
    assertThat(doc.vars()).hasSize(threads * perThread);
    assertThat(recorder.size()).isEqualTo(threads * perThread);
    List<Object> indexes = new ArrayList<>();
    for (AiJsonVar var : doc.vars()) {
      if (var.kwargs().containsKey("index")) {
        indexes.add(var.kwargs().get("index"));
      }
    }
    assertThat(indexes).hasSize(threads * (perThread - 1));
    assertThat(Collections.frequency(indexes, 1L)).isEqualTo(1);
    assertThat(new HashSet<>(indexes)).hasSize(indexes.size());
  }

  /** A configuration whose accessor waits for a loader on another thread. */
  record AwaitedConfig(int epochs) {
    static volatile CountDownLatch loading = new CountDownLatch(0);

    @Override
    public int epochs() {
      try {
        loading.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return epochs;
    }
  }

  @Test
  @Timeout(60)
  void record_argumentAccessorWaitsForAThreadThatRecordsAndReadsTheLog_bothFinish() throws Exception {
    AiJsonRecorder recorder = AiJsonRecorder.withCap(100);
    Tokenizer tokenizer = new Tokenizer();
    recorder.record(Entry.constructor(Tokenizer.class, List.of(), tokenizer));
    CountDownLatch loading = new CountDownLatch(1);
    AwaitedConfig.loading = loading;
    AwaitedConfig config = new AwaitedConfig(4);
    List<Object> seen = new CopyOnWriteArrayList<>();
    Thread recording = new Thread(() -> recorder.record(Entry.constructor(Trainer.class,
        List.of(arg("config", AwaitedConfig.class, new Bound(config, null))), new Trainer())));
    Thread loader = new Thread(() -> {
      while (recording.getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait(); // the recorder reads the getter
      }
      seen.add(recorder.varOf(tokenizer));
      seen.add(recorder.tracks(tokenizer));
      seen.add(recorder.snapshot().vars().size());
      seen.add(recorder.record(Entry.constructor(Pipeline.class, List.of(), new Pipeline(tokenizer, List.of()))));
      seen.add(recorder.asReceived(List.of(new ArrayList<>(List.of("a"))), List.class) != null);
      loading.countDown();
    });
    recording.setDaemon(true);
    loader.setDaemon(true);
    recording.start();
    loader.start();

    loader.join(20_000);
    recording.join(20_000);

    assertThat(loader.isAlive()).isFalse();
    assertThat(recording.isAlive()).isFalse();
    assertThat(seen).containsExactly("var0", true, 1, "var1", true).inOrder();
    AiJsonDocument document = recorder.snapshot();
    assertThat(document.vars()).hasSize(3);
    assertThat(document.vars().get(2).kwargs()).isEqualTo(Map.of("config", Map.of("epochs", 4L)));
  }
}
