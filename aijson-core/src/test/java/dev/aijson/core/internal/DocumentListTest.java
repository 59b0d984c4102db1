package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The arrays of a document are read into lists that hash and compare by their elements as any
 * {@link List} does: users compare kwargs with lists of their own, and the reader finds a
 * signature read before by looking its list up.
 */
class DocumentListTest {
  private static List<?> read(String json) {
    return (List<?>) DocumentReader.readValue(json, AiJsonLimits.defaults());
  }

  @Test
  void aReadArray_equalsAndHashesAsTheListOfItsElements() {
    List<?> read = read("[1, \"a\", null, 2.5, [true]]");
    List<Object> expected = new ArrayList<>(Arrays.asList(1L, "a", null, new BigDecimal("2.5"), List.of(true)));

    assertThat(read).isEqualTo(expected);
    assertThat(expected).isEqualTo(read);
    assertThat(read.hashCode()).isEqualTo(expected.hashCode());
    assertThat(read).isEqualTo(new LinkedList<>(expected));
    assertThat(read).isEqualTo(read("[1, \"a\", null, 2.5, [true]]"));
  }

  @Test
  void aReadArray_differsFromListsWithAnotherElementOrLength() {
    List<?> read = read("[1, \"a\", null]");

    assertThat(read).isNotEqualTo(Arrays.asList(1L, "a", "b"));
    assertThat(read).isNotEqualTo(Arrays.asList(1L, "a", null, null));
    assertThat(read).isNotEqualTo(Arrays.asList(1L, "a"));
    assertThat(read).isNotEqualTo(Arrays.asList(1, "a", null)); // 1 is read as a long
    assertThat(read).isNotEqualTo(new LinkedList<>(Arrays.asList(null, "a", 1L)));
    assertThat(read).isNotEqualTo("[1, \"a\", null]");
  }

  @Test
  void vars_withEqualSignatures_shareOneSignatureList() {
    String json = "{\"aijson\": 1, \"vars\": {"
        + "\"var0\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Layer\","
        + " \"signature\": [\"int\", \"double\"], \"kwargs\": {\"width\": 1, \"dropout\": 0.5}},"
        + "\"var1\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Layer\","
        + " \"signature\": [\"int\", \"double\"], \"kwargs\": {\"width\": 2, \"dropout\": 0.5}},"
        + "\"var2\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Layer\","
        + " \"signature\": [\"double\", \"int\"], \"kwargs\": {\"dropout\": 0.5, \"width\": 3}}}}";

    AiJsonDocument document = AiJsonDocument.parse(json);

    assertThat(document.var("var1").signature()).isSameInstanceAs(document.var("var0").signature());
    assertThat(document.var("var2").signature()).containsExactly("double", "int").inOrder();
    assertThat(document.var("var0").signature()).containsExactly("int", "double").inOrder();
  }

  @Test
  void vars_withEqualNumbersAndListsOfScalars_shareOneImmutableObjectEach_andWriteBackAsRead() {
    String json = "{\"aijson\": 1, \"vars\": {"
        + "\"var0\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Head\","
        + " \"signature\": [\"java.util.List<java.lang.String>\", \"double\", \"int\"],"
        + " \"kwargs\": {\"labels\": [\"good\", \"bad\"], \"dropout\": 0.1, \"vocab\": 30000}},"
        + "\"var1\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Head\","
        + " \"signature\": [\"java.util.List<java.lang.String>\", \"double\", \"int\"],"
        + " \"kwargs\": {\"labels\": [\"good\", \"bad\"], \"dropout\": 0.1, \"vocab\": 30000}},"
        + "\"var2\": {\"kind\": \"constructor\", \"module\": \"acme\", \"caller\": \"Head\","
        + " \"signature\": [\"java.util.List<java.lang.String>\", \"double\", \"int\", \"java.util.List<acme.Head>\"],"
        + " \"kwargs\": {\"labels\": [\"good\", \"bad\", \"ugly\"], \"dropout\": 0.10, \"vocab\": 30001,"
        + " \"layers\": [\"$var0\", \"$var1\"]}}}}";

    AiJsonDocument document = AiJsonDocument.parse(json);
    java.util.Map<String, Object> first = document.var("var0").kwargs();
    java.util.Map<String, Object> second = document.var("var1").kwargs();
    java.util.Map<String, Object> third = document.var("var2").kwargs();

    assertThat(second.get("labels")).isSameInstanceAs(first.get("labels"));
    assertThat(second.get("dropout")).isSameInstanceAs(first.get("dropout"));
    assertThat(second.get("vocab")).isSameInstanceAs(first.get("vocab"));
    // equal only as numbers: 0.10 is written as it was read, not as 0.1
    assertThat(third.get("dropout")).isEqualTo(new BigDecimal("0.10"));
    assertThat(third.get("labels")).isEqualTo(List.of("good", "bad", "ugly"));
    assertThat(third.get("vocab")).isEqualTo(30001L);
    assertThat(AiJsonDocument.parse(document.toJson()).toJson()).isEqualTo(document.toJson());
    assertThat(document.toJson()).contains("0.10");
    @SuppressWarnings("unchecked")
    List<Object> shared = (List<Object>) first.get("labels");
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> shared.add("ugly"));
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> shared.set(0, "ugly"));
  }
}
