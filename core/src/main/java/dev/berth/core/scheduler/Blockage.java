package dev.berth.core.scheduler;

import java.util.List;

/**
 * Why a job cannot start now, each reason with its code and a sentence users read ("GPU 0
 * utilization 93 % ≥ 80 %"). Jenkins calls this a CauseOfBlockage: the scheduler never answers a
 * bare "no".
 */
public record Blockage(List<WaitingReason> reasons) {
  public Blockage {
    reasons = List.copyOf(reasons);
  }

  public static Blockage of(ReasonCode code, String message) {
    return new Blockage(List.of(WaitingReason.of(code, message)));
  }

  /** The sentences alone, in order. */
  public List<String> messages() {
    return reasons.stream().map(WaitingReason::message).toList();
  }

  public String summary() {
    return String.join("; ", messages());
  }
}
