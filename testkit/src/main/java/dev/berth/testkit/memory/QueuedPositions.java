package dev.berth.testkit.memory;

import java.util.Arrays;

/**
 * Which job sequences are QUEUED, as a Fenwick tree over sequences 1..n, so "how many queued jobs
 * come before this one" is O(log n) however long the queue; a sorted map's head view would count
 * its entries one by one. Sequences are appended in increasing order, as the store hands them out.
 */
final class QueuedPositions {
  /** tree[i] holds the count of queued sequences in (i - lowbit(i), i]; index 0 is unused. */
  private int[] tree = new int[1024];
  private long size;

  /** Adds sequence {@code size + 1}, queued or not. */
  void append(long sequence, boolean queued) {
    if (sequence != size + 1) {
      throw new IllegalStateException("sequence " + sequence + " appended after " + size);
    }
    if (sequence >= tree.length) {
      tree = Arrays.copyOf(tree, Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, 2L * tree.length)));
    }
    int i = (int) sequence;
    // The new node covers (i - lowbit(i), i]: its own value plus the earlier part of that range.
    tree[i] = (queued ? 1 : 0) + prefix(i - 1) - prefix(i - Integer.lowestOneBit(i));
    size = sequence;
  }

  /** Marks a known sequence queued ({@code +1}) or no longer queued ({@code -1}). */
  void change(long sequence, int delta) {
    for (int i = (int) sequence; i <= size; i += Integer.lowestOneBit(i)) {
      tree[i] += delta;
    }
  }

  /** How many queued sequences are smaller than {@code sequence}. */
  long before(long sequence) {
    return prefix((int) Math.min(size, Math.max(0, sequence - 1)));
  }

  private int prefix(int upTo) {
    int sum = 0;
    for (int i = upTo; i > 0; i -= Integer.lowestOneBit(i)) {
      sum += tree[i];
    }
    return sum;
  }
}
