package dev.berth.core.cli.client;

import java.util.ArrayList;
import java.util.List;

/** Turns an error answer (problem+json, or anything a proxy sends) into one line and an exit code. */
final class ProblemMessage {
  private ProblemMessage() {}

  static CliFailure failure(String server, int status, String contentType, String body) {
    String detail = null;
    List<String> fields = new ArrayList<>();
    if (contentType.contains("json")) {
      try {
        Node problem = JsonText.parse(body);
        detail = problem.path("detail").asText(null);
        for (Node e : problem.path("errors")) {
          fields.add(e.path("field").asText() + ": " + e.path("message").asText());
        }
      } catch (IllegalArgumentException e) {
        // not JSON after all: the status alone is reported
      }
    }
    int code = ExitCodes.forStatus(status);
    String line = switch (status) {
      case 401 -> "the server at " + server + " did not accept your credentials (the token expired or was revoked"
          + (detail == null ? "" : ": " + detail) + "); run berth login";
      case 400, 413, 415, 422 -> "invalid request: " + (fields.isEmpty() ? orStatus(detail, status) : String.join("; ", fields));
      case 403 -> "forbidden: " + orStatus(detail, status);
      default -> orStatus(detail, status);
    };
    return new CliFailure(code, line);
  }

  private static String orStatus(String detail, int status) {
    return detail == null || detail.isBlank() ? "the server answered HTTP " + status : detail;
  }
}
