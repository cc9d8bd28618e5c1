package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsDurationsAsPeopleTypeThem() {
    assertThat(Durations.parse("--since", "7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("--time", "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("--time", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("--time", "90s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refusesAnythingElseAsAUsageError() {
    for (String bad : new String[] {"", "7", "d", "-1h", "2x", "1h 30m", "0s"}) {
      assertThatThrownBy(() -> Durations.parse("--since", bad))
          .isInstanceOfSatisfying(CliFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
          .hasMessageContaining("--since");
    }
  }

  @Test
  void showsThemShortly() {
    assertThat(Durations.brief(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Durations.brief(Duration.ofMinutes(12))).isEqualTo("12m");
    assertThat(Durations.brief(Duration.ofMinutes(185))).isEqualTo("3h05m");
    assertThat(Durations.brief(Duration.ofHours(52))).isEqualTo("2d04h");
  }
}
