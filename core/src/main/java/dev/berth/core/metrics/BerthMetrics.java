package dev.berth.core.metrics;

import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Berth's Prometheus metrics. Queue lengths are read from the store at most once per scrape, so a
 * scrape costs one count query however many states there are.
 */
public final class BerthMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter submissions;
  private final Timer schedulingLatency;
  private final Timer probeDuration;
  private final Counter probeErrors;
  private final Timer jobWait;
  private final AtomicReference<Map<JobState, Long>> counts = new AtomicReference<>(Map.of());

  public BerthMetrics() {
    submissions = Counter.builder("berth.submissions").description("Jobs accepted into the queue").register(registry);
    schedulingLatency =
        Timer.builder("berth.scheduling.latency")
            .description("Time from submission to being scheduled")
            .publishPercentileHistogram()
            .register(registry);
    probeDuration =
        Timer.builder("berth.probe.duration").description("Time one resource sample took").register(registry);
    jobWait = Timer.builder("berth.job.wait")
        .description("Time from submission to the start of the run")
        .publishPercentileHistogram()
        .register(registry);
    probeErrors = Counter.builder("berth.probe.errors").description("Samples that reported errors").register(registry);
  }

  /** Registers one gauge per job state over the store's counts. */
  public void bindQueue(QueueStore store) {
    for (JobState state : JobState.values()) {
      Gauge.builder("berth.jobs", counts, c -> c.get().getOrDefault(state, 0L))
          .description("Jobs per state")
          .tag("state", state.name())
          .register(registry);
    }
    this.store = store;
  }

  private volatile QueueStore store;

  public void submitted() {
    submissions.increment();
  }

  public void scheduled(Duration waited) {
    schedulingLatency.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  public void probed(Duration took, boolean hadErrors) {
    probeDuration.record(took);
    if (hadErrors) {
      probeErrors.increment();
    }
  }

  /** A run ended after {@code gpuSeconds} GPU-seconds of {@code user}'s. */
  public void gpuSeconds(String user, double gpuSeconds) {
    Counter.builder("berth.user.gpu.seconds").description("GPU-seconds of runs that ended, by user")
        .tag("user", user).register(registry).increment(gpuSeconds);
  }

  /** A job started {@code waited} after its submission. */
  public void jobWaited(Duration waited) {
    jobWait.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  /** A listener accepted an event (on any try). */
  public void notificationDelivered(String listener) {
    Counter.builder("berth.notifications.delivered").description("Job events a listener accepted")
        .tag("listener", listener).register(registry).increment();
  }

  /** A listener's event was given up after the last try, or dropped because the queue was full. */
  public void notificationFailed(String listener) {
    Counter.builder("berth.notifications.failed").description("Job events a listener failed to deliver after every try")
        .tag("listener", listener).register(registry).increment();
  }

  /** Makes the failure counter of each configured listener visible at 0 before anything failed. */
  public void declareListener(String listener) {
    Counter.builder("berth.notifications.failed").description("Job events a listener failed to deliver after every try")
        .tag("listener", listener).register(registry);
    Counter.builder("berth.notifications.delivered").description("Job events a listener accepted")
        .tag("listener", listener).register(registry);
  }

  /** The Prometheus text exposition; refreshes the queue counts first. */
  public String scrape() {
    QueueStore s = store;
    if (s != null) {
      Map<JobState, Long> fresh = new EnumMap<>(JobState.class);
      fresh.putAll(s.countByState());
      counts.set(fresh);
    }
    return registry.scrape();
  }
}
