package dev.berth.probe.nvidia;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The host-wide CPU and memory figures of {@code /proc} (or a copy of it, for tests). */
final class ProcFiles {

  private static final int CPU_FIELDS = 8;
  private static final int IDLE = 3;
  private static final int IOWAIT = 4;

  private final Path stat;
  private final Path meminfo;

  ProcFiles(Path procRoot) {
    this.stat = procRoot.resolve("stat");
    this.meminfo = procRoot.resolve("meminfo");
  }

  ProcCpuSample cpuSample() throws ProbeFailure {
    String first = FileText.read(stat).lines().findFirst().orElse("");
    String[] fields = first.trim().split("\\s+");
    if (!fields[0].equals("cpu") || fields.length < 1 + IOWAIT + 1) {
      throw new ProbeFailure(stat + " does not start with the aggregate cpu line");
    }
    long total = 0;
    long idle = 0;
    for (int i = 0; i < CPU_FIELDS && i + 1 < fields.length; i++) {
      long ticks = FileText.parseLong(fields[i + 1], stat);
      total += ticks;
      if (i == IDLE || i == IOWAIT) {
        idle += ticks;
      }
    }
    return new ProcCpuSample(idle, total);
  }

  /** The CPUs the kernel lists ({@code cpuN} lines of /proc/stat). */
  int cpuCount() throws ProbeFailure {
    long count =
        FileText.read(stat).lines().filter(line -> line.matches("cpu\\d+\\s.*")).count();
    if (count == 0) {
      throw new ProbeFailure(stat + " lists no cpuN lines");
    }
    return (int) count;
  }

  /**
   * 1 − MemAvailable ÷ MemTotal. Kernels before 3.14 lack MemAvailable; there the classic estimate
   * MemFree + Buffers + Cached stands in.
   */
  double memoryPercent() throws ProbeFailure {
    Map<String, Long> kib = new HashMap<>();
    for (String line : FileText.read(meminfo).lines().toList()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String[] value = line.substring(colon + 1).trim().split("\\s+");
        try {
          kib.put(line.substring(0, colon).trim(), Long.parseLong(value[0]));
        } catch (NumberFormatException e) {
          // Not a figure we use; the ones we need are checked below.
        }
      }
    }
    Long total = kib.get("MemTotal");
    if (total == null || total <= 0) {
      throw new ProbeFailure(meminfo + " has no MemTotal");
    }
    Long available = kib.get("MemAvailable");
    if (available == null) {
      if (!kib.containsKey("MemFree")) {
        throw new ProbeFailure(meminfo + " has neither MemAvailable nor MemFree");
      }
      available = kib.get("MemFree") + kib.getOrDefault("Buffers", 0L) + kib.getOrDefault("Cached", 0L);
    }
    return Percent.of(total - Math.min(total, available), total);
  }
}
