package dev.berth.bench.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's live heap: {@code jcmd <pid> GC.run} (a full collection), then the used size from
 * {@code jcmd <pid> GC.heap_info}. Unlike the resident set, which follows how far the collector
 * chose to grow the heap, this only grows when something keeps objects alive: the figure that
 * tells a leak from a heap that is merely larger.
 */
public final class HeapAfterGc {
  private static final Pattern USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private HeapAfterGc() {}

  /** The used heap in MiB right after a full collection. */
  public static double usedMiB(long pid) throws IOException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    // G1 prints one heap line; the serial and parallel collectors one per generation: add them up.
    Matcher m = USED.matcher(info);
    long usedKiB = 0;
    boolean found = false;
    while (m.find()) {
      usedKiB += Long.parseLong(m.group(2));
      found = true;
    }
    if (!found) {
      throw new IOException("jcmd GC.heap_info printed no 'used' figure: " + info);
    }
    return usedKiB / 1024.0;
  }

  private static String jcmd(long pid, String command) throws IOException {
    Commands.Result r = Commands.run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), command), 120);
    if (r.exitCode() != 0) {
      throw new IOException("jcmd " + command + " failed: " + r.output());
    }
    return r.output();
  }
}
