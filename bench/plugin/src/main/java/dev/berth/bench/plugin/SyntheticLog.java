package dev.berth.bench.plugin;

import dev.berth.api.LogChunk;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Serves a virtual run's log. The whole text is known when the run starts (it comes from the
 * parameters), so nothing is written to disk and a restarted executor serves the same bytes.
 */
final class SyntheticLog {
  private SyntheticLog() {}

  /**
   * Up to {@code maxBytes} bytes of {@code text} from {@code offset}, never splitting a UTF-8
   * character; finished when the run has ended and nothing is left.
   */
  static LogChunk read(String text, long offset, int maxBytes, boolean runFinished) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int from = (int) Math.min(Math.max(offset, 0), bytes.length);
    int to = (int) Math.min((long) from + Math.max(maxBytes, 0), bytes.length);
    // Back off to the start of a character: continuation bytes are 10xxxxxx.
    while (to > from && to < bytes.length && (bytes[to] & 0xC0) == 0x80) {
      to--;
    }
    String part = new String(Arrays.copyOfRange(bytes, from, to), StandardCharsets.UTF_8);
    return new LogChunk(part, to, runFinished && to >= bytes.length);
  }

  /** The last {@code lines} lines of {@code text}. */
  static String tail(String text, int lines) {
    if (lines <= 0 || text.isEmpty()) {
      return "";
    }
    List<String> all = text.lines().toList();
    List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
    return String.join("\n", last) + "\n";
  }
}
