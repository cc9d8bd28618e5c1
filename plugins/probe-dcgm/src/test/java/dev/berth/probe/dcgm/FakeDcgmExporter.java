package dev.berth.probe.dcgm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for dcgm-exporter at the network boundary: a real HTTP server on a loopback port that
 * serves {@code /metrics} with the page a test sets (from the fixtures), or an error, or nothing.
 */
final class FakeDcgmExporter implements AutoCloseable {
  private final HttpServer server;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile String page;
  private volatile int status = 200;
  private volatile boolean hang;

  private FakeDcgmExporter(String page) {
    this.page = page;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", exchange -> {
      try (exchange) {
        if (hang) {
          released.await(60, TimeUnit.SECONDS);
        }
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  static FakeDcgmExporter serving(String page) {
    return new FakeDcgmExporter(page);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  FakeDcgmExporter page(String newPage) {
    this.page = newPage;
    return this;
  }

  FakeDcgmExporter status(int newStatus) {
    this.status = newStatus;
    return this;
  }

  /** From now on, accepts requests but never answers them. */
  FakeDcgmExporter hang() {
    this.hang = true;
    return this;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
