package dev.berth.core.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.ResourceProbe;
import dev.berth.core.api.JsonMapperFactory;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's resource monitor: samples the node with a probe every interval, judges each sample
 * with a policy, and serves {@code /status}, {@code /metrics} and {@code /healthz} from the last
 * sample. It holds no store and no scheduler. {@link MonitorRuntime} builds one from the plugins;
 * tests and embedders may hand it a probe and a policy directly.
 */
public final class NodeMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitor.class);

  private final NodeSampler sampler;
  private final Javalin http;

  private NodeMonitor(NodeSampler sampler, Javalin http) {
    this.sampler = sampler;
    this.http = http;
  }

  /** Starts sampling at once and listens on {@code options.host():options.port()}. */
  public static NodeMonitor start(
      ResourceProbe probe, AvailabilityPolicy policy, ThresholdSource thresholds, MonitorOptions options, Clock clock) {
    ObjectMapper json = JsonMapperFactory.create();
    MonitorMetrics metrics = new MonitorMetrics();
    NodeSampler sampler = new NodeSampler(probe, policy, thresholds, clock, options.interval(), json, metrics);
    MonitorRoutes routes = new MonitorRoutes(sampler, metrics, clock, json);
    Javalin http = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jsonMapper(new JavalinJackson(json, false));
      routes.register(cfg);
    });
    try {
      sampler.start();
      http.start(options.host(), options.port());
    } catch (RuntimeException e) {
      sampler.close();
      http.stop();
      throw e;
    }
    LOG.info("Berth monitor listening on http://{}:{} (probe {}, policy {}, a sample every {} s, thresholds from {})",
        options.host(), http.port(), options.probeId(), options.policyId(), options.interval().toSeconds(),
        thresholds.origin());
    return new NodeMonitor(sampler, http);
  }

  public int port() {
    return http.port();
  }

  /** Takes a sample now and waits for it; the timer goes on as before. */
  public NodeSample sampleNow() {
    return sampler.sampleNow();
  }

  /** The last sample, or null before the first one finished. */
  public NodeSample latest() {
    return sampler.latest();
  }

  @Override
  public void close() {
    http.stop();
    sampler.close();
  }
}
