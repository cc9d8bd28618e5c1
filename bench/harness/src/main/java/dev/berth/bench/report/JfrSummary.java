package dev.berth.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a flight recording's {@code jdk.ExecutionSample} events, as {@code jfr print --events
 * jdk.ExecutionSample} would be read by hand: which threads were on the CPU, which methods were at
 * the top of the stack (self time), and which Berth methods were anywhere on it (inclusive time).
 * Threads waiting in native code (an fsync, a fork, a socket read) show in {@code
 * jdk.NativeMethodSample} instead: its top Java frames are summarised too.
 */
public final class JfrSummary {
  private JfrSummary() {}

  /** Sections "threads", "self", "berth inclusive", each the top {@code limit} rows (percent, frame). */
  public static Map<String, Object> summarize(Path recording, int limit) throws IOException {
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> natives = new HashMap<>();
    int samples = 0;
    int nativeSamples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent e = file.readEvent();
        String type = e.getEventType().getName();
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        if (type.equals("jdk.NativeMethodSample")) {
          nativeSamples++;
          natives.merge(nativeCaller(stack.getFrames()), 1, Integer::sum);
          continue;
        }
        if (!type.equals("jdk.ExecutionSample")) {
          continue;
        }
        samples++;
        RecordedThread thread = e.getThread("sampledThread");
        threads.merge(threadGroup(thread == null ? "?" : thread.getJavaName()), 1, Integer::sum);
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (n.startsWith("dev.berth.") && seen.add(n)) {
            inclusive.merge(n, 1, Integer::sum);
          }
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples", samples);
    out.put("threads", top(threads, samples, limit));
    out.put("self", top(self, samples, limit));
    out.put("berth inclusive", top(inclusive, samples, limit));
    out.put("native samples", nativeSamples);
    out.put("waiting in native code (native method < first Berth frame)", top(natives, nativeSamples, limit));
    return out;
  }

  /** The native method and the first Berth frame that called it, which says what was waited for. */
  private static String nativeCaller(List<RecordedFrame> frames) {
    String top = name(frames.get(0));
    for (RecordedFrame f : frames) {
      String n = name(f);
      if (n.startsWith("dev.berth.")) {
        return top + " < " + n;
      }
    }
    return top;
  }

  /** Thread names without their numbers, so Jetty's qtp…-12 and -13 count together. */
  static String threadGroup(String name) {
    return name == null ? "?" : name.replaceAll("\\d+", "N");
  }

  private static String name(RecordedFrame f) {
    RecordedMethod m = f.getMethod();
    return m == null ? "?" : m.getType().getName() + "." + m.getName();
  }

  private static List<Map<String, Object>> top(Map<String, Integer> counts, int total, int limit) {
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort((a, b) -> b.getValue() - a.getValue());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Integer> e : sorted.subList(0, Math.min(limit, sorted.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("percent", total == 0 ? 0.0 : 100.0 * e.getValue() / total);
      row.put("frame", e.getKey());
      rows.add(row);
    }
    return rows;
  }
}
