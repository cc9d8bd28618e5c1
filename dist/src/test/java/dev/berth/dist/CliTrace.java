package dev.berth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers a CLI run received, as it recorded them ({@code BERTH_CLI_TRACE}). Tests pass every
 * answer through {@link #check}: each JSON answer must parse, each error must be problem+json, and
 * each must be what the served OpenAPI document says ({@link OpenApiContract#check(Answer)}).
 */
final class CliTrace {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: the request's method and path, and what came back. */
  record Answer(String method, String path, int status, String contentType, String body) {}

  /** A rule every answer must pass. */
  interface AnswerCheck {
    void check(Answer answer);
  }

  private final Path file;

  CliTrace(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  List<Answer> answers() {
    List<Answer> out = new ArrayList<>();
    try {
      if (!Files.exists(file)) {
        return out;
      }
      for (String line : Files.readAllLines(file)) {
        JsonNode n = JSON.readTree(line);
        out.add(new Answer(n.get("method").asText(), n.get("path").asText(), n.get("status").asInt(),
            n.get("contentType").asText(), n.get("body").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Runs {@code check} on every answer recorded so far. */
  void check(AnswerCheck check) {
    answers().forEach(check::check);
  }

  /** Every JSON answer parses, and every error is problem+json with a detail. */
  static void wellFormed(Answer a) {
    try {
      if (a.status() >= 400) {
        if (!a.contentType().startsWith("application/problem+json")) {
          throw new AssertionError(a.method() + " " + a.path() + " answered " + a.status() + " as " + a.contentType());
        }
        if (!JSON.readTree(a.body()).hasNonNull("detail")) {
          throw new AssertionError(a.method() + " " + a.path() + " answered a problem without detail: " + a.body());
        }
      } else if (a.contentType().contains("json")) {
        JSON.readTree(a.body());
      }
    } catch (IOException e) {
      throw new AssertionError(a.method() + " " + a.path() + " answered invalid JSON: " + a.body(), e);
    }
  }
}
