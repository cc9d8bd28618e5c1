package dev.berth.probe.cluster;

import dev.berth.plugin.support.CappedBody;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Fetches monitors' {@code /status} over HTTP, all at once: each request within the timeout, a
 * failed one retried after a doubling backoff, as long as another try can still finish before the
 * sample's deadline. Network failures and 5xx answers are retried; a 4xx answer is not, since
 * asking again gets the same.
 */
final class MonitorPoller implements AutoCloseable {
  // A status is a few KiB even with eight GPUs.
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final Duration timeout;
  private final int retries;
  private final Duration backoff;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "berth-cluster-http");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient http;

  MonitorPoller(Duration timeout, int retries, Duration backoff) {
    this.timeout = timeout;
    this.retries = retries;
    this.backoff = backoff;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /**
   * Completes with the status JSON, or exceptionally with a {@link Failure} whose message says what
   * happened ("timed out after 5 s", "refused the connection") and how many attempts were made.
   *
   * @param deadlineNanos {@link System#nanoTime()} by which the sample must be done
   */
  CompletableFuture<String> fetch(URI url, long deadlineNanos) {
    return attempt(url, 1, deadlineNanos);
  }

  private CompletableFuture<String> attempt(URI url, int number, long deadlineNanos) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json").GET().build();
    return http.sendAsync(request, CappedBody.handler(MAX_BODY_BYTES))
        .handle((response, error) -> {
          if (error == null && response.statusCode() == 200) {
            return CompletableFuture.completedFuture(response.body());
          }
          String why = error != null ? describe(error) : "answered HTTP " + response.statusCode();
          boolean retryable = error != null || response.statusCode() >= 500;
          long pause = backoff.toMillis() << Math.min(number - 1, 16);
          long nextEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) + timeout.toNanos();
          if (!retryable || number > retries || nextEnds - deadlineNanos > 0) {
            return CompletableFuture.<String>failedFuture(new Failure(why, number));
          }
          return CompletableFuture
              .supplyAsync(() -> null, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, executor))
              .thenCompose(ignored -> attempt(url, number + 1, deadlineNanos));
        })
        .thenCompose(Function.identity());
  }

  private String describe(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
      return "timed out after " + seconds(timeout);
    }
    if (e instanceof ConnectException) {
      return e.getCause() instanceof UnresolvedAddressException ? "could not be found (unknown host)"
          : "refused the connection";
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

  /** Why a monitor gave no status, after how many attempts. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    Failure(String message, int attempts) {
      super(message, null, false, false);
      this.attempts = attempts;
    }

    int attempts() {
      return attempts;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
