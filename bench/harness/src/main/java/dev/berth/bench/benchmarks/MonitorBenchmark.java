package dev.berth.bench.benchmarks;

import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.ControlClient;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.FreePort;
import dev.berth.bench.infra.JvmProcess;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.StandIns;
import dev.berth.bench.load.HttpLoad;
import dev.berth.bench.load.HttpRequestBytes;
import dev.berth.bench.load.LoadResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Issue 8, item 5 (monitor): {@code GET /status} of {@code berth monitor} (the reference design's
 * per-node monitor) under a closed-loop load, sampling every second with the stand-in
 * {@code nvidia-smi} and this machine's {@code /proc}.
 */
public final class MonitorBenchmark implements Benchmark {
  private static final String LABEL = "5 monitor";

  @Override
  public String id() {
    return "monitor";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    ServerDir dir = ServerDir.fresh(ctx.work(), "monitor");
    Path smi = StandIns.nvidiaSmi(dir.root().resolve("stand-in"), 2);
    ServerConfig.local(smi, Path.of("/proc")).set("probe.nvidia-smi.useCgroup", "auto").write(dir.configFile());
    int port = FreePort.pick();
    int clients = Math.min(8, ctx.options().clients());
    ctx.results().note(LABEL, clients + " keep-alive clients on GET /status, closed loop; the monitor samples every 1 s.");
    try (JvmProcess monitor = JvmProcess.start(ctx.layout().launcherClassPath(), "dev.berth.core.cli.Launcher",
        List.of("-Dberth.home=" + ctx.layout().berthHome()),
        List.of("monitor", "--config", dir.configFile().toString(), "--data-dir", dir.dataDir().toString(),
            "--port", Integer.toString(port), "--host", "127.0.0.1", "--interval", "1"),
        Map.of(), dir.log())) {
      ControlClient c = new ControlClient(port, ctx.auth());
      Deadline.await("berth monitor to answer /status", Duration.ofMinutes(2), Duration.ofMillis(20), () -> {
        if (!monitor.isAlive()) {
          throw new IllegalStateException("berth monitor exited:\n" + monitor.logTail(30));
        }
        return c.get("/status").status() == 200;
      });
      LoadResult result = HttpLoad.run(port, HttpRequestBytes.get(port, "/status", ctx.auth()),
          new HttpLoad.Plan(clients, ctx.sizes().monitorWarmup(), ctx.sizes().monitorMeasure(), Long.MAX_VALUE));
      if (!result.clean()) {
        throw new IllegalStateException("GET /status: " + result.summary());
      }
      String subject = "berth monitor GET /status";
      ctx.results().figure(LABEL, subject, "requests/s", result.okRate(), "1/s").details(result.latency().fields()).add();
      ctx.results().figure(LABEL, subject, "p50 latency", result.latency().p50Ms(), "ms").add();
      ctx.results().figure(LABEL, subject, "p99 latency", result.latency().p99Ms(), "ms")
          .target("< 100 ms", v -> v < 100).add();
    }
  }
}
