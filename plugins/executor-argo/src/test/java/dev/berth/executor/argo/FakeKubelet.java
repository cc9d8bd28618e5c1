package dev.berth.executor.argo;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container logs behind {@code pods/log}, which the mock server's CRUD mode does not serve:
 * tests write what a pod's {@code main} container printed, and {@link #dispatcher} answers the log
 * requests (with {@code container} and {@code tailLines}) as the API server does, handing every
 * other request to the CRUD dispatcher.
 */
final class FakeKubelet {
  static final String CONTAINER = "main";

  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?(.*))?");

  private final Map<String, StringBuffer> logs = new ConcurrentHashMap<>();

  /** Appends {@code text} to the log of the {@code main} container of {@code pod}. */
  void print(String pod, String text) {
    logs.computeIfAbsent(pod, p -> new StringBuffer()).append(text);
  }

  /** Makes {@code pod}'s container known with an empty log, as when it has just started. */
  void started(String pod) {
    logs.computeIfAbsent(pod, p -> new StringBuffer());
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
    StringBuffer log = logs.get(pod);
    if (log == null) {
      return status(400, "container \"main\" in pod \"" + pod + "\" is waiting to start: ContainerCreating");
    }
    String text = log.toString();
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
