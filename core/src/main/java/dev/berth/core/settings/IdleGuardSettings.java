package dev.berth.core.settings;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.time.Duration;
import java.util.List;

/**
 * The idle-GPU guard's section, {@code idleGuard}: when a running job's GPUs count as idle, how long
 * before its owner is told, and whether the guard then cancels it. See docs/idle-guard.md.
 */
public final class IdleGuardSettings {
  public static final String SECTION = "idleGuard";
  public static final String UTILIZATION_BELOW_PERCENT = "utilizationBelowPercent";
  public static final String WARN_AFTER_MINUTES = "warnAfterMinutes";
  public static final String ACTION = "action";
  public static final String CANCEL_AFTER_MINUTES = "cancelAfterMinutes";
  public static final String INTERACTIVE_MAX_MINUTES = "interactiveMaxMinutes";
  /** A year: long enough for any guard, short enough that minutes never overflow a Duration. */
  private static final long LONGEST_MINUTES = 366L * 24 * 60;

  /** What the guard does about a job idle for {@code warnAfterMinutes}. */
  public enum Action { NONE, NOTIFY, CANCEL }

  public static final SettingsSchema SCHEMA =
      new SettingsSchema(
          SECTION,
          "Idle-GPU guard",
          List.of(
              SettingDescriptor.decimal(
                  UTILIZATION_BELOW_PERCENT, 5, 0, 100,
                  "A job's GPU counts as idle while its utilisation is below this percentage."),
              SettingDescriptor.integer(
                  WARN_AFTER_MINUTES, 30, 1, LONGEST_MINUTES,
                  "Minutes all of a running job's GPUs must stay idle before its owner is told (once)."),
              SettingDescriptor.choice(
                  ACTION, "notify", List.of("none", "notify", "cancel"),
                  "none: only record it; notify: tell the owner and note it on the job; cancel: also cancel the"
                      + " job after cancelAfterMinutes idle."),
              SettingDescriptor.integer(
                  CANCEL_AFTER_MINUTES, 120, 1, LONGEST_MINUTES,
                  "With action cancel: minutes idle after which the job is cancelled."),
              SettingDescriptor.integer(
                  INTERACTIVE_MAX_MINUTES, 240, 1, LONGEST_MINUTES,
                  "A job submitted with interactive: true is left alone for this many minutes of running.")));

  private IdleGuardSettings() {}

  public static double thresholdPercent(Settings s) {
    return s.getDouble(UTILIZATION_BELOW_PERCENT);
  }

  public static Duration warnAfter(Settings s) {
    return Duration.ofMinutes(s.getLong(WARN_AFTER_MINUTES));
  }

  public static Action action(Settings s) {
    return Action.valueOf(s.get(ACTION).toUpperCase(java.util.Locale.ROOT));
  }

  public static Duration cancelAfter(Settings s) {
    return Duration.ofMinutes(s.getLong(CANCEL_AFTER_MINUTES));
  }

  public static Duration interactiveMax(Settings s) {
    return Duration.ofMinutes(s.getLong(INTERACTIVE_MAX_MINUTES));
  }
}
