package dev.berth.core.cli;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import dev.berth.core.config.ConfigLoader;
import dev.berth.core.monitor.MonitorOptions;
import dev.berth.core.monitor.MonitorOptionsResolver;
import dev.berth.core.monitor.MonitorRuntime;
import dev.berth.core.monitor.ThresholdInputs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth monitor}: the per-node resource monitor. Samples this machine with the same probe
 * plugin as {@code berth serve} and serves the reference design's {@code /status}, plus {@code
 * /metrics} and {@code /healthz}, until stopped. See docs/monitoring.md.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Run the per-node resource monitor: sample this machine and serve /status, /metrics and /healthz.")
final class MonitorCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", description = "The same YAML file as berth serve; its probe section sets the nvidia-smi command and /proc root.")
  Path config;

  @Option(names = "--port", description = "HTTP port of /status (default 8080; monitor.port, BERTH_MONITOR_PORT). 0 picks a free port.")
  Integer port;

  @Option(names = "--host", description = "Address to listen on (default 0.0.0.0; monitor.host).")
  String host;

  @Option(names = "--interval", paramLabel = "SECONDS", description = "Time between samples: 5, 5s, 1500ms (default 5 s; monitor.intervalSeconds).")
  String interval;

  @Option(names = "--probe", paramLabel = "ID", description = "Plugin id of the probe (default nvidia-smi; monitor.probe).")
  String probe;

  @Option(names = "--node", paramLabel = "NAME", description = "Node name to report (default: the probe's node setting, else the host name).")
  String node;

  @Option(names = "--server", paramLabel = "URL", description = "A Berth server whose threshold settings apply, e.g. http://berth:8081 (monitor.server).")
  String server;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where plugin data lives (default ./data).")
  Path dataDir;

  @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Writable plugins directory (default <data-dir>/plugins).")
  Path pluginsDir;

  @Option(names = "--gpu-memory-free-min-mib", paramLabel = "MIB", description = "A GPU needs more free memory than this (default 2048).")
  String gpuMemoryFreeMinMiB;

  @Option(names = "--gpu-utilization-max-percent", paramLabel = "PERCENT", description = "A GPU at or above this utilization is busy (default 80).")
  String gpuUtilizationMaxPercent;

  @Option(names = "--cpu-usage-max-percent", paramLabel = "PERCENT", description = "A host at or above this CPU use is busy (default 90).")
  String cpuUsageMaxPercent;

  @Option(names = "--memory-usage-max-percent", paramLabel = "PERCENT", description = "A host at or above this memory use is busy (default 85).")
  String memoryUsageMaxPercent;

  @Override
  public Integer call() throws InterruptedException {
    MonitorRuntime runtime;
    try {
      Map<String, String> env = System.getenv();
      BerthConfig base = load(env, null, null);
      MonitorOptions options = new MonitorOptionsResolver(env, base.tree()).resolve(flags());
      BerthConfig effective = node == null ? base : load(env, options.probeId(), node);
      runtime = MonitorRuntime.start(effective, options, Clock.systemUTC(), Launcher.bundledPlugins());
    } catch (ConfigException e) {
      System.err.println("berth: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("berth: the monitor could not start: " + e.getMessage());
      org.slf4j.LoggerFactory.getLogger(MonitorCommand.class).debug("Start failed", e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "berth-monitor-shutdown"));
    stopped.await();
    return 0;
  }

  private BerthConfig load(Map<String, String> env, String probeId, String nodeName) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (dataDir != null) {
      overrides.put("dataDir", dataDir.toString());
    }
    if (pluginsDir != null) {
      overrides.put("pluginsDir", pluginsDir.toString());
    }
    if (probeId != null && nodeName != null) {
      if (nodeName.isBlank()) {
        throw new ConfigException("--node must not be blank");
      }
      overrides.put("probe." + probeId + ".node", nodeName);
    }
    return new ConfigLoader().load(config, env, overrides);
  }

  private MonitorOptionsResolver.Flags flags() {
    Map<String, ThresholdInputs.Flagged> thresholds = new LinkedHashMap<>();
    put(thresholds, "gpuMemoryFreeMinMiB", gpuMemoryFreeMinMiB, "--gpu-memory-free-min-mib");
    put(thresholds, "gpuUtilizationMaxPercent", gpuUtilizationMaxPercent, "--gpu-utilization-max-percent");
    put(thresholds, "cpuUsageMaxPercent", cpuUsageMaxPercent, "--cpu-usage-max-percent");
    put(thresholds, "memoryUsageMaxPercent", memoryUsageMaxPercent, "--memory-usage-max-percent");
    return new MonitorOptionsResolver.Flags(host, port, interval, probe, server, thresholds);
  }

  private static void put(Map<String, ThresholdInputs.Flagged> out, String key, String value, String flag) {
    if (value != null) {
      out.put(key, new ThresholdInputs.Flagged(value, flag));
    }
  }
}
