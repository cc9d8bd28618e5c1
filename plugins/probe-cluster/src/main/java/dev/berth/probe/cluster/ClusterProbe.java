package dev.berth.probe.cluster;

import dev.berth.api.NodeResources;
import dev.berth.api.PluginContext;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * The server's view of a cluster: polls the {@code berth monitor} of every node at once and returns
 * one snapshot with a node per monitor. Monitors come from a static list ({@code monitors}) or from
 * the endpoints of their Service in Kubernetes ({@code kubernetes.service}); see {@link
 * ClusterProbeConfig} for every key.
 *
 * <p>A monitor that does not answer (timeout after retries, refused connection, an error status,
 * nonsense, a sample too old) never drops its node: the node is in the snapshot with no figures
 * and the reason, such as "monitor on gpu-node-2 timed out after 5 s". With no GPUs listed it
 * takes no GPU job; add this plugin to {@code extensions.policies} as well and it takes no CPU-only
 * job either (see {@link UnmeasuredNodePolicy}).
 */
@Extension
public final class ClusterProbe implements ResourceProbe, AutoCloseable {
  private final Clock clock;
  private final Logger log;
  private final ClusterProbeConfig config;
  private final Discovery discovery;
  private final MonitorPoller poller;
  private final MonitorStatusReader reader;
  private final Map<URI, String> lastNames = new HashMap<>();
  private List<String> lastErrors = List.of();

  public ClusterProbe(PluginContext context) {
    this.clock = context.clock();
    this.log = context.logger();
    this.config = ClusterProbeConfig.from(context.config());
    this.poller = new MonitorPoller(config.timeout(), config.retries(), config.retryBackoff());
    this.reader = new MonitorStatusReader(config.maxSampleAge());
    this.discovery = config.kubernetes() == null
        ? new StaticDiscovery(config.monitors())
        : new KubernetesDiscovery(config.kubernetes(), config.timeout(), clock, log);
  }

  @Override
  public synchronized ResourceSnapshot sample() {
    Instant at = clock.instant();
    try {
      Discovery.Found found = discovery.targets();
      List<NodeResources> nodes = poll(found.targets(), at);
      logChangedErrors(nodes, found.errors());
      return new ResourceSnapshot(at, nodes, found.errors());
    } catch (RuntimeException e) {
      log.error("cluster probe failed unexpectedly", e);
      return new ResourceSnapshot(at, List.of(), List.of("cluster probe failed: " + e));
    }
  }

  private List<NodeResources> poll(List<MonitorTarget> targets, Instant at) {
    long deadline = System.nanoTime() + config.deadline().toNanos();
    Map<MonitorTarget, CompletableFuture<String>> answers = new LinkedHashMap<>();
    for (MonitorTarget target : targets) {
      answers.put(target, poller.fetch(target.statusUrl(), deadline));
    }
    try {
      CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Read per monitor below: the answers count, the others are reported.
    }
    Map<String, NodeResources> byName = new LinkedHashMap<>();
    answers.forEach((target, answer) -> add(byName, node(target, answer, at), target));
    return List.copyOf(byName.values());
  }

  private NodeResources node(MonitorTarget target, CompletableFuture<String> answer, Instant at) {
    String name = target.node() != null ? target.node() : lastNames.getOrDefault(target.statusUrl(), target.fallbackName());
    String why;
    if (!answer.isDone()) {
      answer.cancel(true);
      why = "timed out after " + MonitorPoller.seconds(config.timeout()) + " (" + target.statusUrl()
          + ", no answer within the sample's " + MonitorPoller.seconds(config.deadline()) + ")";
    } else if (answer.isCompletedExceptionally()) {
      Throwable error = answer.handle((v, e) -> e).join();
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof MonitorPoller.Failure f) {
        why = f.getMessage() + " (" + target.statusUrl() + ", " + f.attempts() + (f.attempts() == 1 ? " attempt)" : " attempts)");
      } else {
        why = "failed: " + cause + " (" + target.statusUrl() + ")";
      }
    } else {
      try {
        NodeResources node = reader.read(answer.join(), target, at);
        lastNames.put(target.statusUrl(), node.name());
        return node;
      } catch (MonitorStatusReader.BadStatus e) {
        why = e.getMessage() + " (" + target.statusUrl() + ")";
      }
    }
    return new NodeResources(name, null, null, List.of(), List.of("monitor on " + name + " " + why));
  }

  /** Two monitors claiming one node would let a job be placed twice on its GPUs: the first one counts. */
  private static void add(Map<String, NodeResources> byName, NodeResources node, MonitorTarget target) {
    NodeResources first = byName.get(node.name());
    if (first == null) {
      byName.put(node.name(), node);
      return;
    }
    List<String> errors = new ArrayList<>(first.errors());
    errors.add("a second monitor reports node " + node.name() + " (" + target.statusUrl() + "); it is ignored");
    byName.put(node.name(), new NodeResources(first.name(), first.cpuPercent(), first.memoryPercent(), first.gpus(), errors));
  }

  /** Says so once when errors appear or change, and once when they clear: not every 5 s. */
  private void logChangedErrors(List<NodeResources> nodes, List<String> discoveryErrors) {
    List<String> errors = new ArrayList<>(discoveryErrors);
    nodes.forEach(n -> errors.addAll(n.errors()));
    if (errors.equals(lastErrors)) {
      return;
    }
    if (errors.isEmpty()) {
      log.info("cluster probe: all {} monitors answer", nodes.size());
    } else {
      log.warn("cluster probe: {}", String.join("; ", errors));
    }
    lastErrors = List.copyOf(errors);
  }

  @Override
  public void close() {
    poller.close();
    discovery.close();
  }
}
