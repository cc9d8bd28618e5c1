package dev.berth.core.settings;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.time.Duration;
import java.util.List;

/**
 * The core's fair-share section, {@code fairshare}: how fast the usage ledger forgets, and the
 * weights an order that scores (the bundled {@code multifactor}) gives each term. The ledger is the
 * core's, so its section is too; orders read it from their {@link dev.berth.api.OrderContext}.
 */
public final class FairshareSettings {
  public static final String SECTION = "fairshare";
  public static final String HALF_LIFE_HOURS = "halfLifeHours";
  public static final String WEIGHT_FAIRSHARE = "weightFairshare";
  public static final String WEIGHT_AGE = "weightAge";
  public static final String WEIGHT_PRIORITY = "weightPriority";
  public static final String MAX_AGE_HOURS = "maxAgeHours";

  public static final SettingsSchema SCHEMA =
      new SettingsSchema(
          SECTION,
          "Fair share",
          List.of(
              SettingDescriptor.decimal(
                  HALF_LIFE_HOURS, 168, 0.01, 87_600,
                  "Hours after which a GPU-second counts half in the usage ledger."),
              SettingDescriptor.decimal(
                  WEIGHT_FAIRSHARE, 10_000, 0, 1e9, "Points for the fair-share factor F = 2^(−U/S) (0 to 1)."),
              SettingDescriptor.decimal(
                  WEIGHT_AGE, 1_000, 0, 1e9, "Points for the age factor A = min(wait ÷ maxAgeHours, 1)."),
              SettingDescriptor.decimal(
                  WEIGHT_PRIORITY, 2_000, 0, 1e9, "Points for the priority factor P = (priority + 1000) ÷ 2000."),
              SettingDescriptor.decimal(
                  MAX_AGE_HOURS, 168, 0.01, 87_600, "Hours of waiting after which the age factor stays at 1.")));

  private FairshareSettings() {}

  public static Duration halfLife(Settings s) {
    return hours(s.getDouble(HALF_LIFE_HOURS));
  }

  public static Duration maxAge(Settings s) {
    return hours(s.getDouble(MAX_AGE_HOURS));
  }

  private static Duration hours(double h) {
    return Duration.ofMillis(Math.max(1, Math.round(h * 3_600_000d)));
  }
}
