package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitStatusTest {
  private static int of(String json) {
    return ExitStatus.of(JsonText.parse(json));
  }

  @Test
  void aFollowedJobExitsAsItEnded() {
    assertThat(of("{\"state\":\"COMPLETED\",\"exitCode\":0}")).isZero();
    assertThat(of("{\"state\":\"FAILED\",\"exitCode\":3}")).isEqualTo(3);
    assertThat(of("{\"state\":\"FAILED\",\"exitCode\":null}")).isEqualTo(ExitCodes.ERROR);
    assertThat(of("{\"state\":\"CANCELLED\",\"exitCode\":143}")).isEqualTo(130);
    assertThat(of("{\"state\":\"TIMED_OUT\",\"exitCode\":null}")).isEqualTo(124);
  }

  @Test
  void httpStatusesMapToTheirExitCodes() {
    assertThat(ExitCodes.forStatus(400)).isEqualTo(7);
    assertThat(ExitCodes.forStatus(401)).isEqualTo(4);
    assertThat(ExitCodes.forStatus(403)).isEqualTo(5);
    assertThat(ExitCodes.forStatus(404)).isEqualTo(6);
    assertThat(ExitCodes.forStatus(409)).isEqualTo(8);
    assertThat(ExitCodes.forStatus(429)).isEqualTo(9);
    assertThat(ExitCodes.forStatus(503)).isEqualTo(10);
  }
}
