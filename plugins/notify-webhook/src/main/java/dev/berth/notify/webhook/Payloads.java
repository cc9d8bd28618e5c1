package dev.berth.notify.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.Job;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bodies sent: Berth's JSON ({@code event}, {@code job}, {@code url}) or Slack's {@code text}. */
final class Payloads {
  private final ObjectMapper json = new ObjectMapper();
  private final String publicUrl;

  Payloads(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  String jobUrl(Job job) {
    return publicUrl + "/jobs/" + job.id();
  }

  byte[] body(Endpoint.Format format, String event, Job job) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (format == Endpoint.Format.SLACK) {
      body.put("text", text(event, job));
    } else {
      body.put("event", event);
      body.put("job", job(job));
      body.put("url", jobUrl(job));
    }
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

  /** One line a person reads in a chat channel. */
  String text(String event, Job job) {
    String what = switch (event) {
      case "start" -> "started";
      case "end" -> "completed";
      case "failed" -> "failed";
      case "timed_out" -> "timed out";
      case "cancelled" -> "was cancelled";
      case "idle" -> "holds an idle GPU";
      default -> event;
    };
    String detail = job.message() == null || job.message().isBlank() ? "" : ": " + job.message();
    return "Berth job " + job.id() + " (" + job.name() + ") of " + job.user() + " " + what + detail + " <" + jobUrl(job)
        + ">";
  }

  /** The job as the API's job object has it (the same field names; times as ISO-8601). */
  static Map<String, Object> job(Job job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", job.id());
    m.put("name", job.name());
    m.put("user", job.user());
    m.put("template", job.template());
    m.put("parameters", job.parameters());
    m.put("gpus", job.gpus());
    m.put("priority", job.priority());
    m.put("state", job.state().name());
    m.put("submittedAt", iso(job.submittedAt()));
    m.put("scheduledAt", iso(job.scheduledAt()));
    m.put("startedAt", iso(job.startedAt()));
    m.put("finishedAt", iso(job.finishedAt()));
    m.put("placement", job.placement() == null ? null
        : Map.of("node", job.placement().node(), "gpus", job.placement().gpus()));
    m.put("exitCode", job.exitCode());
    m.put("message", job.message());
    m.put("timeLimitSeconds", job.timeLimitSeconds());
    return m;
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
