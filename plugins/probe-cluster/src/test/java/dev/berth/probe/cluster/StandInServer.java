package dev.berth.probe.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port for what a Berth monitor never does: answer with an error
 * status, with nonsense, with the reference design's bare JSON, or not at all. Counts requests.
 */
final class StandInServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String body = "{}";
  private volatile int status = 200;
  private volatile boolean hang;

  StandInServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try (exchange) {
        requests.incrementAndGet();
        if (hang) {
          released.await(60, TimeUnit.SECONDS);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(executor);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/status");
  }

  StandInServer answer(int newStatus, String newBody) {
    this.status = newStatus;
    this.body = newBody;
    return this;
  }

  StandInServer hang() {
    this.hang = true;
    return this;
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
