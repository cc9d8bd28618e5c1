package dev.berth.core.scheduler;

import dev.berth.api.NodeResources;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import dev.berth.core.metrics.BerthMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the probe on its own thread every probe interval and keeps the last snapshot; everyone
 * else reads the cache, so no request ever waits on nvidia-smi.
 */
public final class ResourceMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceMonitor.class);

  private final ResourceProbe probe;
  private final Clock clock;
  private final BerthMetrics metrics;
  private final IntSupplier intervalSeconds;
  private final Runnable onSample;
  private final AtomicReference<ResourceSnapshot> latest = new AtomicReference<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "berth-probe"));
  private ScheduledFuture<?> task;
  /** Whether the last after-sample hook failed: an outage is logged once, not every tick. */
  private boolean hookFailing;
  private int scheduledInterval;

  public ResourceMonitor(
      ResourceProbe probe, Clock clock, BerthMetrics metrics, IntSupplier intervalSeconds, Runnable onSample) {
    this.probe = probe;
    this.clock = clock;
    this.metrics = metrics;
    this.intervalSeconds = intervalSeconds;
    this.onSample = onSample;
  }

  static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public synchronized void start() {
    scheduledInterval = intervalSeconds.getAsInt();
    task = thread.scheduleWithFixedDelay(this::sampleQuietly, 0, scheduledInterval, TimeUnit.SECONDS);
  }

  /** Re-arms the timer when the probe interval setting changed. */
  public synchronized void intervalChanged() {
    int now = intervalSeconds.getAsInt();
    if (task != null && now != scheduledInterval) {
      task.cancel(false);
      scheduledInterval = now;
      task = thread.scheduleWithFixedDelay(this::sampleQuietly, now, now, TimeUnit.SECONDS);
    }
  }

  /** The last snapshot, or null before the first sample finished. */
  public ResourceSnapshot latest() {
    return latest.get();
  }

  /** Takes a sample now on the probe thread and waits for it (for tests and the first start). */
  public ResourceSnapshot sampleNow() {
    try {
      return thread.submit(this::sampleQuietly).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return latest.get();
    } catch (java.util.concurrent.ExecutionException e) {
      return latest.get();
    }
  }

  /**
   * Takes a sample on the calling thread, with the same after-sample hook: for tests that drive the
   * scheduler by hand and must not start the probe thread. Never call it while {@link #start()} runs.
   */
  public ResourceSnapshot sampleOnThisThread() {
    return sampleQuietly();
  }

  private ResourceSnapshot sampleQuietly() {
    Instant start = clock.instant();
    long t0 = System.nanoTime();
    ResourceSnapshot snapshot;
    try {
      snapshot = probe.sample();
      if (snapshot == null) {
        snapshot = failed(start, "probe returned nothing");
      }
    } catch (RuntimeException e) {
      LOG.warn("Probe {} failed: {}", probe.getClass().getSimpleName(), e.toString());
      snapshot = failed(start, "probe failed: " + e.getMessage());
    }
    boolean errors = !snapshot.errors().isEmpty() || snapshot.nodes().stream().anyMatch(n -> !n.errors().isEmpty());
    metrics.probed(Duration.ofNanos(System.nanoTime() - t0), errors);
    latest.set(snapshot);
    try {
      onSample.run();
      if (hookFailing) {
        LOG.info("After-sample refresh works again");
        hookFailing = false;
      }
    } catch (RuntimeException e) {
      if (!hookFailing) {
        LOG.warn("After-sample refresh failed (logged once until it works again): {}", e.toString());
        hookFailing = true;
      } else {
        LOG.debug("After-sample refresh still failing: {}", e.toString());
      }
    }
    return snapshot;
  }

  private static ResourceSnapshot failed(Instant at, String error) {
    return new ResourceSnapshot(at, List.<NodeResources>of(), List.of(error));
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
