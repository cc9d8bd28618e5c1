package dev.berth.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThrottleReasonsTest {

  @Test
  void readsNvidiaSmiHexAsNvmlNames() {
    assertThat(ThrottleReasons.parse("0x0000000000000000")).isEmpty();
    assertThat(ThrottleReasons.parse("0x0000000000000001")).containsExactly("gpu_idle");
    assertThat(ThrottleReasons.parse("0x0000000000000024"))
        .containsExactly("sw_power_cap", "sw_thermal_slowdown");
  }

  @Test
  void readsDcgmDecimalAndNamesUnknownBits() {
    assertThat(ThrottleReasons.parse("64")).containsExactly("hw_thermal_slowdown");
    assertThat(ThrottleReasons.names(1L << 12)).containsExactly("bit_12");
  }

  @Test
  void refusesText() {
    assertThatThrownBy(() -> ThrottleReasons.parse("Active")).isInstanceOf(NumberFormatException.class);
  }
}
