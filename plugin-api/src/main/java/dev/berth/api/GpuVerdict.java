package dev.berth.api;

import java.util.List;

/**
 * A policy's judgement of one GPU: eligible when there are no reasons against it.
 *
 * @param reasons human sentences naming the measured value and the limit, such as {@code "GPU 0
 *     utilization 93 % ≥ 80 %"}
 */
public record GpuVerdict(int index, List<String> reasons) {
  public GpuVerdict {
    reasons = List.copyOf(reasons);
  }

  public boolean eligible() {
    return reasons.isEmpty();
  }
}
