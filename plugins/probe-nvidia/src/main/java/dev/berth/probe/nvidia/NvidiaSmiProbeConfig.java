package dev.berth.probe.nvidia;

import dev.berth.api.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The probe's configuration section ({@code probe.nvidia-smi}), with defaults applied.
 *
 * @param command the argv prefix to run; the query arguments are appended
 * @param node the node name to report; null for the host name
 */
record NvidiaSmiProbeConfig(
    List<String> command,
    Path procRoot,
    Path cgroupRoot,
    Duration timeout,
    String node,
    CgroupMode cgroupMode) {

  static final String DEFAULT_COMMAND = "nvidia-smi";
  static final String DEFAULT_PROC_ROOT = "/proc";
  static final String DEFAULT_CGROUP_ROOT = "/sys/fs/cgroup";
  static final long DEFAULT_TIMEOUT_MILLIS = 2000;

  NvidiaSmiProbeConfig {
    command = List.copyOf(command);
  }

  static NvidiaSmiProbeConfig from(PluginConfig config) {
    long timeoutMillis = config.getLong("timeoutMillis", DEFAULT_TIMEOUT_MILLIS);
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "config " + key(config, "timeoutMillis") + " must be positive, was " + timeoutMillis);
    }
    String node = config.getString("node", "").trim();
    return new NvidiaSmiProbeConfig(
        command(config),
        Path.of(nonBlank(config.getString("procRoot", ""), DEFAULT_PROC_ROOT)),
        Path.of(nonBlank(config.getString("cgroupRoot", ""), DEFAULT_CGROUP_ROOT)),
        Duration.ofMillis(timeoutMillis),
        node.isEmpty() ? null : node,
        CgroupMode.parse(config.getString("useCgroup", "auto"), key(config, "useCgroup")));
  }

  /**
   * A scalar is one program (a path or a name on PATH, never split on spaces, as paths may hold
   * them); a list is an argv prefix such as {@code [ssh, gpu-host, nvidia-smi]}.
   */
  private static List<String> command(PluginConfig config) {
    List<String> argv = config.getStringList("command");
    if (argv.isEmpty() || (argv.size() == 1 && argv.get(0).isBlank())) {
      return List.of(DEFAULT_COMMAND);
    }
    for (String part : argv) {
      if (part.isBlank()) {
        throw new IllegalArgumentException(
            "config " + key(config, "command") + " must not hold blank entries, was " + argv);
      }
    }
    return argv;
  }

  private static String nonBlank(String value, String fallback) {
    return value.isBlank() ? fallback : value.trim();
  }

  private static String key(PluginConfig config, String key) {
    return config.path() == null || config.path().isEmpty() ? key : config.path() + "." + key;
  }
}
