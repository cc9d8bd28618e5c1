package dev.berth.core.settings;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingType;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import dev.berth.core.errors.ValidationException;
import java.util.List;

/** The core's per-user limits, settings section {@code limits}. */
public final class LimitSettings {
  public static final String SECTION = "limits";
  public static final String MAX_QUEUED_JOBS_PER_USER = "maxQueuedJobsPerUser";
  public static final String DEFAULT_TIME_LIMIT_MINUTES = "defaultTimeLimitMinutes";
  public static final String MAX_TIME_LIMIT_MINUTES = "maxTimeLimitMinutes";
  public static final String MAX_RUNNING_JOBS_PER_USER = "maxRunningJobsPerUser";
  public static final String MAX_GPUS_PER_USER = "maxGpusPerUser";
  public static final String ENFORCE_ONLY_WHEN_OTHERS_WAIT = "enforceOnlyWhenOthersWait";
  public static final String MAX_ARRAY_SIZE = "maxArraySize";
  /** Ten years, {@code TimeLimitFormat}'s own ceiling. */
  private static final long LONGEST_MINUTES = 10L * 366 * 24 * 60;

  public static final SettingsSchema SCHEMA =
      new SettingsSchema(
          SECTION,
          "Limits",
          List.of(
              SettingDescriptor.integer(
                  MAX_QUEUED_JOBS_PER_USER, 0, 0, 1_000_000,
                  "Queued jobs one user may have at once; a submission beyond it is refused with 429 (0 = no limit)."),
              SettingDescriptor.integer(
                  DEFAULT_TIME_LIMIT_MINUTES, 1440, 1, LONGEST_MINUTES,
                  "Time limit of a job that sets none and whose template sets none, in minutes; at most"
                      + " maxTimeLimitMinutes."),
              SettingDescriptor.integer(
                  MAX_TIME_LIMIT_MINUTES, 10080, 1, LONGEST_MINUTES,
                  "The longest time limit a job may have, in minutes; a longer one is refused with 400."),
              SettingDescriptor.integer(
                  MAX_RUNNING_JOBS_PER_USER, 0, 0, 100_000,
                  "Jobs one user may have scheduled or running at once (0 = no limit)."),
              SettingDescriptor.integer(
                  MAX_GPUS_PER_USER, 0, 0, 100_000,
                  "GPUs one user's scheduled and running jobs may hold at once (0 = no limit)."),
              new SettingDescriptor(
                  ENFORCE_ONLY_WHEN_OTHERS_WAIT, SettingType.BOOLEAN, "true", null, null,
                  "true: a user may go over maxRunningJobsPerUser and maxGpusPerUser while no other user has a"
                      + " job that could start; false: the limits always hold."),
              SettingDescriptor.integer(
                  MAX_ARRAY_SIZE, 1000, 1, 100_000,
                  "The most jobs one array or sweep may make; a larger one is refused with 400.")));

  private LimitSettings() {}

  public static long maxQueuedJobsPerUser(Settings s) {
    return s.getLong(MAX_QUEUED_JOBS_PER_USER);
  }

  public static long defaultTimeLimitMinutes(Settings s) {
    return s.getLong(DEFAULT_TIME_LIMIT_MINUTES);
  }

  public static int maxRunningJobsPerUser(Settings s) {
    return (int) s.getLong(MAX_RUNNING_JOBS_PER_USER);
  }

  public static int maxGpusPerUser(Settings s) {
    return (int) s.getLong(MAX_GPUS_PER_USER);
  }

  public static boolean enforceOnlyWhenOthersWait(Settings s) {
    return s.getBoolean(ENFORCE_ONLY_WHEN_OTHERS_WAIT);
  }

  public static int maxArraySize(Settings s) {
    return (int) s.getLong(MAX_ARRAY_SIZE);
  }

  public static long maxTimeLimitMinutes(Settings s) {
    return s.getLong(MAX_TIME_LIMIT_MINUTES);
  }

  /**
   * Checks the section's values together, as they would be stored.
   *
   * @throws ValidationException when the default limit is above the maximum
   */
  static void checkTogether(Settings s) {
    if (defaultTimeLimitMinutes(s) > maxTimeLimitMinutes(s)) {
      throw ValidationException.of(DEFAULT_TIME_LIMIT_MINUTES, "must not be above " + MAX_TIME_LIMIT_MINUTES
          + " (" + maxTimeLimitMinutes(s) + "), was " + defaultTimeLimitMinutes(s));
    }
  }
}
