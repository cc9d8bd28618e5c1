package dev.berth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a job's {@code waitingReasons}, each {@code {code, message}}, the way the tests check them. */
final class WaitingReasons {
  private WaitingReasons() {}

  /** Whether one of the job's reasons has this code and a message containing {@code fragment}. */
  static boolean has(JsonNode job, String code, String fragment) {
    for (JsonNode r : job.path("waitingReasons")) {
      if (r.path("code").asText().equals(code) && r.path("message").asText().contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  /** The codes, in order. */
  static List<String> codes(JsonNode job) {
    List<String> out = new ArrayList<>();
    job.path("waitingReasons").forEach(r -> out.add(r.path("code").asText()));
    return out;
  }

  /** The messages of the reasons with this code, in order. */
  static List<String> messages(JsonNode job, String code) {
    List<String> out = new ArrayList<>();
    job.path("waitingReasons").forEach(r -> {
      if (r.path("code").asText().equals(code)) {
        out.add(r.path("message").asText());
      }
    });
    return out;
  }
}
