package dev.berth.core.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How one {@code berth monitor} runs, after flags, environment and the config file were resolved
 * (see {@link MonitorOptionsResolver}).
 *
 * @param host the address {@code /status} listens on
 * @param port its port; 0 picks a free one
 * @param interval time between two samples of the node
 * @param probeId the plugin id of the probe that measures this node ({@code nvidia-smi})
 * @param policyId the plugin id of the policy that decides {@code available} ({@code thresholds})
 * @param server the Berth server whose threshold settings apply, or null to use local values
 * @param serverTimeout how long one fetch of the server's settings may take
 * @param thresholds threshold values given by flag, environment or file; checked against the
 *     policy's settings once it is loaded, and then they win over the server's and the defaults
 */
public record MonitorOptions(
    String host,
    int port,
    Duration interval,
    String probeId,
    String policyId,
    URI server,
    Duration serverTimeout,
    ThresholdInputs thresholds) {

  public MonitorOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(probeId, "probeId");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(serverTimeout, "serverTimeout");
    Objects.requireNonNull(thresholds, "thresholds");
  }

  /** Sampling every {@code interval}, local thresholds only: what tests and embedders start with. */
  public static MonitorOptions local(String host, int port, Duration interval) {
    return new MonitorOptions(
        host, port, interval, MonitorOptionsResolver.DEFAULT_PROBE, MonitorOptionsResolver.DEFAULT_POLICY,
        null, MonitorOptionsResolver.DEFAULT_SERVER_TIMEOUT, ThresholdInputs.none());
  }

  /** The same options with the server to fetch thresholds from. */
  public MonitorOptions withServer(URI newServer) {
    return new MonitorOptions(host, port, interval, probeId, policyId, newServer, serverTimeout, thresholds);
  }

  /** The same options with these threshold inputs. */
  public MonitorOptions withThresholds(ThresholdInputs newThresholds) {
    return new MonitorOptions(host, port, interval, probeId, policyId, server, serverTimeout, newThresholds);
  }
}
