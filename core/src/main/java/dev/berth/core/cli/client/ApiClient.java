package dev.berth.core.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The REST API over HTTP: one request per call, answers as {@link Node} trees, and every failure
 * turned into a one-line {@link CliFailure} with its exit code. Nothing here retries.
 *
 * <p>It uses {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: the latter
 * sets up TLS and a selector thread when it is built, a few hundred milliseconds that a command
 * typed all day should not pay (docs/performance.md).
 */
public final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String server;
  private final String authorization;
  private final ResponseTrace trace;

  /** @param authorization the {@code Authorization} header, or null */
  public ApiClient(String server, String authorization, ResponseTrace trace) {
    this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.authorization = authorization;
    this.trace = trace;
  }

  public String server() {
    return server;
  }

  /** An answer with a 2xx status. */
  public record Answer(int status, String body) {}

  public Node getJson(String path) {
    return parse(send("GET", path, null, REQUEST_TIMEOUT));
  }

  /** A GET the server may hold open up to {@code holdSeconds} (long poll). */
  public Node getJsonHeld(String path, int holdSeconds) {
    return parse(send("GET", path, null, REQUEST_TIMEOUT.plusSeconds(holdSeconds)));
  }

  public String getText(String path) {
    return send("GET", path, null, REQUEST_TIMEOUT).body();
  }

  public Answer post(String path, Node body) {
    return send("POST", path, body, REQUEST_TIMEOUT);
  }

  public Node postJson(String path, Node body) {
    return parse(post(path, body));
  }

  public void delete(String path) {
    send("DELETE", path, null, REQUEST_TIMEOUT);
  }

  private Node parse(Answer a) {
    try {
      return JsonText.parse(a.body());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.SERVER_ERROR, server + " answered with something that is not JSON; is it a Berth server?");
    }
  }

  private Answer send(String method, String path, Node body, Duration timeout) {
    HttpURLConnection c = open(path);
    try {
      c.setRequestMethod(method);
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) timeout.toMillis());
      c.setInstanceFollowRedirects(false);
      c.setRequestProperty("Accept", "application/json");
      if (authorization != null) {
        c.setRequestProperty("Authorization", authorization);
      }
      if (body != null || method.equals("POST")) {
        byte[] bytes = (body == null ? "" : body.toString()).getBytes(StandardCharsets.UTF_8);
        // Not in streaming mode: there HttpURLConnection gives no body with a 401, and the body
        // carries the server's reason.
        c.setDoOutput(true);
        if (body != null) {
          c.setRequestProperty("Content-Type", "application/json");
        }
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      String contentType = c.getContentType() == null ? "" : c.getContentType();
      String text = read(status >= 400 ? c.getErrorStream() : c.getInputStream());
      trace.record(method, path, status, contentType, text);
      if (status >= 200 && status < 300) {
        return new Answer(status, text);
      }
      throw ProblemMessage.failure(server, status, contentType, text);
    } catch (SocketTimeoutException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE, "the Berth server at " + server + " did not answer in time ("
          + e.getMessage() + ")");
    } catch (ConnectException e) {
      throw unreachable("connection refused");
    } catch (UnknownHostException e) {
      throw unreachable("unknown host " + e.getMessage());
    } catch (IOException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } finally {
      c.disconnect();
    }
  }

  private HttpURLConnection open(String path) {
    try {
      URI uri = URI.create(server + path);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new IllegalArgumentException("not http");
      }
      return (HttpURLConnection) uri.toURL().openConnection();
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw new CliFailure(ExitCodes.USAGE, "'" + server + "' is not a server URL (like http://localhost:8081)");
    } catch (IOException e) {
      throw unreachable(e.getMessage());
    }
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private CliFailure unreachable(String why) {
    return new CliFailure(ExitCodes.UNREACHABLE, "cannot reach the Berth server at " + server + " (" + why
        + "); is it running? Set another with --server or BERTH_SERVER");
  }
}
