package dev.berth.core.cli.client;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams a job's log until the job ends, through the server's long poll ({@code GET
 * /api/v1/jobs/{id}/logs/chunk?wait=…}): one request stays open until there is output or the job
 * ends. An answer that brings nothing is never followed by another within a second, so even a
 * server that does not hold requests is asked at most once a second.
 */
final class JobFollower {
  private static final int HOLD_SECONDS = 25;
  private static final Duration MIN_GAP = Duration.ofSeconds(1);

  private final ApiClient api;
  private final ClientContext ctx;

  JobFollower(ApiClient api, ClientContext ctx) {
    this.api = api;
    this.ctx = ctx;
  }

  /**
   * Prints the log (only its last {@code tail} lines of what is already there when {@code tail} >
   * 0) and then what follows, until the job ends.
   *
   * @return the exit code that stands for how the job ended
   */
  int follow(String id, int tail) {
    PrintStream out = ctx.out();
    long offset = 0;
    Deque<String> backlog = tail > 0 ? new ArrayDeque<>() : null;
    StringBuilder partial = new StringBuilder();
    while (true) {
      Instant asked = ctx.clock().instant();
      int hold = backlog != null ? 0 : HOLD_SECONDS;
      Node chunk = api.getJsonHeld("/api/v1/jobs/" + id + "/logs/chunk?offset=" + offset + "&wait=" + hold, hold);
      String text = chunk.path("text").asText("");
      offset = chunk.path("nextOffset").asLong(offset);
      boolean finished = chunk.path("finished").asBoolean();
      if (backlog != null) {
        if (!text.isEmpty()) {
          keepLast(backlog, partial, text, tail);
          continue;
        }
        // Caught up with what was written before: show its tail, then stream.
        backlog.forEach(out::println);
        out.print(partial);
        backlog = null;
      } else {
        out.print(text);
      }
      out.flush();
      if (finished) {
        return ExitStatus.of(chunk);
      }
      if (text.isEmpty()) {
        pause(asked);
      }
    }
  }

  private static void keepLast(Deque<String> lines, StringBuilder partial, String text, int tail) {
    partial.append(text);
    int nl;
    while ((nl = partial.indexOf("\n")) >= 0) {
      lines.addLast(partial.substring(0, nl));
      partial.delete(0, nl + 1);
      if (lines.size() > tail) {
        lines.removeFirst();
      }
    }
  }

  private void pause(Instant asked) {
    Duration left = MIN_GAP.minus(Duration.between(asked, ctx.clock().instant()));
    if (left.isNegative() || left.isZero()) {
      return;
    }
    try {
      Thread.sleep(left.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.ERROR, "interrupted");
    }
  }
}
