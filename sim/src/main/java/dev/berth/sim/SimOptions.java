package dev.berth.sim;

/**
 * How a trace is turned into submissions: {@code users} Zipf-distributed users for a trace without
 * users (seeded with {@code seed}), time limits of {@code timeLimitFactor} × the actual duration
 * (null: the trace's, else the {@code limits.defaultTimeLimitMinutes} setting), and the start
 * estimate of every {@code estimateEvery}-th submission measured.
 */
public record SimOptions(int users, long seed, Double timeLimitFactor, int estimateEvery) {
  public SimOptions {
    if (users < 1) {
      throw new BadInputException("--users must be at least 1");
    }
    if (timeLimitFactor != null && !(timeLimitFactor > 0)) {
      throw new BadInputException("--time-limit-factor must be above 0");
    }
    if (estimateEvery < 1) {
      throw new BadInputException("--estimate-every must be at least 1");
    }
  }

  public static SimOptions defaults() {
    return new SimOptions(10, 1, null, 1);
  }
}
