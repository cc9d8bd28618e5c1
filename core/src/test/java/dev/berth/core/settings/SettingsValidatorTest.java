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
                "colour: unknown setting; known: maxRunningJobs, probeIntervalSeconds"));
    assertThatThrownBy(() -> SettingsValidator.validate(SchedulerSettings.SCHEMA, Map.of("maxRunningJobs", 1.5)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> SettingsValidator.validate(SchedulerSettings.SCHEMA, Map.of("maxRunningJobs", true)))
        .isInstanceOf(ValidationException.class);
  }
}
