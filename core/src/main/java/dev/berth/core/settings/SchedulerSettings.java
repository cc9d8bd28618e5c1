package dev.berth.core.settings;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.util.List;

/** The core's own settings section, {@code scheduler}. */
public final class SchedulerSettings {
  public static final String SECTION = "scheduler";
  public static final String MAX_RUNNING_JOBS = "maxRunningJobs";
  public static final String PROBE_INTERVAL_SECONDS = "probeIntervalSeconds";
  public static final String BACKFILL = "backfill";
  public static final String BACKFILL_NONE = "none";
  public static final String BACKFILL_EASY = "easy";

  public static final SettingsSchema SCHEMA =
      new SettingsSchema(
          SECTION,
          "Scheduler",
          List.of(
              SettingDescriptor.integer(
                  MAX_RUNNING_JOBS, 1, 1, 10_000,
                  "Jobs that may be scheduled or running at once, across all nodes (1 = one after another)."),
              SettingDescriptor.integer(
                  PROBE_INTERVAL_SECONDS, 5, 1, 3_600, "Seconds between two resource samples."),
              SettingDescriptor.choice(
                  BACKFILL, BACKFILL_NONE, List.of(BACKFILL_NONE, BACKFILL_EASY),
                  "none: the queue starts strictly in order. easy: the first job that cannot start gets a"
                      + " reservation, and later jobs may start on free GPUs if they do not delay it.")));

  private SchedulerSettings() {}

  public static int maxRunningJobs(Settings s) {
    return (int) s.getLong(MAX_RUNNING_JOBS);
  }

  /** Whether later jobs may start around the first one that cannot ({@code backfill: easy}). */
  public static boolean easyBackfill(Settings s) {
    return BACKFILL_EASY.equals(s.get(BACKFILL));
  }

  public static int probeIntervalSeconds(Settings s) {
    return (int) s.getLong(PROBE_INTERVAL_SECONDS);
  }
}
