package dev.berth.core.flow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An array as Slurm's {@code --array} writes it: indexes as a list of numbers and ranges with an
 * optional step ({@code 0-9}, {@code 1,3,5}, {@code 0-20:5}), then an optional {@code %N}, the most
 * that run at once. {@code %N} alone caps a sweep, whose indexes come from its combinations.
 *
 * @param indexes the indexes in the order written, without repeats; empty for {@code %N} alone
 * @param maxRunning the cap, or null for none
 */
public record ArraySpec(List<Integer> indexes, Integer maxRunning) {
  /** The largest index accepted, as Slurm's default MaxArraySize allows. */
  public static final int MAX_INDEX = 1_000_000;
  private static final Pattern PART = Pattern.compile("(\\d{1,7})(?:-(\\d{1,7})(?::(\\d{1,7}))?)?");

  public ArraySpec {
    indexes = List.copyOf(indexes);
  }

  /**
   * The spec of {@code text}.
   *
   * @param maxSize the most indexes allowed ({@code limits.maxArraySize})
   * @throws IllegalArgumentException with a message for the user when it is not one
   */
  public static ArraySpec parse(String text, int maxSize) {
    String spec = text.trim();
    Integer cap = null;
    int percent = spec.indexOf('%');
    if (percent >= 0) {
      String n = spec.substring(percent + 1);
      if (!n.matches("\\d{1,5}") || Integer.parseInt(n) < 1) {
        throw new IllegalArgumentException("the number after % (the most that run at once) must be a whole number"
            + " of at least 1, such as \"0-9%2\"");
      }
      cap = Integer.parseInt(n);
      spec = spec.substring(0, percent);
    }
    if (spec.isEmpty()) {
      if (cap == null) {
        throw new IllegalArgumentException("must name indexes, such as \"0-9\", \"1,3,5\" or \"0-9%2\"");
      }
      return new ArraySpec(List.of(), cap);
    }
    Set<Integer> indexes = new LinkedHashSet<>();
    for (String part : spec.split(",", -1)) {
      Matcher m = PART.matcher(part.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + clip(part) + "' is not an index or a range; write indexes as"
            + " \"0-9\", \"1,3,5\" or \"0-20:5\", optionally followed by %N");
      }
      int from = Integer.parseInt(m.group(1));
      int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
      int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      if (to < from) {
        throw new IllegalArgumentException("the range " + part.trim() + " ends before it starts");
      }
      if (to > MAX_INDEX) {
        throw new IllegalArgumentException("indexes go up to " + MAX_INDEX + ", not " + to);
      }
      if (step < 1) {
        throw new IllegalArgumentException("the step of " + part.trim() + " must be at least 1");
      }
      for (long i = from; i <= to; i += step) {
        indexes.add((int) i);
        if (indexes.size() > maxSize) {
          throw new IllegalArgumentException("makes more than " + maxSize + " jobs, the most one array may have"
              + " (limits.maxArraySize)");
        }
      }
    }
    return new ArraySpec(new ArrayList<>(indexes), cap);
  }

  private static String clip(String s) {
    return s.length() > 32 ? s.substring(0, 32) + "…" : s;
  }
}
