package dev.berth.bench.benchmarks;

import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.StandIns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The config of benchmarks that run real processes through the local executor: the default
 * plugins, a stand-in {@code nvidia-smi} with two idle GPUs, an idle {@code /proc}, and two
 * templates of their own.
 */
final class LocalJobs {
  /** Prints its first instruction's and its last instruction's wall-clock time, in ns, around a sleep. */
  static final String GAP = "gap";
  /** Runs {@code true}. */
  static final String TRIVIAL = "trivial";

  private LocalJobs() {}

  static ServerConfig config(Path dir) throws IOException {
    Path smi = StandIns.nvidiaSmi(dir.resolve("stand-in"), 2);
    Path proc = StandIns.idleProc(dir.resolve("stand-in").resolve("proc"));
    return ServerConfig.local(smi, proc)
        .set("executor.local.templates." + GAP, Map.of(
            "description", "Benchmark: prints its start and end times around a sleep",
            "command", List.of("sh", "-c", "echo start $(date +%s%N); sleep \"$1\"; echo end $(date +%s%N)", "gap",
                "${seconds}"),
            "parameters", Map.of("seconds", Map.of("default", "1", "description", "How long to sleep"))))
        .set("executor.local.templates." + TRIVIAL, Map.of(
            "description", "Benchmark: runs true",
            "command", List.of("true")));
  }
}
