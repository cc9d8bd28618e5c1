package dev.berth.testkit;

import dev.berth.api.GpuResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An executable stand-in for {@code nvidia-smi}, so tests fake the GPU only at the process boundary.
 *
 * <p>{@link #install(Path)} writes a shell script named {@code nvidia-smi} into a directory. The
 * script accepts only the query Berth's probe runs ({@value #QUERY_ARGUMENT} {@value
 * #FORMAT_ARGUMENT}, in any order; anything else gets nvidia-smi's "Invalid combination of input
 * arguments" and exit code 2) and answers with what the test set last, so a test can change the
 * GPUs between two samples:
 *
 * <pre>{@code
 * FakeNvidiaSmi fake = FakeNvidiaSmi.install(tempDir);
 * fake.setGpus(FakeNvidiaSmi.gpu(0, 1024, 81559, 85.0));   // one GPU at 85 % utilization
 * config.put("command", fake.command().toString());
 * }</pre>
 *
 * <p>A fresh stand-in reports one idle GPU ({@link #idleGpu(int) idleGpu(0)}). The answer is
 * replaced atomically, so a run in progress never sees half of an update. Needs {@code /bin/sh}.
 */
public final class FakeNvidiaSmi {

  /** The query argument the stand-in requires. */
  public static final String QUERY_ARGUMENT =
      "--query-gpu=index,uuid,name,memory.used,memory.total,utilization.gpu,power.draw,"
          + "temperature.gpu,clocks.sm,clocks_throttle_reasons.active";

  /** The format argument the stand-in requires. */
  public static final String FORMAT_ARGUMENT = "--format=csv,noheader,nounits";

  /** What nvidia-smi prints on stdout when it cannot reach the driver (it then exits with 9). */
  public static final String DRIVER_FAILURE_MESSAGE =
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
          + "Make sure that the latest NVIDIA driver is installed and running.";

  /** nvidia-smi's exit code for "NVIDIA driver is not loaded". */
  public static final int DRIVER_FAILURE_EXIT_CODE = 9;

  /** nvidia-smi's placeholder for a value the driver cannot measure. */
  public static final String NOT_AVAILABLE = "[N/A]";

  private static final List<String> THROTTLE_REASONS =
      List.of(
          "gpu_idle",
          "applications_clocks_setting",
          "sw_power_cap",
          "hw_slowdown",
          "sync_boost",
          "sw_thermal_slowdown",
          "hw_thermal_slowdown",
          "hw_power_brake_slowdown",
          "display_clock_setting");

  /** The SM clock every fake GPU reports, in MHz (an H100's boost clock). */
  public static final double SM_CLOCK_MHZ = 1980;

  private static final String SCRIPT_RESOURCE = "fake-nvidia-smi.sh";

  // Long enough to outlast any probe timeout, short enough that a leaked stand-in goes away.
  private static final int HANG_SECONDS = 300;

  private final Path command;
  private final Path answer;
  private final Path calls;

  private FakeNvidiaSmi(Path dir) {
    this.command = dir.resolve("nvidia-smi");
    this.answer = dir.resolve("nvidia-smi.answer");
    this.calls = dir.resolve("nvidia-smi.calls");
  }

  /**
   * Writes the stand-in into {@code dir} (created if missing): the executable {@code nvidia-smi},
   * and beside it the answer it prints and a log of its invocations.
   */
  public static FakeNvidiaSmi install(Path dir) {
    try {
      Files.createDirectories(dir);
      FakeNvidiaSmi fake = new FakeNvidiaSmi(dir.toAbsolutePath());
      Files.writeString(fake.calls, "");
      fake.setGpus(idleGpu(0));
      String script =
          readScriptTemplate()
              .replace("@CALLS@", shellQuote(fake.calls.toString()))
              .replace("@ANSWER@", shellQuote(fake.answer.toString()));
      Files.writeString(fake.command, script);
      Files.setPosixFilePermissions(fake.command, PosixFilePermissions.fromString("rwxr-xr-x"));
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the nvidia-smi stand-in in " + dir, e);
    }
  }

  /** The absolute path of the executable stand-in, for the probe's {@code command} setting. */
  public Path command() {
    return command;
  }

  /** From the next run on, lists these GPUs (none: prints nothing and exits 0). */
  public FakeNvidiaSmi setGpus(GpuResources... gpus) {
    return setGpus(List.of(gpus));
  }

  /** From the next run on, lists these GPUs, one row each, in the given order. */
  public FakeNvidiaSmi setGpus(List<GpuResources> gpus) {
    StringBuilder out = new StringBuilder();
    for (GpuResources gpu : gpus) {
      out.append(row(gpu)).append('\n');
    }
    return setRawOutput(out.toString(), 0);
  }

  /** From the next run on, prints exactly {@code stdout} and exits with {@code exitCode}. */
  public FakeNvidiaSmi setRawOutput(String stdout, int exitCode) {
    return setRawOutput(stdout, "", exitCode);
  }

  /** From the next run on, prints {@code stdout} and {@code stderr} and exits with {@code exitCode}. */
  public FakeNvidiaSmi setRawOutput(String stdout, String stderr, int exitCode) {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException("exit code must be 0..255, was " + exitCode);
    }
    return answer(
        "printf '%s' "
            + shellQuote(stdout)
            + "\nprintf '%s' "
            + shellQuote(stderr)
            + " >&2\nexit "
            + exitCode
            + "\n");
  }

  /** From the next run on, fails as nvidia-smi does when the driver is not loaded. */
  public FakeNvidiaSmi driverFailure() {
    return setRawOutput(DRIVER_FAILURE_MESSAGE + "\n", DRIVER_FAILURE_EXIT_CODE);
  }

  /**
   * From the next run on, never answers (for timeout tests). The stand-in replaces itself with
   * {@code sleep}, so killing the process it started leaves nothing behind.
   */
  public FakeNvidiaSmi hang() {
    return answer("exec sleep " + HANG_SECONDS + "\n");
  }

  /** How many times the stand-in has been run since it was installed. */
  public int invocations() {
    try {
      return Files.readAllLines(calls, StandardCharsets.UTF_8).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One row as nvidia-smi prints it for the query, such as {@code 0,
   * GPU-00000000-0000-0000-0000-000000000000, NVIDIA H100 80GB HBM3, 0, 81559, 0, 69.85, 30, 1980,
   * 0x0000000000000000}; a null metric or UUID prints as {@value #NOT_AVAILABLE}. {@code clocks.sm}
   * is the GPU's {@link GpuResources#SM_CLOCK_MHZ} metric, and the throttle reasons print as NVML's
   * bitmask.
   */
  public static String row(GpuResources gpu) {
    Double smClock = gpu.metric(GpuResources.SM_CLOCK_MHZ);
    return String.join(
        ", ",
        Integer.toString(gpu.index()),
        orNotAvailable(gpu.uuid()),
        orNotAvailable(gpu.name()),
        gpu.memoryUsedMiB() == null ? NOT_AVAILABLE : Long.toString(gpu.memoryUsedMiB()),
        gpu.memoryTotalMiB() == null ? NOT_AVAILABLE : Long.toString(gpu.memoryTotalMiB()),
        // nvidia-smi reports utilization as a whole percent.
        gpu.utilizationPercent() == null
            ? NOT_AVAILABLE
            : Long.toString(Math.round(gpu.utilizationPercent())),
        gpu.powerWatts() == null
            ? NOT_AVAILABLE
            : String.format(Locale.ROOT, "%.2f", gpu.powerWatts()),
        // Whole degrees and MHz, as nvidia-smi prints them.
        gpu.temperatureC() == null ? NOT_AVAILABLE : Long.toString(Math.round(gpu.temperatureC())),
        smClock == null ? NOT_AVAILABLE : Long.toString(Math.round(smClock)),
        String.format(Locale.ROOT, "0x%016x", throttleMask(gpu.throttleReasons())));
  }

  /** NVML's bitmask for the reasons; the names are nvidia-smi's, in nvml.h's bit order. */
  private static long throttleMask(List<String> reasons) {
    long mask = 0;
    for (String reason : reasons) {
      int bit = THROTTLE_REASONS.indexOf(reason);
      if (bit < 0) {
        throw new IllegalArgumentException(
            "unknown throttle reason '" + reason + "'; known: " + THROTTLE_REASONS);
      }
      mask |= 1L << bit;
    }
    return mask;
  }

  /** An idle H100 80GB: nothing used, 0 % utilization. */
  public static GpuResources idleGpu(int index) {
    return gpu(index, 0, 81559, 0.0);
  }

  /**
   * An H100 80GB with the given memory use and utilization; {@code utilizationPercent} null is a
   * MIG parent, whose utilization nvidia-smi reports as {@value #NOT_AVAILABLE}. Its temperature
   * rises with utilization, from 30 °C idle; use {@link GpuResources#withTemperatureC} for another.
   */
  public static GpuResources gpu(
      int index, long memoryUsedMiB, long memoryTotalMiB, Double utilizationPercent) {
    return new GpuResources(
        index,
        uuid(index),
        "NVIDIA H100 80GB HBM3",
        memoryUsedMiB,
        memoryTotalMiB,
        utilizationPercent,
        utilizationPercent == null ? 70.0 : 70.0 + 6.0 * utilizationPercent,
        utilizationPercent == null ? 40.0 : 30.0 + Math.round(utilizationPercent / 2),
        List.of(),
        Map.of(GpuResources.SM_CLOCK_MHZ, SM_CLOCK_MHZ));
  }

  /** A stable, well-formed UUID for a fake GPU, such as {@code GPU-00000001-0000-0000-0000-000000000001}. */
  public static String uuid(int index) {
    return String.format(Locale.ROOT, "GPU-%08d-0000-0000-0000-%012d", index, index);
  }

  private FakeNvidiaSmi answer(String shellFragment) {
    try {
      Path next = Files.createTempFile(answer.getParent(), "nvidia-smi.answer", ".tmp");
      Files.writeString(next, shellFragment);
      Files.move(next, answer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the nvidia-smi stand-in's answer", e);
    }
  }

  private static String orNotAvailable(String text) {
    return text == null ? NOT_AVAILABLE : text;
  }

  /** Single-quotes {@code text} for sh, so any bytes (quotes, newlines, $) pass through verbatim. */
  private static String shellQuote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static String readScriptTemplate() throws IOException {
    try (InputStream in = FakeNvidiaSmi.class.getResourceAsStream(SCRIPT_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + SCRIPT_RESOURCE + " is missing from berth-testkit");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
