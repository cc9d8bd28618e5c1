package dev.berth.core.scheduler;

import java.util.regex.Pattern;

/**
 * What kind of thing a queued job waits for. The codes are stable: scripts and the UI key on them,
 * while the messages may be reworded.
 */
public enum ReasonCode {
  /** Every run slot is taken ({@code scheduler.maxRunningJobs}). */
  SLOT,
  /** A GPU or host is not available: the message names it, the metric, its value and the threshold. */
  RESOURCES,
  /** Jobs ahead in the order start first; the message gives their count. */
  PRIORITY,
  /** Backfill holds GPUs for a job ahead; the message names it. */
  RESERVED,
  /** The owner is at a per-user limit; the message says which, with used and allowed. */
  QUOTA_USER,
  /** A job it depends on has not ended as the dependency asks; the message names it and its state. */
  DEPENDENCY,
  /** Its array already runs as many jobs as its cap ({@code %N}); the message says how many. */
  ARRAY_LIMIT,
  /** Held by its owner or an admin; it waits until released. */
  HELD,
  /** No resource sample yet, or the probe reported an error. */
  PROBE,
  /** An availability policy failed or gave no verdict; the message names the plugin. */
  POLICY;

  /** The reasons {@link PolicyPanel} writes for a broken policy, after an optional node prefix. */
  private static final Pattern PANEL_FAILURE = Pattern.compile("^(\\S+: )?policy '[^']+' (failed|gave no verdict)");

  /** The code of a reason a policy verdict carries: a broken policy's, or a resource's. */
  static ReasonCode ofVerdictReason(String reason) {
    return PANEL_FAILURE.matcher(reason).find() ? POLICY : RESOURCES;
  }
}
