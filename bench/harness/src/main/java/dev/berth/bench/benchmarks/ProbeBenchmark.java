package dev.berth.bench.benchmarks;

import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.Commands;
import dev.berth.bench.infra.InProcessPlugins;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.StandIns;
import dev.berth.bench.load.LatencyStats;
import java.nio.file.Path;

/**
 * Issue 8, item 5 (probe): the cost of one {@code nvidia-smi} probe sample, run by Berth's own
 * plugin in the harness's JVM: the command (a stand-in printing two GPUs, and the real one where a
 * GPU exists) plus this machine's real {@code /proc} and cgroup files.
 */
public final class ProbeBenchmark implements Benchmark {
  private static final String LABEL = "5 probe";

  @Override
  public String id() {
    return "probe";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    ServerDir dir = ServerDir.fresh(ctx.work(), "probe");
    Path standIn = StandIns.nvidiaSmi(dir.root().resolve("stand-in"), 2);
    measure(ctx, dir, standIn.toString(), "nvidia-smi probe, stand-in script", 2);
    if (Commands.onPath("nvidia-smi")) {
      measure(ctx, ServerDir.fresh(ctx.work(), "probe-real"), "nvidia-smi", "nvidia-smi probe, real nvidia-smi", -1);
    } else {
      ctx.results().note(LABEL, "No nvidia-smi on this machine: the real command was not measured.");
    }
  }

  private static void measure(BenchContext ctx, ServerDir dir, String command, String subject, int expectedGpus)
      throws Exception {
    ServerConfig config = ServerConfig.local(Path.of(command), Path.of("/proc"))
        .set("probe.nvidia-smi.command", command)
        .set("probe.nvidia-smi.useCgroup", "auto");
    try (InProcessPlugins plugins = InProcessPlugins.open(ctx.layout(), dir, config)) {
      ResourceProbe probe = plugins.extension(ResourceProbe.class, "nvidia-smi");
      check(probe.sample(), expectedGpus);
      int n = ctx.sizes().probeSamples();
      long[] nanos = new long[n];
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        ResourceSnapshot s = probe.sample();
        nanos[i] = System.nanoTime() - t0;
        check(s, expectedGpus);
      }
      LatencyStats stats = LatencyStats.ofNanos(nanos);
      ctx.results().figure(LABEL, subject, "sample p50", stats.p50Ms(), "ms").details(stats.fields()).add();
      ctx.results().figure(LABEL, subject, "sample p99", stats.p99Ms(), "ms").target("< 100 ms", v -> v < 100).add();
    }
  }

  private static void check(ResourceSnapshot s, int expectedGpus) {
    boolean errors = !s.errors().isEmpty() || s.nodes().stream().anyMatch(n -> !n.errors().isEmpty());
    int gpus = s.nodes().stream().mapToInt(n -> n.gpus().size()).sum();
    if (errors || (expectedGpus >= 0 && gpus != expectedGpus)) {
      throw new IllegalStateException("the probe reported " + gpus + " GPUs and errors " + s);
    }
  }
}
