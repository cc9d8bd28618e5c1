package dev.berth.core.scheduler;

import java.util.List;

/**
 * Why a job cannot start now, in sentences users read ("GPU 0 utilization 93 % ≥ 80 %"). Jenkins
 * calls this a CauseOfBlockage: the scheduler never answers a bare "no".
 */
public record Blockage(List<String> reasons) {
  public Blockage {
    reasons = List.copyOf(reasons);
  }

  public static Blockage of(String reason) {
    return new Blockage(List.of(reason));
  }

  public String summary() {
    return String.join("; ", reasons);
  }
}
