package dev.berth.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a redis-server that can swallow the next reply and cut that connection,
 * as a Redis (or a network) dying after running a command but before its answer arrives does: the
 * case where a client cannot know whether its command was applied.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final AtomicBoolean cutNextReply = new AtomicBoolean();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger cuts = new AtomicInteger();

  private CuttingProxy(ServerSocket listener, int targetPort) {
    this.listener = listener;
    this.targetPort = targetPort;
  }

  static CuttingProxy start(int targetPort) {
    try {
      CuttingProxy proxy = new CuttingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
      daemon("cutting-proxy-accept", proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "redis://127.0.0.1:" + listener.getLocalPort();
  }

  /** The next reply (other than a PONG) from Redis is dropped, and its connection closed both ways. */
  void cutNextReply() {
    cutNextReply.set(true);
  }

  /** How many replies were cut. */
  int cuts() {
    return cuts.get();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket redis = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(redis);
        daemon("cutting-proxy-up", () -> pump(client, redis, false));
        daemon("cutting-proxy-down", () -> pump(redis, client, true));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean replies) {
    byte[] buffer = new byte[65536];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (replies && !isPong(buffer, n) && cutNextReply.compareAndSet(true, false)) {
          cuts.incrementAndGet();
          break;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // the other direction closed the pair
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static boolean isPong(byte[] buffer, int n) {
    return new String(buffer, 0, Math.min(n, 5), StandardCharsets.US_ASCII).equals("+PONG");
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }
}
