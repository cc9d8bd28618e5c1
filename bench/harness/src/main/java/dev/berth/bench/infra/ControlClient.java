package dev.berth.bench.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain JSON client for setting a benchmark up and checking its outcome (never for the measured
 * load, which {@link dev.berth.bench.load.HttpLoad} sends). Sends the configured credentials.
 */
public final class ControlClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Auth auth;

  public ControlClient(int port, Auth auth) {
    this.base = "http://127.0.0.1:" + port;
    this.auth = auth;
  }

  /** An answer: status and body. */
  public record Response(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response postJson(String path, String body) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * A POST without a body. Sent as JSON, as a script would: a body-less POST of no content type
   * looks like a browser form to a server that checks CSRF tokens.
   */
  public Response post(String path) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Response putJson(String path, String body) {
    return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Submits a job and returns its id; fails on anything but 201. */
  public String submit(String json) {
    Response r = postJson("/api/v1/jobs", json);
    if (r.status() != 201) {
      throw new IllegalStateException("submit answered " + r.status() + ": " + r.body());
    }
    return r.json().get("id").asText();
  }

  /** Sets {@code scheduler.maxRunningJobs}. */
  public void setMaxRunningJobs(int max) {
    Response r = putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": " + max + "}");
    if (r.status() != 200) {
      throw new IllegalStateException("setting maxRunningJobs answered " + r.status() + ": " + r.body());
    }
  }

  /** The queue: running and queued counts. */
  public record QueueCounts(int running, long queued) {
    public boolean empty() {
      return running == 0 && queued == 0;
    }
  }

  public QueueCounts queue() {
    Response r = get("/api/v1/queue?limit=1");
    if (r.status() != 200) {
      throw new IllegalStateException("queue answered " + r.status() + ": " + r.body());
    }
    JsonNode q = r.json();
    return new QueueCounts(q.get("running").size(), q.get("queuedTotal").asLong());
  }

  public void cancel(String id) {
    Response r = post("/api/v1/jobs/" + id + "/cancel");
    if (r.status() != 200 && r.status() != 202) {
      throw new IllegalStateException("cancel of job " + id + " answered " + r.status() + ": " + r.body());
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (auth.present()) {
      b.header("Authorization", auth.header());
    }
    return b;
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
