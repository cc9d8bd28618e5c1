package dev.berth.probe.nvidia;

/** Shares as the probe reports them: 0–100, one decimal, so a value shown is the value judged. */
final class Percent {

  private Percent() {}

  static double of(double part, double whole) {
    double percent = 100.0 * part / whole;
    double clamped = Math.max(0.0, Math.min(100.0, percent));
    return Math.round(clamped * 10.0) / 10.0;
  }
}
