package dev.berth.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the pages: no redirects followed, so tests see the 303s. It sends no
 * credentials, or the ones {@link #as} or {@link #withToken} give it on every request.
 */
final class WebHttp {
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final int port;
  private final String base;
  private final Map<String, String> always;

  WebHttp(int port) {
    this(port, Map.of());
  }

  private WebHttp(int port, Map<String, String> always) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
    this.always = always;
  }

  /** The same client sending HTTP Basic credentials. */
  WebHttp as(String user, String password) {
    String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new WebHttp(port, Map.of("Authorization", "Basic " + basic));
  }

  /** The same client sending an API token. */
  WebHttp withToken(String token) {
    return new WebHttp(port, Map.of("Authorization", "Bearer " + token));
  }

  /** The same client sending a session cookie (and nothing else). */
  WebHttp withCookie(String cookie) {
    return new WebHttp(port, Map.of("Cookie", cookie));
  }

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Headers of a request htmx makes. */
  static final Map<String, String> HTMX = Map.of("HX-Request", "true");

  Response get(String path) {
    return get(path, Map.of());
  }

  Response get(String path, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "text/html");
    headers.forEach(b::header);
    return send(b);
  }

  Response postForm(String path, Map<String, String> form, Map<String, String> headers) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b);
  }

  /**
   * Signs in with the form as a browser does: loads {@code /login} for its pre-session CSRF cookie
   * and field, then posts {@code form} with both.
   */
  Response signIn(Map<String, String> form, Map<String, String> headers) {
    Response page = get("/login", headers);
    java.util.regex.Matcher cookie = java.util.regex.Pattern.compile("berth_csrf=([^;,]+)")
        .matcher(String.valueOf(page.header("Set-Cookie")));
    java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(page.body());
    if (!cookie.find() || !field.find()) {
      throw new AssertionError("the sign-in page gave no CSRF cookie and field: " + page);
    }
    Map<String, String> fields = new LinkedHashMap<>(form);
    fields.put("_csrf", field.group(1));
    Map<String, String> withCookie = new LinkedHashMap<>(headers);
    withCookie.put("Cookie", "berth_csrf=" + cookie.group(1));
    return postForm("/login", fields, withCookie);
  }

  Response postJson(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response putJson(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Response patch(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A multipart/form-data upload of one file field, as a browser sends it. */
  Response upload(String path, String field, String fileName, byte[] content) {
    String boundary = "----berth" + System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
          + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
  }

  Response send(HttpRequest.Builder request) {
    always.forEach(request::setHeader);
    try {
      HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
      return new Response(r.statusCode(), headers, r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Submits through the JSON API and returns the id. */
  String submit(String json) {
    Response r = postJson("/api/v1/jobs", json);
    if (r.status() != 201) {
      throw new AssertionError("submit: " + r.status() + " " + r.body());
    }
    int at = r.body().indexOf("\"id\":\"");
    return r.body().substring(at + 6, r.body().indexOf('"', at + 6));
  }
}
