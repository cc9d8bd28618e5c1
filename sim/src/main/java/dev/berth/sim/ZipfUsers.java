package dev.berth.sim;

import java.util.Random;

/**
 * Users for a trace that names none: user k of N is drawn with weight 1/k (Zipf, exponent 1), so a
 * few users submit most jobs, as in real labs. Seeded: one seed, one assignment.
 */
final class ZipfUsers {
  private final double[] cumulative;
  private final Random random;

  ZipfUsers(int users, long seed) {
    cumulative = new double[users];
    double sum = 0;
    for (int k = 1; k <= users; k++) {
      sum += 1.0 / k;
      cumulative[k - 1] = sum;
    }
    for (int i = 0; i < users; i++) {
      cumulative[i] /= sum;
    }
    random = new Random(seed);
  }

  String next() {
    double u = random.nextDouble();
    int i = java.util.Arrays.binarySearch(cumulative, u);
    int k = i >= 0 ? i : Math.min(cumulative.length - 1, -i - 1);
    return String.format("user%02d", k + 1);
  }
}
