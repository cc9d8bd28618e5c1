package dev.berth.bench.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Fakes of the GPU at its process boundary, for benchmarks that run the real {@code nvidia-smi}
 * probe on a machine without a GPU: a stand-in {@code nvidia-smi} script that prints what the real
 * one prints for Berth's query (idle H100s), and a {@code /proc} tree with an idle host, so that
 * the other engineers' builds on this machine never block a benchmark's jobs through the CPU
 * threshold.
 */
public final class StandIns {
  private StandIns() {}

  /** Writes an executable {@code nvidia-smi} listing {@code gpus} idle GPUs into {@code dir}. */
  public static Path nvidiaSmi(Path dir, int gpus) throws IOException {
    Files.createDirectories(dir);
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < gpus; i++) {
      rows.append(String.format(Locale.ROOT,
          "%d, GPU-%08d-0000-0000-0000-%012d, NVIDIA H100 80GB HBM3, 0, 81559, 0, 69.85, 34, 1980,"
          + " 0x0000000000000000\\n", i, i, i));
    }
    String script = "#!/bin/sh\n"
        + "# A stand-in for nvidia-smi: answers Berth's --query-gpu with idle GPUs.\n"
        + "case \"$*\" in\n"
        + "  *--query-gpu=*) printf '" + rows + "' ;;\n"
        + "  *) echo 'Invalid combination of input arguments.' >&2; exit 2 ;;\n"
        + "esac\n";
    Path command = dir.resolve("nvidia-smi");
    Files.writeString(command, script);
    Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
    return command;
  }

  /** Writes a {@code /proc} tree ({@code stat}, {@code meminfo}) of an idle 2-CPU host. */
  public static Path idleProc(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("stat"), """
        cpu  1000 0 1000 100000 0 0 0 0 0 0
        cpu0 500 0 500 50000 0 0 0 0 0 0
        cpu1 500 0 500 50000 0 0 0 0 0 0
        """);
    Files.writeString(dir.resolve("meminfo"), """
        MemTotal:       16000000 kB
        MemFree:        14000000 kB
        MemAvailable:   15000000 kB
        Buffers:          100000 kB
        Cached:           500000 kB
        """);
    return dir;
  }
}
