package dev.berth.core.cli.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * When {@code BERTH_CLI_TRACE} names a file, every answer the client receives is appended to it as
 * one JSON line {@code {method, path, status, contentType, body}}. The end-to-end tests read it to
 * check the answers against the API's description; users can read it to see what the CLI asked.
 */
public final class ResponseTrace {
  private final Path file;

  /** @param file null for no trace */
  public ResponseTrace(Path file) {
    this.file = file;
  }

  void record(String method, String path, int status, String contentType, String body) {
    if (file == null) {
      return;
    }
    Node line = Node.object();
    line.put("method", method);
    line.put("path", path);
    line.put("status", (long) status);
    line.put("contentType", contentType);
    line.put("body", body);
    try {
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // A trace is a debugging aid; failing to write it must not fail the command.
    }
  }
}
