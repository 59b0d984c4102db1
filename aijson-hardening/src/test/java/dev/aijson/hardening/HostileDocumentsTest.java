package dev.aijson.hardening;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.guice.ReplayModule;
import dev.aijson.testing.TestDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile documents, made by mutating the documents recorded from {@link Pipeline} and written
 * by hand: each is refused with an {@link AiJsonException} whose pointer names the node to
 * blame, and refusing it constructs nothing and initialises no class it names.
 */
class HostileDocumentsTest {
  private static final String SILENT = "dev.aijson.hardening.canary.Silent";
  private static final String SILENT_MODULE = "dev.aijson.hardening.canary.SilentModule";
  /** The categories the suite must cover, as the issue lists them. */
  private static final Set<String> REQUIRED = Set.of("syntax", "duplicate key", "wrong type",
      "out of range", "NaN and infinities", "huge strings", "unicode", "dangling reference",
      "forward reference", "cycle", "unknown kind", "limits", "array dimensions", "chain",
      "policy gadget");

  private static final Map<String, AtomicInteger> REFUSED = new ConcurrentHashMap<>();
  private static final AtomicInteger AT_THE_NODE = new AtomicInteger();
  private static final Pipeline.DataSource SOURCE = new Pipeline.DataSource("jdbc:serving");

