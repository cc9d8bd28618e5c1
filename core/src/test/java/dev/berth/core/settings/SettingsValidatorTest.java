package dev.berth.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.errors.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsValidatorTest {

  @Test
  void acceptsNumbersAndNumericStringsWithinRange() {
    assertThat(SettingsValidator.validate(SchedulerSettings.SCHEMA, Map.of("maxRunningJobs", 2, "probeIntervalSeconds", "10")))
        .containsEntry("maxRunningJobs", "2").containsEntry("probeIntervalSeconds", "10");
  }

  @Test
  void refusesUnknownKeysWrongTypesAndOutOfRangeValuesNamingEach() {
    assertThatThrownBy(() -> SettingsValidator.validate(SchedulerSettings.SCHEMA,
        Map.of("maxRunningJobs", 0, "probeIntervalSeconds", "soon", "colour", "red")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(err -> err.field() + ": " + err.message())
            .containsExactlyInAnyOrder(
                "maxRunningJobs: must be between 1 and 10000, was 0",
                "probeIntervalSeconds: must be a whole number, was 'soon'",
                "colour: unknown setting; known: maxRunningJobs, probeIntervalSeconds, backfill"));
    assertThatThrownBy(() -> SettingsValidator.validate(SchedulerSettings.SCHEMA, Map.of("maxRunningJobs", 1.5)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> SettingsValidator.validate(SchedulerSettings.SCHEMA, Map.of("maxRunningJobs", true)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aChoiceTakesOneOfItsWordsAndRefusesAnyOther() {
    assertThat(SettingsValidator.validate(SchedulerSettings.SCHEMA, Map.of("backfill", "easy")))
        .containsEntry("backfill", "easy");
    assertThatThrownBy(() -> SettingsValidator.validate(SchedulerSettings.SCHEMA, Map.of("backfill", "aggressive")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(err -> err.field() + ": " + err.message())
            .containsExactly("backfill: must be one of none, easy, was 'aggressive'"));
  }

  @Test
  void fairShareWeightsAreDecimalsWithinTheirRange() {
    assertThat(SettingsValidator.validate(FairshareSettings.SCHEMA, Map.of("halfLifeHours", "0.5", "weightAge", 0)))
        .containsEntry("halfLifeHours", "0.5").containsEntry("weightAge", "0.0");
    assertThatThrownBy(() -> SettingsValidator.validate(FairshareSettings.SCHEMA, Map.of("halfLifeHours", -1)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void idleGuardMinutesAreWholeNumbersFromOneAndItsActionOneOfThree() {
    assertThat(SettingsValidator.validate(IdleGuardSettings.SCHEMA, Map.of("warnAfterMinutes", 10, "action", "cancel")))
        .containsEntry("warnAfterMinutes", "10").containsEntry("action", "cancel");
    assertThatThrownBy(() -> SettingsValidator.validate(IdleGuardSettings.SCHEMA,
        Map.of("warnAfterMinutes", 0, "cancelAfterMinutes", 1.5, "action", "kill")))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(err -> err.field())
            .containsExactlyInAnyOrder("warnAfterMinutes", "cancelAfterMinutes", "action"));
  }
}
