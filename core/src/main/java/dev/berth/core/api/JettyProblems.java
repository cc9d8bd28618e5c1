package dev.berth.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.auth.ApiRequests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before any Berth handler runs (a URI or headers too large, a path
 * that is ambiguous or badly encoded), answered as problem+json like every other API error: on an
 * API path, and wherever the client did not ask for HTML (a request line refused as too long has
 * no path to go by). A browser asking for a page gets Jetty's short HTML page, without a stack
 * trace.
 */
final class JettyProblems extends ErrorHandler {
  private final ObjectMapper json;

  JettyProblems(ObjectMapper json) {
    this.json = json;
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    String path = path(request);
    SecurityHeaders.HEADERS.forEach(response.getHeaders()::put);
    if (!asProblem(request, path)) {
      super.generateResponse(request, response, code, message, cause, callback);
      return;
    }
    String title = HttpStatus.getMessage(code);
    String detail = message == null || message.isBlank() ? title : message;
    byte[] body = json.writeValueAsBytes(new Problem("about:blank", title, code, detail, path, List.of()));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static boolean asProblem(Request request, String path) {
    if (path != null && ApiRequests.isApi(request.getMethod(), path)) {
      return true;
    }
    String accept = request.getHeaders() == null ? null : request.getHeaders().get(HttpHeader.ACCEPT);
    return accept == null || !accept.contains("text/html");
  }

  private static String path(Request request) {
    try {
      String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
      return path == null || path.isEmpty() ? null : path;
    } catch (RuntimeException unparsable) {
      return null;
    }
  }
}
