package dev.berth.bench.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver that accepts every connection and never answers, for the benchmarks that show
 * a dead notification channel costs scheduling nothing. {@link #configure} points the {@code
 * webhook} listener at it for every event.
 */
public final class DeadWebhook implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  public DeadWebhook() {
    try {
      socket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          held.add(socket.accept());
        }
      } catch (IOException closed) {
        // closed with the benchmark
      }
    }, "dead-webhook");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Connections it accepted (and never answered). */
  public int connections() {
    return held.size();
  }

  /** Adds the webhook listener, pointed here, with a secret file under {@code dir}. */
  public ServerConfig configure(ServerConfig config, Path dir) {
    Path secret = dir.resolve("dead-webhook-secret");
    try {
      Files.createDirectories(dir);
      Files.writeString(secret, "bench-secret");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config.set("extensions.listeners", List.of("webhook"))
        .set("notify.webhook.timeoutMillis", 120_000)
        .set("notify.webhook.endpoints", List.of(Map.of(
            "name", "dead",
            "url", "http://127.0.0.1:" + socket.getLocalPort() + "/hook",
            "secretFile", secret.toString(),
            "events", List.of("start", "end", "failed", "timed_out", "cancelled"))));
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
