package dev.aijson.core.internal;

import java.util.Arrays;

/**
 * A growable stack of var positions that boxes nothing, shared by the walks over a replay plan
 * (a build's vars, a root's shared singletons). Not thread-safe: each walk uses its own, or
 * keeps one under its lock.
 *
 * <pre>{@code
 * Positions stack = new Positions();
 * stack.push(root);
 * while (!stack.isEmpty()) {
 *   int position = stack.pop();
 * }
 * }</pre>
 */
public final class Positions {
  private int[] positions = new int[8];
  private int size;

  /** Makes an empty stack. */
  public Positions() {}

  /**
   * Pushes a position.
   *
   * @param position the position to push
   */
  public void push(int position) {
    if (size == positions.length) {
      positions = Arrays.copyOf(positions, size * 2);
    }
    positions[size++] = position;
  }

  /**
   * Returns the position on top, without removing it.
   *
   * @return the position pushed last and not popped
   * @throws IndexOutOfBoundsException if the stack is empty
   */
  public int peek() {
    if (size == 0) {
      throw new IndexOutOfBoundsException("the stack of positions is empty");
    }
    return positions[size - 1];
  }

  /**
   * Removes and returns the position on top.
   *
   * @return the position pushed last and not popped
   * @throws IndexOutOfBoundsException if the stack is empty
   */
  public int pop() {
    int top = peek();
    size--;
    return top;
  }

  /** Returns whether no position is on the stack. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Removes every position. */
  public void clear() {
    size = 0;
  }
}
