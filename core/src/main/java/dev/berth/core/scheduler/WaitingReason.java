package dev.berth.core.scheduler;

import java.util.Objects;

/**
 * One reason a queued job waits, as users read it: a stable {@link ReasonCode} and a sentence
 * ("GPU 0 utilization 93 % ≥ 80 %").
 */
public record WaitingReason(ReasonCode code, String message) {
  public WaitingReason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static WaitingReason of(ReasonCode code, String message) {
    return new WaitingReason(code, message);
  }
}
