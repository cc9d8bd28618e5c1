package dev.berth.notify.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP receiver on a free port: records each POST and answers with the next queued status. */
final class Receiver implements AutoCloseable {
  record Request(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Integer> statuses;
  private final AtomicInteger next = new AtomicInteger();
  private final HttpServer server;

  /** Answers with {@code statuses} in turn, then 200. */
  Receiver(Integer... statuses) {
    this.statuses = List.of(statuses);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
      int i = next.getAndIncrement();
      exchange.sendResponseHeaders(i < this.statuses.size() ? this.statuses.get(i) : 200, -1);
      exchange.close();
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
