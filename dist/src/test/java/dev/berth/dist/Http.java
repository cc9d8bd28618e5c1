package dev.berth.dist;

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
 * A small JSON client over real HTTP against a running Berth; it sends the credentials it was
 * given (by default none) on every request.
 */
final class Http {
  /** The first administrator's password the tests set, as the Helm chart does, with BERTH_ADMIN_PASSWORD. */
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final String base;
  private final String authorization;

  Http(int port) {
    this(port, null);
  }

  private Http(int port, String authorization) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
    this.authorization = authorization;
  }

  /** A client for the same server sending HTTP Basic credentials. */
  Http as(String user, String password) {
    return new Http(port, "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** A client for the same server signed in as the administrator the tests create. */
  Http asAdmin() {
    return as("admin", ADMIN_PASSWORD);
  }

  /** A client for the same server sending an API token. */
  Http withToken(String token) {
    return new Http(port, "Bearer " + token);
  }

  record Response(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  /** The server's port, for a client with other credentials (or none). */
  int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}, for a request this class has no method for. */
  String base() {
    return base;
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Response post(String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response postJson(String path, String body) {
    return post(path, "application/json", body);
  }

  Response putJson(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response patchJson(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  Response send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.setHeader("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The job as the API shows it now. */
  JsonNode job(String id) {
    Response r = get("/api/v1/jobs/" + id);
    if (r.status() != 200) {
      throw new AssertionError("GET job " + id + ": " + r.status() + " " + r.body());
    }
    return r.json();
  }

  String submit(String json) {
    Response r = postJson("/api/v1/jobs", json);
    if (r.status() != 201) {
      throw new AssertionError("submit: " + r.status() + " " + r.body());
    }
    return r.json().get("id").asText();
  }
}
