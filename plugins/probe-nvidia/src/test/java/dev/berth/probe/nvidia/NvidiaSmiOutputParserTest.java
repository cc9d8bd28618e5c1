package dev.berth.probe.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.GpuResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Row parsing corner cases that the end-to-end tests do not reach. */
class NvidiaSmiOutputParserTest {

  @ParameterizedTest
  @ValueSource(strings = {"[N/A]", "[Not Supported]", "N/A", "n/a", "[Unknown Error]", "[Insufficient Permissions]", "[GPU requires reset]", ""})
  void everyPlaceholderIsAnUnknownUtilization(String placeholder) throws Exception {
    GpuResources gpu = NvidiaSmiOutputParser.parseRow("0, GPU-a, Tesla T4, 10, 15360, " + placeholder + ", 27.50, 40, 1590, 0x0000000000000000");

    assertThat(gpu.utilizationPercent()).isNull();
    assertThat(gpu.memoryUsedMiB()).isEqualTo(10L);
  }

  @Test
  void unitsLeftInByAQueryWithoutNounitsAreStripped() throws Exception {
    GpuResources gpu = NvidiaSmiOutputParser.parseRow("1, GPU-b, NVIDIA L4, 512 MiB, 23034 MiB, 35 %, 41.07 W, 52 C, 2040 MHz, 0x0000000000000000");

    assertThat(gpu).isEqualTo(new GpuResources(1, "GPU-b", "NVIDIA L4", 512L, 23034L, 35.0, 41.07, 52.0,
        List.of(), Map.of(GpuResources.SM_CLOCK_MHZ, 2040.0)));
  }

  @Test
  void aCommaInTheNameKeepsTheMetricsInPlace() throws Exception {
    GpuResources gpu = NvidiaSmiOutputParser.parseRow("0, GPU-c, Board, rev 2, 100, 8192, 5, 30.00, 44, [N/A], 0x0000000000000004");

    assertThat(gpu).isEqualTo(new GpuResources(0, "GPU-c", "Board, rev 2", 100L, 8192L, 5.0, 30.0, 44.0,
        List.of("sw_power_cap"), Map.of()));
  }

  @Test
  void aHeaderLineIsSkipped() {
    GpuReading reading =
        NvidiaSmiOutputParser.parse(
            new CommandOutput(
                "index, uuid, name, memory.used [MiB], memory.total [MiB], utilization.gpu [%], power.draw [W], temperature.gpu, clocks.sm [MHz], clocks_throttle_reasons.active\n"
                    + "0, GPU-d, Tesla T4, 0, 15360, 0, 9.80, 40, 1590, 0x0000000000000000\n",
                "",
                0));

    assertThat(reading.errors()).isEmpty();
    assertThat(reading.gpus()).hasSize(1);
  }

  @Test
  void emptyOutputWithSuccessIsNoGpusAndNoError() {
    GpuReading reading = NvidiaSmiOutputParser.parse(new CommandOutput("\n", "", 0));

    assertThat(reading.gpus()).isEmpty();
    assertThat(reading.errors()).isEmpty();
  }

  @Test
  void tooFewFieldsIsMalformed() {
    assertThatThrownBy(() -> NvidiaSmiOutputParser.parseRow("0, GPU-e, Tesla T4, 0, 15360, 0"))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("expected 10 comma-separated fields, found 6");
  }

  @Test
  void nonNumericIndexIsMalformed() {
    assertThatThrownBy(() -> NvidiaSmiOutputParser.parseRow("[N/A], GPU-f, Tesla T4, 0, 15360, 0, 9.80, 40, 1590, 0x0000000000000000"))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("index '[N/A]' is not a number");
  }

  @Test
  void garbageInAMetricIsMalformed() {
    assertThatThrownBy(() -> NvidiaSmiOutputParser.parseRow("0, GPU-g, Tesla T4, lots, 15360, 0, 9.80, 40, 1590, 0x0000000000000000"))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("memory.used 'lots' is not a number");
  }

  @Test
  void utilizationOverAHundredIsMalformed() {
    assertThatThrownBy(() -> NvidiaSmiOutputParser.parseRow("0, GPU-h, Tesla T4, 0, 15360, 140, 9.80, 40, 1590, 0x0000000000000000"))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("utilization.gpu '140' is over 100 %");
  }

  @Test
  void aThrottleFieldThatIsNoBitmaskIsMalformed() {
    assertThatThrownBy(() -> NvidiaSmiOutputParser.parseRow("0, GPU-i, Tesla T4, 0, 15360, 0, 9.80, 40, 1590, Active"))
        .isInstanceOf(MalformedRowException.class)
        .hasMessage("clocks_throttle_reasons.active 'Active' is not a bitmask");
  }

  @Test
  void aVeryLongBadLineIsShortenedInTheError() {
    String noise = "x".repeat(1000);

    GpuReading reading = NvidiaSmiOutputParser.parse(new CommandOutput(noise + "\n", "", 0));

    assertThat(reading.errors()).singleElement().asString().hasSizeLessThan(300).endsWith("…");
  }

  @Test
  void failureMessageComesFromStdoutBeforeStderr() {
    GpuReading reading =
        NvidiaSmiOutputParser.parse(new CommandOutput("\n  No devices were found  \n", "ignored\n", 6));

    assertThat(reading.errors()).containsExactly("No devices were found");
  }
}
