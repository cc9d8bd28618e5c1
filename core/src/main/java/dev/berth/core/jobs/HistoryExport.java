package dev.berth.core.jobs;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import dev.berth.core.errors.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The finished jobs submitted in a recent window, oldest first, as {@code GET /api/v1/jobs/export}
 * answers them (one JSON object a line) and {@code berth simulate --format berth} reads them: what
 * was asked (user, GPUs, time limit), when it was submitted, started and finished, and how it ended.
 */
public final class HistoryExport {
  /** The window's longest: a year. */
  static final Duration MAX_SINCE = Duration.ofDays(366);
  private static final Pattern SINCE = Pattern.compile("([0-9]{1,6})([smhdw])");
  private static final int PAGE = 1000;

  private final QueueStore store;
  private final Clock clock;

  public HistoryExport(QueueStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** {@code 30d}, {@code 12h}, {@code 2w}...; a field error for {@code since} otherwise. */
  public static Duration parseSince(String text) {
    Matcher m = SINCE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw ValidationException.of("since", "must be a number and a unit (s, m, h, d or w), such as 30d");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
    if (d.isZero() || d.compareTo(MAX_SINCE) > 0) {
      throw ValidationException.of("since", "must be above 0 and at most 366d");
    }
    return d;
  }

  /** The finished jobs submitted within {@code since} of now, oldest first. */
  public List<Job> finishedWithin(Duration since) {
    Instant from = clock.instant().minus(since);
    List<Job> newestFirst = new ArrayList<>();
    String cursor = null;
    do {
      JobPage page = store.list(new JobQuery(JobState.TERMINAL, null, PAGE, cursor, false));
      for (Job j : page.jobs()) {
        if (j.submittedAt().isBefore(from)) {
          return reversed(newestFirst);
        }
        newestFirst.add(j);
      }
      cursor = page.next();
    } while (cursor != null);
    return reversed(newestFirst);
  }

  /** One line of the export: the fields {@code simulate --format berth} reads, null where unknown. */
  public static Map<String, Object> line(Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("name", j.name());
    m.put("user", j.user());
    m.put("template", j.template());
    m.put("gpus", j.gpus());
    m.put("priority", j.priority());
    m.put("timeLimitSeconds", j.timeLimitSeconds());
    m.put("submittedAt", text(j.submittedAt()));
    m.put("startedAt", text(j.startedAt()));
    m.put("finishedAt", text(j.finishedAt()));
    m.put("state", j.state().name());
    return m;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }

  private static List<Job> reversed(List<Job> jobs) {
    java.util.Collections.reverse(jobs);
    return jobs;
  }
}
