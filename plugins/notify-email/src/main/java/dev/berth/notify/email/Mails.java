package dev.berth.notify.email;

import dev.berth.api.Job;
import java.util.List;

/** What a notification mail says: a subject a person can sort by, the link, and the log's end. */
final class Mails {
  record Mail(String subject, String body) {}

  private Mails() {}

  static Mail of(String event, Job job, String publicUrl, List<String> logTail) {
    String what = switch (event) {
      case "start" -> "started";
      case "end" -> "completed";
      case "failed" -> "failed";
      case "timed_out" -> "timed out";
      case "cancelled" -> "was cancelled";
      case "idle" -> "holds an idle GPU";
      default -> event;
    };
    String subject = "Berth job " + job.id() + " (" + job.name() + ") " + what;
    StringBuilder body = new StringBuilder();
    body.append(subject);
    if (job.message() != null && !job.message().isBlank()) {
      body.append(": ").append(job.message());
    }
    body.append(".\n\n").append(publicUrl).append("/jobs/").append(job.id()).append("\n");
    if (job.placement() != null) {
      body.append("\nRan on ").append(job.placement().node());
      if (!job.placement().gpus().isEmpty()) {
        body.append(", GPUs ").append(job.placement().gpus());
      }
      body.append(".\n");
    }
    if (!logTail.isEmpty()) {
      body.append("\nLast ").append(logTail.size()).append(" log lines:\n\n");
      for (String line : logTail) {
        body.append("    ").append(line).append("\n");
      }
    }
    return new Mail(subject, body.toString());
  }
}
