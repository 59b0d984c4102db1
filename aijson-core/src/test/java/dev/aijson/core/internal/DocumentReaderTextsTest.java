package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table that makes each repeated text of a document one string. */
class DocumentReaderTextsTest {
  @Test
  void hash_isStringHashCode_atEveryLengthAndOffset() {
    Random random = new Random(42);
    for (int length = 0; length <= 70; length++) {
      char[] chars = new char[length + 5];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) random.nextInt(0x3000);
      }
      for (int offset = 0; offset <= 5; offset++) {
        String text = new String(chars, offset, length);

        assertThat(DocumentReader.Texts.hash(chars, offset, length)).isEqualTo(text.hashCode());
      }
    }
  }

  @Test
  void of_givesOneStringPerText_andTellsTextsOfOneHashApart() {
    DocumentReader.Texts texts = new DocumentReader.Texts();
    // "Aa" and "BB" have the same hash code
    char[] first = "xAay".toCharArray();
    char[] second = "xBBy".toCharArray();

    String aa = texts.of(first, 1, 2);
    String bb = texts.of(second, 1, 2);

    assertThat(aa).isEqualTo("Aa");
    assertThat(bb).isEqualTo("BB");
    assertThat(texts.of("Aa".toCharArray(), 0, 2)).isSameInstanceAs(aa);
    assertThat(texts.of("BB".toCharArray(), 0, 2)).isSameInstanceAs(bb);
  }

  @Test
  void of_aLongText_isNotKept() {
    DocumentReader.Texts texts = new DocumentReader.Texts();
    char[] chars = "y".repeat(65).toCharArray();

    assertThat(texts.of(chars, 0, chars.length)).isNotSameInstanceAs(texts.of(chars, 0, chars.length));
  }

  @Test
  void of_textsThatDifferOnlyInTheMiddle_areEachTheirOwnText_andTheFirstAreKept() {
    DocumentReader.Texts texts = new DocumentReader.Texts();
    List<String> made = new ArrayList<>();
    // the same length, first four and last twelve characters: one sample for all 1,000
    for (int i = 0; i < 1_000; i++) {
      char[] chars = String.format("com.example.m%04d.shared.Model", i).toCharArray();
      made.add(texts.of(chars, 0, chars.length));
    }

    for (int i = 0; i < made.size(); i++) {
      assertThat(made.get(i)).isEqualTo(String.format("com.example.m%04d.shared.Model", i));
    }
    char[] first = "com.example.m0000.shared.Model".toCharArray();
    assertThat(texts.of(first, 0, first.length)).isSameInstanceAs(made.get(0));
    assertThat(DocumentReader.Texts.sample(first, 0, first.length))
        .isEqualTo(DocumentReader.Texts.sample(
            "com.example.m0999.shared.Model".toCharArray(), 0, first.length));
  }

  @Test
  void sample_ofATextUpToSixteenCharacters_isItsStringHashCode() {
    char[] chars = "dev.aijson.Block".toCharArray();

    assertThat(DocumentReader.Texts.sample(chars, 0, chars.length)).isEqualTo("dev.aijson.Block".hashCode());
  }
}
