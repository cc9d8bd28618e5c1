package dev.berth.core.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the node on its own thread every interval and keeps the last result. Requests only read
 * that result, so none ever waits on nvidia-smi; a probe that hangs past its own timeout only makes
 * the result grow old, which {@code /status} then reports.
 */
final class NodeSampler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeSampler.class);

  private final ResourceProbe probe;
  private final AvailabilityPolicy policy;
  private final ThresholdSource thresholds;
  private final Clock clock;
  private final Duration interval;
  private final ObjectMapper json;
  private final MonitorMetrics metrics;
  private final AtomicReference<NodeSample> latest = new AtomicReference<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "berth-monitor-sampler");
    t.setDaemon(true);
    return t;
  });

  NodeSampler(ResourceProbe probe, AvailabilityPolicy policy, ThresholdSource thresholds, Clock clock,
      Duration interval, ObjectMapper json, MonitorMetrics metrics) {
    this.probe = probe;
    this.policy = policy;
    this.thresholds = thresholds;
    this.clock = clock;
    this.interval = interval;
    this.json = json;
    this.metrics = metrics;
  }

  /** Starts sampling: the first sample at once, then one every interval after the previous ended. */
  void start() {
    thread.scheduleWithFixedDelay(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Takes a sample now on the sampling thread and waits for it. */
  NodeSample sampleNow() {
    try {
      return thread.submit(this::sampleQuietly).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return latest.get();
    } catch (ExecutionException e) {
      return latest.get();
    }
  }

  /** The last sample, or null before the first one finished. */
  NodeSample latest() {
    return latest.get();
  }

  Duration interval() {
    return interval;
  }

  private NodeSample sampleQuietly() {
    thresholds.refresh();
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    ResourceSnapshot snapshot;
    try {
      snapshot = probe.sample();
      if (snapshot == null) {
        snapshot = new ResourceSnapshot(started, List.of(), List.of("the probe returned nothing"));
      }
    } catch (RuntimeException e) {
      LOG.warn("Probe {} failed: {}", probe.getClass().getSimpleName(), e.toString());
      snapshot = new ResourceSnapshot(started, List.of(), List.of("probe failed: " + e.getMessage()));
    }
    NodeStatus status = NodeStatusBuilder.build(snapshot, policy, thresholds);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    NodeSample sample = new NodeSample(snapshot, status, serialise(status), took);
    latest.set(sample);
    try {
      metrics.record(sample);
    } catch (RuntimeException e) {
      LOG.warn("Recording the sample's metrics failed: {}", e.toString());
    }
    return sample;
  }

  private byte[] serialise(NodeStatus status) {
    try {
      return json.writeValueAsBytes(status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a node status could not be written as JSON", e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
