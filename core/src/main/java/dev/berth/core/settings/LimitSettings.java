package dev.berth.core.settings;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.util.List;

/** The core's per-user limits, settings section {@code limits}. */
public final class LimitSettings {
  public static final String SECTION = "limits";
  public static final String MAX_QUEUED_JOBS_PER_USER = "maxQueuedJobsPerUser";

  public static final SettingsSchema SCHEMA =
      new SettingsSchema(
          SECTION,
          "Limits",
          List.of(
              SettingDescriptor.integer(
                  MAX_QUEUED_JOBS_PER_USER, 0, 0, 1_000_000,
                  "Queued jobs one user may have at once; a submission beyond it is refused with 429 (0 = no limit).")));

  private LimitSettings() {}

  public static long maxQueuedJobsPerUser(Settings s) {
    return s.getLong(MAX_QUEUED_JOBS_PER_USER);
  }
}