  static List<Hostile> documents() {
    List<Hostile> all = new ArrayList<>(DocumentMutator.mutate(RealDocuments.all()));
    all.addAll(handWritten());
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void hostileDocument_isRefusedWithItsPointer_andNothingIsBuilt(Hostile hostile) {
    long constructed = Census.constructions();

    AiJsonException e = refusal(hostile);

    assertWithMessage("the pointer of %s", hostile).that(e.path()).isNotNull();
    assertThat(e.path().isEmpty() || e.path().startsWith("/")).isTrue();
    if (hostile.path() != null) {
      assertWithMessage("%s\n%s", hostile, e.getMessage()).that(e.path()).isEqualTo(hostile.path());
      AT_THE_NODE.incrementAndGet();
    }
    assertWithMessage("objects constructed while refusing %s", hostile)
        .that(Census.constructions()).isEqualTo(constructed);
    assertThat(Census.isInitialised(SILENT)).isFalse();
    assertThat(Census.isInitialised(SILENT_MODULE)).isFalse();
    assertThat(Census.isInitialised("dev.aijson.gadgets.LibraryModule")).isFalse();
    assertThat(Census.isInitialised("dev.aijson.gadgets.HookRegistrar")).isFalse();
    REFUSED.computeIfAbsent(hostile.category(), c -> new AtomicInteger()).incrementAndGet();
  }

  @Test
  void documents_areMoreThanAHundred_andCoverEveryCategory() {
    List<Hostile> documents = documents();

    assertThat(documents.size()).isAtLeast(100);
    assertThat(documents.stream().map(Hostile::category).distinct().toList()).containsAtLeastElementsIn(REQUIRED);
  }

  /** Replays the document as serving code would, and returns why it was refused. */
  private static AiJsonException refusal(Hostile hostile) {
    Throwable thrown = null;
    try {
      if (hostile.limits() != null) {
        AiJsonDocument.parse(hostile.json(), hostile.limits());
      } else {
        Guice.createInjector(ReplayModule.allowing("dev.aijson.hardening").from(hostile.json()), dataSource());
      }
    } catch (Throwable t) {
      thrown = t;
    }
    assertWithMessage("%s was accepted:\n%s", hostile, abbreviate(hostile.json())).that(thrown).isNotNull();
    AiJsonException refusal = FuzzRun.refusalOf(thrown);
    if (refusal == null) {
      throw new AssertionError(hostile + " was refused with something else than an AiJsonException", thrown);
    }
    return refusal;
  }

  /** Serving code's own binding for the opaque data source of the serving document. */
  private static Module dataSource() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(Pipeline.DataSource.class).toInstance(SOURCE);
      }
    };
  }

  private static String abbreviate(String json) {
    return json.length() > 2000 ? json.substring(0, 2000) + "..." : json;
  }

  @AfterAll
  static void writeFigures() {
    int total = REFUSED.values().stream().mapToInt(AtomicInteger::get).sum();
    if (total == 0) {
      return;
    }
    Map<String, Integer> byCategory = new TreeMap<>();
    REFUSED.forEach((category, count) -> byCategory.put(category, count.get()));
    StringBuilder categories = new StringBuilder();
    byCategory.forEach((category, count) ->
        categories.append(categories.length() == 0 ? "" : ", ").append(category).append(" ").append(count));
    Figures.row("2-hostile-documents",
        "A bad or hostile document is refused with an AiJsonException and a JSON Pointer, and nothing is built",
        total + " documents (" + DocumentMutator.mutate(RealDocuments.all()).size() + " mutated from "
            + RealDocuments.all().size() + " recorded documents, the rest written by hand): " + categories,
        total + " refused with a pointer (" + AT_THE_NODE.get() + " at the node to blame, the rest"
            + " truncated or unterminated text), 0 objects constructed, 0 named classes initialised",
        Map.of("documents", total, "atTheNode", AT_THE_NODE.get(), "categories", byCategory));
  }

  // documents written by hand

  /** The document of Silent that replay accepts, the one the hostile ones below are made from. */
  private static final String SILENT_DOCUMENT = document("silent.json");

  /** Returns the document {@code name} of src/test/resources/dev/aijson/hardening. */
  private static String document(String name) {
    return TestDocuments.read(HostileDocumentsTest.class, name);
  }

  /** Returns {@link #SILENT_DOCUMENT} with {@code size} as the value of its size kwarg. */
  private static String silentWithSize(String size) {
    return SILENT_DOCUMENT.replace("\"size\": 1,", "\"size\": " + size + ",");
  }

  /** The inputs of issue 13: array dimensions, long chains, policy gadgets. */
  static List<Hostile> issue13() {
    List<Hostile> all = new ArrayList<>();
    String dims = "[]".repeat(3_000);
    all.add(Hostile.of("array dimensions", "a key with 3,000 array dimensions",
        silentWithSize("1").replace("\"caller\": \"Silent\",", "\"caller\": \"Silent\", \"key\":"
            + " \"java.util.List<java.lang.String>" + dims + "\","), "/vars/var0/key"));
    all.add(Hostile.of("array dimensions", "a provider type with 3,000 array dimensions",
        silentWithSize("{\"provider\": \"java.util.List<java.lang.String>" + dims + "\"}"),
        "/vars/var0/kwargs/size"));
    String chain = SingletonChainTest.chain(2_000);
    all.add(Hostile.of("chain", "2,000 singleton links, the last with a number for its link",
        chain.replace("\"previous\": \"$var1998\"", "\"previous\": 7"),
        "/vars/var1999/kwargs/previous"));
    all.add(Hostile.of("policy gadget", "a library module with a private constructor, its"
        + " @Provides method starting a process", GADGET_MODULE, "/vars/var0/caller"));
    all.add(Hostile.of("policy gadget", "a package-private @Inject class with a side effect in its"
        + " constructor", GADGET_INJECT, "/vars/var0/caller"));
    return all;
  }

  static final String GADGET_MODULE = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"provides\","
      + " \"module\": \"dev.aijson.gadgets\", \"caller\": \"LibraryModule#process\","
      + " \"signature\": [\"java.lang.String\"], \"kwargs\": {\"command\": \"touch /tmp/aijson-gadget\"}}}}";
  static final String GADGET_INJECT = "{\"aijson\": 1, \"vars\": {\"var0\": {\"kind\": \"constructor\","
      + " \"module\": \"dev.aijson.gadgets\", \"caller\": \"HookRegistrar\","
      + " \"signature\": [\"java.lang.String\"], \"kwargs\": {\"name\": \"hook\"}}}}";

  private static List<Hostile> handWritten() {
    String good = SILENT_DOCUMENT;
    List<Hostile> all = new ArrayList<>();
    all.add(Hostile.of("syntax", "empty text", "", ""));
    all.add(Hostile.of("syntax", "only spaces", "   \n ", ""));
    all.add(Hostile.of("wrong type", "null", "null", ""));
    all.add(Hostile.of("wrong type", "an array", "[]", ""));
    all.add(Hostile.of("wrong type", "a string", "\"aijson\"", ""));
    all.add(Hostile.of("syntax", "a second document after the first", good + " {}", ""));
    all.add(Hostile.of("syntax", "single quotes", good.replace('"', '\''), ""));
    all.add(Hostile.of("syntax", "unquoted names", "{aijson: 1, vars: {}}", ""));
    all.add(Hostile.of("syntax", "a byte order mark", "\uFEFF" + good, ""));
    all.add(Hostile.of("syntax", "a raw control character in a string",
        good.replace("\"n\"", "\"n\u0001\""), "/vars/var0/kwargs/name"));
    all.add(Hostile.of("syntax", "a lone backslash", good.replace("\"n\"", "\"n\\\""), null));
    all.add(Hostile.of("wrong type", "Silent: size as a string", silentWithSize("\"seven\""), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("out of range", "Silent: size 2^31", silentWithSize("2147483648"), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("out of range", "Silent: size -2^31 - 1", silentWithSize("-2147483649"), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("out of range", "Silent: size 1e100000000", silentWithSize("1e100000000"), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("out of range", "Silent: size 1e-100000000", silentWithSize("1e-100000000"), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("out of range", "Silent: size with 1,001 digits", silentWithSize("9".repeat(1001)), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("NaN and infinities", "Silent: size NaN", silentWithSize("NaN"), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("NaN and infinities", "Silent: size Infinity", silentWithSize("Infinity"), "/vars/var0/kwargs/size"));
    all.add(Hostile.of("NaN and infinities", "Silent: size \"-Infinity\"", silentWithSize("\"-Infinity\""), "/vars/var0/kwargs/size"));
    // within the string limit, a long name is read, and refused by replay as the kwarg it is not
    all.add(Hostile.of("huge strings", "a field name of 50,001 characters",
        SILENT_DOCUMENT.replace("\"name\": \"n\"", "\"" + "n".repeat(50_001) + "\": \"n\""),
        "/vars/var0/kwargs/" + "n".repeat(50_001)));
    all.add(Hostile.of("huge strings", "a field name past the string limit",
        SILENT_DOCUMENT.replace("\"name\": \"n\"", "\"" + "n".repeat(3 << 20) + "\": \"n\""),
        "/vars/var0/kwargs"));
    all.add(Hostile.of("huge strings", "a caller of 200,000 \"$a\" parts",
        """
            {"aijson": 1, "vars": {"var0": {"kind": "opaque", "module": "x", "caller": "A%s!"}}}\
            """.formatted("$a".repeat(200_000)),
        "/vars/var0/caller"));
    all.add(Hostile.of("unicode", "Silent: a zero-width space in the class name",
        good.replace("\"Silent\"", "\"Sil\u200bent\""), "/vars/var0/caller"));
    all.add(Hostile.of("unicode", "Silent: a Cyrillic a in the package",
        good.replace("hardening.canary", "h\u0430rdening.canary"), "/vars/var0/caller"));
    all.add(Hostile.of("unicode", "Silent: a fullwidth package",
        good.replace("dev.aijson", "\uff44\uff45\uff56.aijson"), "/vars/var0/caller"));
    all.add(Hostile.of("unicode", "Silent: an emoji in the class name",
        good.replace("\"Silent\"", "\"Silent\ud83d\udca5\""), "/vars/var0/caller"));
    all.add(Hostile.of("unicode", "Silent: a lone surrogate in the class name",
        good.replace("\"Silent\"", "\"Silent\\ud800\""), "/vars/var0/caller"));
    all.add(Hostile.of("wrong value", "Silent: one parameter", document("silent-with-one-parameter.json"),
        "/vars/var0/signature"));
    all.add(Hostile.of("wrong value", "Silent: its final field as a member",
        document("silent-with-its-final-field-as-a-member.json"),
        "/vars/var0/members/size"));
    all.add(Hostile.of("wrong value", "Silent: bound to a key of another type",
        good.replace("\"caller\": \"Silent\",", "\"caller\": \"Silent\", \"key\": \"java.lang.Runnable\","),
        "/vars/var0/key"));
    all.add(Hostile.of("wrong value", "SilentModule: a provides method with an argument it does not take",
        document("silent-module-provides-with-an-argument-it-does-not-take.json"),
        "/vars/var0/kwargs"));
    all.add(Hostile.of("wrong type", "SilentModule: a call on a receiver of another type",
        document("silent-module-call-on-a-receiver-of-another-type.json"),
        "/vars/var1/receiver"));
    all.add(Hostile.of("cycle", "two vars referencing each other",
        document("two-readers-referencing-each-other.json"),
        "/vars/var0/kwargs/source"));
    all.add(Hostile.of("dangling reference", "a reference deep inside a list",
        document("silent-with-a-dangling-reference-deep-in-a-list.json"),
        "/vars/var0/members/x/0/0/y"));
    all.add(Hostile.of("unknown kind", "an empty kind", good.replace("\"constructor\"", "\"\""), "/vars/var0/kind"));
    all.add(Hostile.of("unknown kind", "a null kind", good.replace("\"constructor\"", "null"), "/vars/var0/kind"));
    all.add(Hostile.of("unknown kind", "a kind named like a Java keyword", good.replace("\"constructor\"", "\"new\""), "/vars/var0/kind"));
    all.add(Hostile.of("limits", "longer than maxChars", good, "").readWith(AiJsonLimits.defaults().withMaxChars(100)));
    all.add(Hostile.of("limits", "more vars than maxVars", RealDocuments.pipeline(), "/vars")
        .readWith(AiJsonLimits.defaults().withMaxVars(5)));
    all.add(Hostile.of("limits", "a string longer than maxStringChars", good, "/vars/var0/kind")
        .readWith(AiJsonLimits.defaults().withMaxStringChars(10)));
    all.add(Hostile.of("limits", "deeper than maxDepth", good, "/vars/var0/signature")
        .readWith(AiJsonLimits.defaults().withMaxDepth(3)));
    all.add(Hostile.of("limits", "100,000 nested arrays", "[".repeat(100_000), "/0".repeat(64)));
    all.addAll(issue13());
    return all;
  }
}
