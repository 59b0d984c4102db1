package dev.aijson.core.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The unboxed stack the walks over a replay plan share. */
class PositionsTest {
  @Test
  void pop_givesPositionsLastInFirstOut_pastItsFirstCapacity() {
    Positions stack = new Positions();
    for (int i = 0; i < 100; i++) {
      stack.push(i);
    }

    assertThat(stack.peek()).isEqualTo(99);
    for (int i = 99; i >= 0; i--) {
      assertThat(stack.pop()).isEqualTo(i);
    }
    assertThat(stack.isEmpty()).isTrue();
  }

  @Test
  void clear_empties_andPopOfAnEmptyStack_isRefused() {
    Positions stack = new Positions();
    stack.push(3);
    stack.clear();

    assertThat(stack.isEmpty()).isTrue();
    assertThrows(IndexOutOfBoundsException.class, stack::pop);
  }
}
