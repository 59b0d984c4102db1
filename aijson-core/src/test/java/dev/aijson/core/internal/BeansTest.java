package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;

import java.lang.reflect.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Beans are made by Jackson through their setters, by their declared type, generic or not. */
class BeansTest {
  /** A configuration bean with a type parameter, as a range of hyperparameter values is. */
  public static class Range<T> {
    private T low;
    private T high;

    public T getLow() {
      return low;
    }

    public void setLow(T low) {
      this.low = low;
    }

    public T getHigh() {
      return high;
    }

    public void setHigh(T high) {
      this.high = high;
    }
  }

  /** A plain configuration bean. */
  public static class Tokenizer {
    private int vocabSize;

    public int getVocabSize() {
      return vocabSize;
    }

    public void setVocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
    }
  }

  @SuppressWarnings("unused") // its declared type is the generic bean type the test makes
  private Range<Long> steps;

  @Test
  void create_makesABeanOfAClass_againAndAgain() {
    for (int i = 0; i < 3; i++) {
      Object made = Beans.create(Tokenizer.class, Map.of("vocabSize", 30_000 + i));

      assertThat(made).isInstanceOf(Tokenizer.class);
      assertThat(((Tokenizer) made).getVocabSize()).isEqualTo(30_000 + i);
    }
  }

  @Test
  void create_makesABeanOfAGenericType_byItsTypeArguments() throws NoSuchFieldException {
    Type rangeOfLongs = BeansTest.class.getDeclaredField("steps").getGenericType();

    Object made = Beans.create(rangeOfLongs, Map.of("low", 1, "high", 5));

    Range<?> range = (Range<?>) made;
    assertThat(range.getLow()).isEqualTo(1L); // a Long, as the type argument says, not an Integer
    assertThat(range.getHigh()).isEqualTo(5L);
  }
}
