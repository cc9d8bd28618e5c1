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
 *
 * <p>The server needs credentials: an API token (the {@code BERTH_TOKEN} environment variable of the
 * monitor) is sent as {@code Authorization: Bearer}, or a {@code user:password@} in the server URL
 * as HTTP Basic. The credentials never appear in the origin the monitor reports.
 */
final class ServerThresholds implements ThresholdSource {
  private static final Logger LOG = LoggerFactory.getLogger(ServerThresholds.class);
  private static final int MAX_BODY_CHARS = 1 << 20;

  private final SettingsSchema schema;
  private final Map<String, String> overrides;
  private final URI settingsUrl;
  private final Duration timeout;
  private final Clock clock;
  private final String authorization;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private volatile Settings settings;
  private volatile List<String> problems = List.of();
  private Instant fetchedAt;

  ServerThresholds(SettingsSchema schema, Map<String, String> overrides, URI server, Duration timeout, Clock clock) {
    this(schema, overrides, server, timeout, clock, null);
  }

  /** @param token an API token for the server, or null */
  ServerThresholds(SettingsSchema schema, Map<String, String> overrides, URI server, Duration timeout, Clock clock,
      String token) {
    this.schema = schema;
    this.overrides = Map.copyOf(overrides);
    String userInfo = server.getRawUserInfo();
    URI bare = server;
    if (userInfo != null) {
      bare = URI.create(server.toString().replace(userInfo + "@", ""));
    }
    if (token != null && !token.isBlank()) {
      this.authorization = "Bearer " + token.trim();
    } else if (userInfo != null) {
      String decoded = java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8);
      this.authorization = "Basic " + java.util.Base64.getEncoder()
          .encodeToString(decoded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else {
      this.authorization = null;
    }
    this.settingsUrl = URI.create(bare.toString() + "/api/v1/settings/" + LocalThresholds.section(schema));
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
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settingsUrl).timeout(timeout).header("Accept", "application/json").GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
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
    if (response.statusCode() == 401) {
      throw new FetchFailure("answered HTTP 401: set BERTH_TOKEN to an API token of a user on that server");
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
