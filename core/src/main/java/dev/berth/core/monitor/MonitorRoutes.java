package dev.berth.core.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.api.ProblemResponses;
import dev.berth.core.host.Version;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitor's three endpoints. Each reads the sampler's last result and nothing else, so an answer
 * costs a few microseconds of copying, whatever the probe is doing.
 */
final class MonitorRoutes {
  static final String JSON = "application/json";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final NodeSampler sampler;
  private final MonitorMetrics metrics;
  private final Clock clock;
  private final ObjectMapper json;
  private final Duration staleAfter;

  MonitorRoutes(NodeSampler sampler, MonitorMetrics metrics, Clock clock, ObjectMapper json) {
    this.sampler = sampler;
    this.metrics = metrics;
    this.clock = clock;
    this.json = json;
    this.staleAfter = staleAfter(sampler.interval());
  }

  /** A sample older than three intervals and ten seconds means the sampler is stuck. */
  static Duration staleAfter(Duration interval) {
    return interval.multipliedBy(3).plusSeconds(10);
  }

  void register(JavalinConfig cfg) {
    ProblemResponses.register(cfg);
    cfg.routes.get("/status", this::status);
    cfg.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS).result(metrics.scrape()));
    cfg.routes.get("/healthz", this::health);
  }

  private void status(Context ctx) throws JsonProcessingException {
    NodeSample sample = sampler.latest();
    if (sample == null) {
      notYet(ctx);
      return;
    }
    Duration age = age(sample);
    if (age.compareTo(staleAfter) > 0) {
      ctx.contentType(JSON).result(json.writeValueAsBytes(sample.status().stale(age)));
    } else {
      ctx.contentType(JSON).result(sample.json());
    }
  }

  private void health(Context ctx) {
    NodeSample sample = sampler.latest();
    if (sample == null) {
      notYet(ctx);
      return;
    }
    Duration age = age(sample);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", age.compareTo(staleAfter) > 0 ? "stale" : "up");
    body.put("version", Version.current());
    body.put("node", sample.status().node());
    body.put("taken_at", sample.status().takenAt());
    body.put("age_seconds", age.toMillis() / 1000.0);
    ctx.status(age.compareTo(staleAfter) > 0 ? 503 : 200).json(body);
  }

  private Duration age(NodeSample sample) {
    Duration age = Duration.between(sample.status().takenAt(), clock.instant());
    return age.isNegative() ? Duration.ZERO : age;
  }

  private static void notYet(Context ctx) {
    ctx.header("Retry-After", "1");
    ProblemResponses.send(ctx, 503, "No sample yet", "the monitor has not finished its first sample", List.of());
  }
}
