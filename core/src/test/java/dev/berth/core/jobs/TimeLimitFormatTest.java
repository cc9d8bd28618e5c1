package dev.berth.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeLimitFormatTest {
  @ParameterizedTest
  @CsvSource({
      "5400, 5400",
      "90s, 90",
      "30m, 1800",
      "2h, 7200",
      "1d, 86400",
      "' 2H ', 7200",
      "05:30, 330",
      "02:30:00, 9000",
      "1-12:00:00, 129600",
      "1-12, 129600",
      "2-03:04, 183840",
      "0-00:00:01, 1",
  })
  void readsEveryAcceptedForm(String text, long seconds) {
    assertThat(TimeLimitFormat.parse(text)).isEqualTo(seconds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "-5", "0", "0s", "00:00:00", "1.5h", "2w", "h", "1:2:3:4", "01:60:00", "10:61",
      "1-", "abc", "1h30m", "99999999999999d", "4000d"})
  void refusesWithAMessage(String text) {
    assertThatThrownBy(() -> TimeLimitFormat.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 59, 60, 90, 3600, 5400, 86400, 90000, 129600, 183845, 31536000})
  void formatReadsBack(long seconds) {
    assertThat(TimeLimitFormat.parse(TimeLimitFormat.format(seconds))).isEqualTo(seconds);
  }

  @ParameterizedTest
  @CsvSource({"90, 90s", "1800, 30m", "7200, 2h", "86400, 1d", "129600, 1-12:00:00", "5400, 01:30:00"})
  void formatIsShort(long seconds, String text) {
    assertThat(TimeLimitFormat.format(seconds)).isEqualTo(text);
  }
}
