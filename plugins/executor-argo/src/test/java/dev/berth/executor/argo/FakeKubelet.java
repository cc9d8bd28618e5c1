package dev.berth.executor.argo;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container logs behind {@code pods/log}, which the mock server's CRUD mode does not serve:
 * tests write what a pod's {@code main} container printed, and {@link #dispatcher} answers the log
 * requests (with {@code container}, {@code tailLines}, {@code timestamps} and {@code sinceTime})
 * as the API server does, handing every other request to the CRUD dispatcher.
 *
 * <p>Like the kubelet, it serves only the current log file: {@link #rotate} starts a new one, and
 * what was printed before is no longer served (kubelet rotation, 10 MiB × 5 files by default). Each
 * line carries the time it was printed, in RFC 3339 with nanoseconds, strictly increasing. A
 * deleted pod's log is gone: 404.
 */
final class FakeKubelet {
  static final String CONTAINER = "main";

  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?(.*))?");

  private record Line(Instant at, String text) {}

  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<String, List<Line>> logs = new ConcurrentHashMap<>();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  FakeKubelet(Clock clock) {
    this.clock = clock;
  }

  /** Appends {@code text} to the log of the {@code main} container of {@code pod}, line by line. */
  void print(String pod, String text) {
    List<Line> log = logs.computeIfAbsent(pod, p -> new CopyOnWriteArrayList<>());
    int from = 0;
    while (from < text.length()) {
      int newline = text.indexOf('\n', from);
      int end = newline < 0 ? text.length() : newline + 1;
      log.add(new Line(clock.instant().plusNanos(sequence.incrementAndGet()), text.substring(from, end)));
      from = end;
    }
  }

  /** Makes {@code pod}'s container known with an empty log, as when it has just started. */
  void started(String pod) {
    logs.computeIfAbsent(pod, p -> new CopyOnWriteArrayList<>());
  }

  /** The kubelet rotates the pod's log file: what was printed so far is no longer served. */
  void rotate(String pod) {
    logs.computeIfAbsent(pod, p -> new CopyOnWriteArrayList<>()).clear();
  }

  /** The pod was deleted: its log is gone with it. */
  void forget(String pod) {
    logs.remove(pod);
    deleted.add(pod);
  }

  Dispatcher dispatcher(Dispatcher crud) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        Matcher m = LOG_PATH.matcher(request.getPath());
        if ("GET".equals(request.getMethod()) && m.matches()) {
          return log(m.group(2), query(m.group(4)));
        }
        return crud.dispatch(request);
      }
    };
  }

  private MockResponse log(String pod, Map<String, String> query) {
    if (!CONTAINER.equals(query.get("container"))) {
      return status(400, "container " + query.get("container") + " is not valid for pod " + pod);
    }
    List<Line> log = logs.get(pod);
    if (log == null && deleted.contains(pod)) {
      return status(404, "pods \"" + pod + "\" not found");
    }
    if (log == null) {
      return status(400, "container \"main\" in pod \"" + pod + "\" is waiting to start: ContainerCreating");
    }
    Instant since = query.containsKey("sinceTime") ? Instant.parse(query.get("sinceTime")) : Instant.MIN;
    boolean stamped = "true".equals(query.get("timestamps"));
    StringBuilder out = new StringBuilder();
    for (Line line : log) {
      if (!line.at().isBefore(since)) {
        out.append(stamped ? DateTimeFormatter.ISO_INSTANT.format(line.at()) + " " : "").append(line.text());
      }
    }
    String text = out.toString();
    if (query.containsKey("tailLines")) {
      text = LogSlices.tail(text, Integer.parseInt(query.get("tailLines")));
    }
    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text);
  }

  private static MockResponse status(int code, String message) {
    String body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
            + message.replace("\"", "\\\"")
            + "\",\"reason\":\"BadRequest\",\"code\":"
            + code
            + "}";
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(key, value);
    }
    return out;
  }
}
