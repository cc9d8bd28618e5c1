package dev.berth.core.idle;

/**
 * What the guard decided about one running job at one sample, and why: shown in the utilisation
 * answer, so "why was my job (not) cancelled" has an answer.
 */
public record IdleDecision(Kind kind, String reason) {
  public enum Kind { KEEP, WARN, CANCEL }

  static IdleDecision keep(String reason) {
    return new IdleDecision(Kind.KEEP, reason);
  }
}
