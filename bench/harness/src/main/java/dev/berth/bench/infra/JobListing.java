package dev.berth.bench.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every job a server holds, read page by page from {@code GET /api/v1/jobs}. */
public final class JobListing {
  private JobListing() {}

  /** A job's state and times as the store recorded them. */
  public record JobTimes(String id, String state, Instant submittedAt, Instant finishedAt) {}

  public static List<JobTimes> all(ControlClient c) {
    List<JobTimes> out = new ArrayList<>();
    String cursor = null;
    do {
      String path = "/api/v1/jobs?limit=1000&order=oldest"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      ControlClient.Response r = c.get(path);
      if (r.status() != 200) {
        throw new IllegalStateException("listing jobs answered " + r.status() + ": " + r.body());
      }
      JsonNode page = r.json();
      for (JsonNode j : page.get("jobs")) {
        out.add(new JobTimes(j.get("id").asText(), j.get("state").asText(), instant(j.get("submittedAt")),
            instant(j.get("finishedAt"))));
      }
      JsonNode next = page.get("next");
      cursor = next == null || next.isNull() ? null : next.asText();
    } while (cursor != null);
    return out;
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.asText());
  }
}
