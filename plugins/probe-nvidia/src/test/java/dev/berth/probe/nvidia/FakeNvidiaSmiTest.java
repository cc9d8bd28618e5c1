package dev.berth.probe.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.testkit.FakeNvidiaSmi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's nvidia-smi stand-in, which other modules' end-to-end tests rely on too. */
class FakeNvidiaSmiTest {

  @TempDir Path dir;

  @Test
  void freshStandInPrintsOneIdleGpuInTheQueryFormat() throws Exception {
    FakeNvidiaSmi fake = FakeNvidiaSmi.install(dir);

    Result result = run(fake, FakeNvidiaSmi.QUERY_ARGUMENT, FakeNvidiaSmi.FORMAT_ARGUMENT);

    assertThat(result.exitCode).isZero();
    assertThat(result.stdout)
        .isEqualTo("0, GPU-00000000-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 0, 81559, 0, 70.00, 30, 1980, "
                + "0x0000000000000000\n");
  }

  @Test
  void unknownMetricsPrintAsNotAvailable() {
    String row = FakeNvidiaSmi.row(new GpuResources(2, null, "NVIDIA H200", 55L, 143771L, null, null));

    assertThat(row).isEqualTo("2, [N/A], NVIDIA H200, 55, 143771, [N/A], [N/A], [N/A], [N/A], 0x0000000000000000");
  }

  @Test
  void temperatureAndThrottleReasonsPrintAsNvidiaSmiDoes() throws Exception {
    GpuResources hot = new GpuResources(0, "GPU-x", "NVIDIA H200", 1L, 143771L, 99.0, 690.0, 87.0,
        List.of("sw_power_cap", "sw_thermal_slowdown"), Map.of());

    assertThat(FakeNvidiaSmi.row(hot)).endsWith(", 87, [N/A], 0x0000000000000024");
    assertThat(NvidiaSmiOutputParser.parseRow(FakeNvidiaSmi.row(hot))).isEqualTo(hot);
  }

  @Test
  void rowsParseBackToTheSameGpus() throws Exception {
    GpuResources busy = FakeNvidiaSmi.gpu(1, 60000, 81559, 85.0);

    assertThat(NvidiaSmiOutputParser.parseRow(FakeNvidiaSmi.row(busy))).isEqualTo(busy);
  }

  @Test
  void otherArgumentsAreRefusedAsNvidiaSmiWould() throws Exception {
    FakeNvidiaSmi fake = FakeNvidiaSmi.install(dir);

    Result result = run(fake, "-L");

    assertThat(result.exitCode).isEqualTo(2);
    assertThat(result.stdout).startsWith("Invalid combination of input arguments.");
  }

  @Test
  void rawOutputPassesQuotesAndDollarsThroughVerbatim() throws Exception {
    FakeNvidiaSmi fake = FakeNvidiaSmi.install(dir);
    fake.setRawOutput("it's $HOME `date` \\n\n", "warn 'x'\n", 3);

    Result result = run(fake, FakeNvidiaSmi.FORMAT_ARGUMENT, FakeNvidiaSmi.QUERY_ARGUMENT);

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.stdout).isEqualTo("it's $HOME `date` \\n\n");
    assertThat(result.stderr).isEqualTo("warn 'x'\n");
  }

  @Test
  void countsItsInvocations() throws Exception {
    FakeNvidiaSmi fake = FakeNvidiaSmi.install(dir);
    run(fake, "-L");
    run(fake, FakeNvidiaSmi.QUERY_ARGUMENT, FakeNvidiaSmi.FORMAT_ARGUMENT);

    assertThat(fake.invocations()).isEqualTo(2);
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(FakeNvidiaSmi fake, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(fake.command().toString());
    argv.addAll(List.of(args));
    Process process = new ProcessBuilder(argv).start();
    process.getOutputStream().close();
    // The outputs are tiny, so reading them before waiting cannot block on a full pipe.
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stand-in finished").isTrue();
    return new Result(process.exitValue(), stdout, stderr);
  }
}
