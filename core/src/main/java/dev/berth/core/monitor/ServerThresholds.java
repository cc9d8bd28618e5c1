package dev.berth.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thresholds fetched from a Berth server's {@code GET /api/v1/settings/<section>}, so that a
 * monitor's {@code available} follows what an admin set on the server, with the monitor's own flags
 * on top. Fetched before every sample; when the server does not answer, the last values fetched
 * (or the defaults, before the first success) stay in force and {@link #problems()} says so.
 */
final class ServerThresholds implements ThresholdSource {
  private static final Logger LOG = LoggerFactory.getLogger(ServerThresholds.class);
  private static final int MAX_BODY_CHARS = 1 << 20;

  private final SettingsSchema schema;
  private final Map<String, String> overrides;
  private final URI settingsUrl;
  private final Duration timeout;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private volatile Settings settings;
  private volatile List<String> problems = List.of();
  private Instant fetchedAt;

  ServerThresholds(SettingsSchema schema, Map<String, String> overrides, URI server, Duration timeout, Clock clock) {
    this.schema = schema;
    this.overrides = Map.copyOf(overrides);
    this.settingsUrl = URI.create(server.toString() + "/api/v1/settings/" + LocalThresholds.section(schema));
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    this.settings =
        new Settings(LocalThresholds.section(schema), 0, LocalThresholds.merge(schema, Map.of(), this.overrides));
  }

  @Override
  public Settings current() {
    return settings;
  }

  @Override
  public synchronized void refresh() {
    try {
      Fetched fetched = fetch();
      settings = new Settings(
          LocalThresholds.section(schema), fetched.version(), LocalThresholds.merge(schema, fetched.values(), overrides));
      fetchedAt = clock.instant();
      if (!problems.isEmpty()) {
        LOG.info("Thresholds from {} are reachable again", settingsUrl);
      }
      problems = List.of();
    } catch (FetchFailure e) {
      String fallback = fetchedAt == null ? "the defaults" : "the values fetched at " + fetchedAt;
      List<String> now = List.of("thresholds from " + settingsUrl + ": " + e.getMessage() + "; using " + fallback);
      if (!now.equals(problems)) {
        LOG.warn("{}", now.get(0));
      }
      problems = now;
    }
  }

  @Override
  public String origin() {
    return settingsUrl.toString();
  }

  @Override
  public List<String> problems() {
    return problems;
  }

  private record Fetched(long version, Map<String, String> values) {}

  private Fetched fetch() throws FetchFailure {
    HttpRequest request =
        HttpRequest.newBuilder(settingsUrl).timeout(timeout).header("Accept", "application/json").GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new FetchFailure("timed out after " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      throw new FetchFailure("connection refused");
    } catch (IOException e) {
      throw new FetchFailure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailure("interrupted");
    }
    if (response.statusCode() != 200) {
      throw new FetchFailure("answered HTTP " + response.statusCode());
    }
    return parse(response.body());
  }

  private Fetched parse(String body) throws FetchFailure {
    JsonNode root;
    try {
      root = json.readTree(body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body);
    } catch (IOException e) {
      throw new FetchFailure("answered with invalid JSON");
    }
    JsonNode values = root == null ? null : root.get("values");
    if (values == null || !values.isObject()) {
      throw new FetchFailure("answered without a \"values\" object");
    }
    Map<String, SettingDescriptor> declared = new LinkedHashMap<>();
    if (schema != null) {
      schema.settings().forEach(d -> declared.put(d.key(), d));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      SettingDescriptor d = declared.get(e.getKey());
      if (d == null) {
        continue; // a setting a newer server knows: not ours to judge with
      }
      try {
        out.put(e.getKey(), ThresholdInputs.normalise(d, e.getValue().asText()));
      } catch (IllegalArgumentException bad) {
        throw new FetchFailure(e.getKey() + " " + bad.getMessage());
      }
    }
    return new Fetched(root.path("version").asLong(0), out);
  }

  /** Why one fetch failed, as a short phrase for {@code /status}. */
  private static final class FetchFailure extends Exception {
    private static final long serialVersionUID = 1L;

    FetchFailure(String message) {
      super(message);
    }
  }
}
