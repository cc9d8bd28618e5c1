package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantsTest {
  @Test
  void readsTheApisTimesAsInstantParseDoes() {
    for (String s : new String[] {"2026-12-04T10:06:10.727329458Z", "2026-12-04T10:06:10Z", "2026-02-28T23:59:59.5Z",
        "1999-12-31T00:00:00.000001Z", "2024-02-29T12:00:00.123Z"}) {
      assertThat(Instants.parse(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @Test
  void otherShapesFallBackAndNonsenseIsNull() {
    assertThat(Instants.parse("2026-12-04T10:06:10+00:00")).isEqualTo(Instant.parse("2026-12-04T10:06:10Z"));
    assertThat(Instants.parse("2026-13-04T10:06:10Z")).isNull();
    assertThat(Instants.parse("not a time at all, no")).isNull();
    assertThat(Instants.parse("")).isNull();
    assertThat(Instants.parse(null)).isNull();
  }
}
