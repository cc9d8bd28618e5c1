package dev.berth.core.idle;

import java.util.ArrayList;
import java.util.List;

/**
 * One job's utilisation points, at most {@link #MAX_POINTS}: when full, neighbours are merged in
 * pairs, so a long job keeps its whole run at half the resolution instead of only its last hours.
 * Not thread-safe; {@link IdleGuard} guards it.
 */
final class UtilizationHistory {
  /**
   * Enough for a chart's width, small enough that {@link IdleGuard#JOBS_KEPT} full histories stay
   * a few tens of MB; a day at a 10-second probe interval is merged five times (4.8-minute points).
   */
  static final int MAX_POINTS = 360;

  private final List<UtilizationPoint> points = new ArrayList<>();
  private final int maxPoints;

  UtilizationHistory() {
    this(MAX_POINTS);
  }

  UtilizationHistory(int maxPoints) {
    this.maxPoints = maxPoints;
  }

  void add(UtilizationPoint p) {
    points.add(p);
    if (points.size() > maxPoints) {
      halve();
    }
  }

  private void halve() {
    List<UtilizationPoint> merged = new ArrayList<>(points.size() / 2 + 1);
    for (int i = 0; i < points.size(); i += 2) {
      merged.add(i + 1 < points.size() ? points.get(i).merge(points.get(i + 1)) : points.get(i));
    }
    points.clear();
    points.addAll(merged);
  }

  List<UtilizationPoint> points() {
    return List.copyOf(points);
  }

  double idleGpuHours() {
    return points.stream().mapToDouble(UtilizationPoint::idleGpuHours).sum();
  }
}
