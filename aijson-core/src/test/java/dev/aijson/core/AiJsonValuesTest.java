package dev.aijson.core;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AiJsonValuesTest {
  record Config(int hidden, String optimizer) {}

  enum Mode { FAST, EXACT }

  @Test
  void of_recordEnumAndNumbers_givesDocumentValues() {
    assertThat(AiJsonValues.of(new Config(256, "adam")))
        .isEqualTo(Map.of("hidden", 256L, "optimizer", "adam"));
    assertThat(AiJsonValues.of(Mode.EXACT)).isEqualTo("EXACT");
    assertThat(AiJsonValues.of(0.1)).isEqualTo(new BigDecimal("0.1"));
    assertThat(AiJsonValues.of(Double.NaN)).isEqualTo("NaN");
    assertThat(AiJsonValues.of(null)).isNull();
  }

  @Test
  void of_hashSet_isSortedSoThatItIsDeterministic() {
    assertThat(AiJsonValues.of(new java.util.HashSet<>(List.of("b", "c", "a"))))
        .isEqualTo(List.of("a", "b", "c"));
    assertThat(AiJsonValues.of(new LinkedHashSet<>(List.of("b", "a")))).isEqualTo(List.of("b", "a"));
  }

  @Test
  void of_reference_isKept() {
    assertThat(AiJsonValues.of(AiJsonRef.to("var3"))).isEqualTo(AiJsonRef.to("var3"));
  }

  @Test
  void of_objectThatIsNotAJsonValue_namesItsClass() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonValues.of(new Object()));

    assertThat(e).hasMessageThat().isEqualTo("java.lang.Object is not a JSON value (scalar, enum,"
        + " record, bean, collection, map with string keys or array of those). Pass a JSON value.");
  }

  /** Broke: a list nested past the recorder's 32 levels was refused as "not a JSON value". */
  @Test
  void of_listNestedPast32Levels_isRefusedNamingTheRule() {
    Object value = "leaf";
    for (int i = 0; i < 33; i++) {
      value = List.of(value);
    }
    Object deep = value;

    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonValues.of(deep));

    assertThat(e).hasMessageThat().isEqualTo("The value nests lists, maps, arrays and records"
        + " deeper than 32 levels, the most the recorder writes. Pass a value that nests less.");
  }

  @Test
  void parse_dollarRules_giveReferencesAndEscapedStrings() {
    assertThat(AiJsonValues.parse("[\"$var3\", \"$$x\", 12, 0.50, {\"a\": null}]"))
        .isEqualTo(List.of(AiJsonRef.to("var3"), "$x", 12L, new BigDecimal("0.50"),
            java.util.Collections.singletonMap("a", null)));
  }

  @Test
  void parse_dollarTextThatIsNoReference_isRefusedWithItsPointer() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonValues.parse("[1, \"$x\"]"));

    assertThat(e.path()).isEqualTo("/1");
    assertThat(e).hasMessageThat().isEqualTo("\"$x\" at /1 starts with $ but is not a reference"
        + " such as \"$var3\". Write a string that starts with $ as \"$$x\".");
  }

  @Test
  void parse_numberWithExponentPastAnInt_isRefusedInTheLibrarysTerms() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonValues.parse("-2E+3000000000"));

    assertThat(e.path()).isEmpty();
    assertThat(e).hasMessageThat().startsWith("The number -2E+3000000000 has an exponent out of"
        + " range: ");
  }

  @Test
  void parse_invalidJson_isRefused() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonValues.parse("[1,"));

    assertThat(e).hasMessageThat().startsWith("The value is not valid JSON: ");
  }

  @Test
  void parse_trailingContent_isRefused() {
    AiJsonException e = assertThrows(AiJsonException.class, () -> AiJsonValues.parse("1 2"));

    assertThat(e).hasMessageThat().isEqualTo("The value has content after its end (2 at line 1,"
        + " column 4). Remove everything after the value.");
  }

  @Test
  void toJson_escapesDollarAndKeepsOrder() {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    map.put("b", "$x");
    map.put("a", List.of(AiJsonRef.to("var0"), 1));

    assertThat(AiJsonValues.toJson(map)).isEqualTo(
        "{\n  \"b\": \"$$x\",\n  \"a\": [\"$var0\", 1]\n}");
  }

  @Test
  void toJson_thenParse_givesTheSameValue() {
    Object value = AiJsonValues.of(new TreeMap<>(Map.of("k", List.of("$y", 2.5, true))));

    assertThat(AiJsonValues.parse(AiJsonValues.toJson(value))).isEqualTo(value);
  }

  @Test
  void escape_onlyTextStartingWithDollar_getsOneMore() {
    assertThat(AiJsonValues.escape("$var1")).isEqualTo("$$var1");
    assertThat(AiJsonValues.escape("a$b")).isEqualTo("a$b");
  }

  @Test
  void show_withDocument_namesTheCallerOfEachReference() {
    AiJsonDocument document = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "opaque", "module": "acme", "caller": "Tokenizer"}}}
        """);

    assertThat(AiJsonValues.show(List.of(AiJsonRef.to("var0"), 3L), document, 80))
        .isEqualTo("[$var0 (Tokenizer), 3]");
    assertThat(AiJsonValues.show(List.of(AiJsonRef.to("var0"), 3L), null, 80))
        .isEqualTo("[$var0, 3]");
  }

  @Test
  void show_longValue_isCutAtTheLimit() {
    List<Object> numbers = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      numbers.add(i);
    }

    String shown = AiJsonValues.show(numbers, null, 20);

    assertThat(shown).hasLength(20);
    assertThat(shown).isEqualTo("[0, 1, 2, 3, 4, 5...");
  }

  @Test
  void show_limitBelowFour_isAProgrammingError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AiJsonValues.show(1L, null, 3));

    assertThat(e).hasMessageThat().isEqualTo("AiJsonValues.show: limit is 3, but a value cut"
        + " short needs at least 4 characters. Pass a limit of 4 or more.");
  }

  @Test
  void toJson_javaObject_isAProgrammingError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AiJsonValues.toJson(new Object()));

    assertThat(e).hasMessageThat().startsWith("AiJsonValues.toJson: not a document value:"
        + " java.lang.Object");
    assertThat(e).hasMessageThat().endsWith(". Convert a Java value with AiJsonValues.of first.");
  }

  @Test
  void forEachReference_visitsEachReferenceWithItsPointer() {
    Object value = AiJsonValues.parse("{\"layers\": [\"$var0\", {\"w\": \"$var1\"}], \"n\": 3}");
    List<String> seen = new ArrayList<>();

    AiJsonValues.forEachReference(value, "/vars/var2/kwargs",
        (ref, pointer) -> seen.add(ref.var() + " " + pointer.get()));

    assertThat(seen).containsExactly(
        "var0 /vars/var2/kwargs/layers/0", "var1 /vars/var2/kwargs/layers/1/w").inOrder();
  }

  @Test
  void label_namesTheVarItsClassAndMethod() {
    AiJsonDocument document = AiJsonDocument.parse("""
        {"aijson": 1, "vars": {
          "var0": {"kind": "opaque", "module": "acme", "caller": "Outer$Tokenizer"},
          "var1": {"kind": "provides", "module": "acme", "caller": "ModelModule#layer",
                   "signature": [], "kwargs": {}}}}
        """);

    assertThat(document.var("var0").label()).isEqualTo("var0 (acme.Outer$Tokenizer)");
    assertThat(document.var("var1").label()).isEqualTo("var1 (acme.ModelModule#layer)");
  }
}
