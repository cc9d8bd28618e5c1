package dev.berth.plugin.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as UTF-8 text, but never more than a limit: a URL that points at something
 * other than the expected service must not fill the server's memory.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<String> {
  private final int maxBytes;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<String> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private CappedBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  public static HttpResponse.BodyHandler<String> handler(int maxBytes) {
    return info -> new CappedBody(maxBytes);
  }

  @Override
  public CompletionStage<String> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : items) {
      if (out.size() + buffer.remaining() > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(maxBytes));
        return;
      }
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      out.write(bytes, 0, bytes.length);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(out.toString(StandardCharsets.UTF_8));
  }

  /** The body passed the limit. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int maxBytes) {
      super("sent more than " + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : (maxBytes >> 10) + " KiB"));
    }
  }
}
