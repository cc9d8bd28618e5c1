package dev.berth.bench.load;

import java.util.Arrays;

/** A growable list of longs without boxing, for one thread's latency samples. */
public final class LongList {
  private long[] values = new long[1024];
  private int size;

  public void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  public int size() {
    return size;
  }

  public long[] toArray() {
    return Arrays.copyOf(values, size);
  }

  /** All of {@code lists} in one array. */
  public static long[] concat(Iterable<LongList> lists) {
    int total = 0;
    for (LongList l : lists) {
      total += l.size;
    }
    long[] all = new long[total];
    int at = 0;
    for (LongList l : lists) {
      System.arraycopy(l.values, 0, all, at, l.size);
      at += l.size;
    }
    return all;
  }
}
