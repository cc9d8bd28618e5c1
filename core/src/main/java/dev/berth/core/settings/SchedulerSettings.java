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

  public static final SettingsSchema SCHEMA =
      new SettingsSchema(
          SECTION,
          "Scheduler",
          List.of(
              SettingDescriptor.integer(
                  MAX_RUNNING_JOBS, 1, 1, 10_000,
                  "Jobs that may be scheduled or running at once, across all nodes (1 = one after another)."),
              SettingDescriptor.integer(
                  PROBE_INTERVAL_SECONDS, 5, 1, 3_600, "Seconds between two resource samples.")));

  private SchedulerSettings() {}

  public static int maxRunningJobs(Settings s) {
    return (int) s.getLong(MAX_RUNNING_JOBS);
  }

  public static int probeIntervalSeconds(Settings s) {
    return (int) s.getLong(PROBE_INTERVAL_SECONDS);
  }
}
