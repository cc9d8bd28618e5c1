package dev.berth.bench.load;

import java.util.Map;

/**
 * What a load run measured, over its measurement window only (warm-up excluded).
 *
 * @param completed answers received in the window
 * @param sent requests answered in all, the warm-up's included
 * @param ok answers with a 2xx status
 * @param errors requests that got no answer (connection refused or reset, timeout)
 * @param seconds the window's length: from its start to the last answer
 * @param statuses answers per status code
 * @param firstError the first error's description, or null
 */
public record LoadResult(long completed, long sent, long ok, long errors, double seconds, LatencyStats latency,
    Map<Integer, Long> statuses, String firstError) {

  /** Answers per second, 2xx or not. */
  public double rate() {
    return seconds <= 0 ? 0 : completed / seconds;
  }

  /** 2xx answers per second. */
  public double okRate() {
    return seconds <= 0 ? 0 : ok / seconds;
  }

  /** Whether every answer was a 2xx and nothing failed. */
  public boolean clean() {
    return errors == 0 && ok == completed && completed > 0;
  }

  /** A short line for error messages. */
  public String summary() {
    return completed + " answers (" + ok + " 2xx), " + errors + " errors, statuses " + statuses
        + (firstError == null ? "" : ", first error: " + firstError);
  }
}
