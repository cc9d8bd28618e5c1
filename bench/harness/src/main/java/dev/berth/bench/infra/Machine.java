package dev.berth.bench.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The machine a run measured, and its load at any moment. */
public final class Machine {
  private Machine() {}

  /** CPU model, cores, memory, kernel, OS, Java and Redis versions. */
  public static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memoryMiB", memTotalKiB() / 1024);
    m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("os", osRelease());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("redis", Commands.outputOrNull(List.of("redis-server", "--version")));
    m.put("loadAverageAtStart", loadAverage());
    return m;
  }

  /** The 1-minute load average from {@code /proc/loadavg}, or -1 where there is none. */
  public static double loadAverage() {
    try {
      String text = Files.readString(Path.of("/proc/loadavg")).trim();
      return Double.parseDouble(text.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The resident set size of process {@code pid} in MiB, or -1 when it cannot be read. */
  public static double rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kib = line.substring(6).trim().split("\\s+")[0];
          return Long.parseLong(kib) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended, or this is no Linux.
    }
    return -1;
  }

  private static long memTotalKiB() {
    String value = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    try {
      return value == null ? -1 : Long.parseLong(value.replace("kB", "").trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String osRelease() {
    String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
    return pretty == null ? null : pretty.replace("\"", "");
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        int sep = line.indexOf(key.startsWith("PRETTY") ? '=' : ':');
        if (line.startsWith(key) && sep > 0) {
          return line.substring(sep + 1).trim();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** A one-line description for the Markdown report. */
  public static String oneLine(Map<String, Object> m) {
    return String.format(Locale.ROOT, "%s, %s cores, %s MiB, %s, %s", m.get("cpu"), m.get("cores"), m.get("memoryMiB"),
        m.get("os"), m.get("java"));
  }
}
