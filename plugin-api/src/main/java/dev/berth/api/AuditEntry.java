package dev.berth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what to what, when.
 *
 * @param at when it happened
 * @param actor the user who acted
 * @param action what they did, a short dotted name such as {@code settings.update} or {@code job.cancel}
 * @param target what it was done to (a settings section, a job id, a username)
 * @param detail free text, such as the values before and after; may be empty
 */
public record AuditEntry(Instant at, String actor, String action, String target, String detail) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    target = target == null ? "" : target;
    detail = detail == null ? "" : detail;
  }
}
