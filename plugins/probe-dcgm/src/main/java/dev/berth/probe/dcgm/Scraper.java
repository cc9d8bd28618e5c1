package dev.berth.probe.dcgm;

import dev.berth.plugin.support.CappedBody;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches metrics pages over HTTP, all at once, each within the timeout. Failures come back as
 * short phrases ("timed out after 5 s", "refused the connection") for the node's errors.
 */
final class Scraper implements AutoCloseable {
  private static final int MAX_BODY_BYTES = 16 << 20;

  private final Duration timeout;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "berth-dcgm-http");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http;

  Scraper(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Completes with the page's text, or exceptionally with a {@link Failure} saying why not. */
  CompletableFuture<String> fetch(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
        .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1").GET().build();
    return http.sendAsync(request, CappedBody.handler(MAX_BODY_BYTES))
        .handle((response, error) -> {
          if (error != null) {
            throw new Failure(describe(error));
          }
          if (response.statusCode() != 200) {
            throw new Failure("answered HTTP " + response.statusCode());
          }
          return response.body();
        });
  }

  /** Why a fetch failed, for a node's errors. */
  String describe(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof Failure f) {
      return f.getMessage();
    }
    if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
      return "timed out after " + seconds(timeout);
    }
    if (e instanceof ConnectException) {
      return e.getCause() instanceof java.nio.channels.UnresolvedAddressException
          ? "could not be found (unknown host)" : "refused the connection";
    }
    if (e instanceof CappedBody.TooLarge) {
      return e.getMessage();
    }
    String message = e.getMessage();
    return "failed: " + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
  }

  /** {@code 5 s} for whole seconds, else {@code 1500 ms}. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** A fetch that failed, with the phrase to show. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }
}
