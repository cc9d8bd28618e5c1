package dev.berth.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A stand-in {@code /proc} for the probe ({@code procRoot}): a host at about 22 % CPU and 35 %
 * memory, whatever this machine is busy with, so that tests on a loaded CI machine still see an
 * eligible host. {@link #tick()} advances the CPU counters as time passing would.
 */
final class FakeProc {
  private static final long BUSY_PER_TICK = 22;
  private static final long IDLE_PER_TICK = 78;
  private final Path root;
  private long busy = 1_000;
  private long idle = 10_000;

  private FakeProc(Path root) {
    this.root = root;
  }

  static FakeProc install(Path root) {
    FakeProc proc = new FakeProc(root);
    try {
      Files.createDirectories(root);
      Files.writeString(root.resolve("meminfo"), "MemTotal:       16384000 kB\nMemFree:         9000000 kB\nMemAvailable:   10649600 kB\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    proc.tick();
    return proc;
  }

  Path root() {
    return root;
  }

  /** One more interval: 22 busy and 78 idle ticks, written atomically. */
  synchronized void tick() {
    busy += BUSY_PER_TICK;
    idle += IDLE_PER_TICK;
    String stat = "cpu  " + busy + " 0 0 " + idle + " 0 0 0 0 0 0\n"
        + "cpu0 " + busy / 2 + " 0 0 " + idle / 2 + " 0 0 0 0 0 0\n"
        + "cpu1 " + busy / 2 + " 0 0 " + idle / 2 + " 0 0 0 0 0 0\n";
    try {
      Path part = Files.writeString(root.resolve("stat.part"), stat);
      Files.move(part, root.resolve("stat"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
