package dev.berth.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Collects a child process's stdout line by line on a background thread, so a test can wait for
 * lines with a deadline. Only lines ended by a newline count: a process killed mid-line left a
 * fragment, not a line.
 */
final class ChildOutput {
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  ChildOutput(InputStream stdout) {
    this.reader = new Thread(() -> readLines(stdout), "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next complete line, or null when none came within {@code wait}. */
  String nextLine(Duration wait) throws InterruptedException {
    return lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Waits for the end of the stream (the child is gone), then returns every line not yet taken. */
  List<String> remainingLines(Duration wait) throws InterruptedException {
    reader.join(wait.toMillis());
    if (reader.isAlive()) {
      throw new AssertionError("the child's stdout did not end within " + wait);
    }
    List<String> rest = new ArrayList<>();
    lines.drainTo(rest);
    return rest;
  }

  private void readLines(InputStream stdout) {
    try (Reader in = new InputStreamReader(stdout, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          lines.add(line.toString());
          line.setLength(0);
        } else {
          line.append((char) c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
