package dev.berth.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The installed {@code bin/berth} run as a child process, as a user runs it: its own config
 * directory (the credentials file), a server URL, and a trace of every answer it received
 * ({@link CliTrace}). Each run has a deadline; a run that passes it fails the test.
 */
final class BerthCli {
  private final Path configDir;
  private final Map<String, String> env = new HashMap<>();
  private final CliTrace trace;

  BerthCli(Path configDir, String server) {
    this.configDir = configDir;
    this.trace = new CliTrace(configDir.resolveSibling(configDir.getFileName() + "-trace.jsonl"));
    env.put("BERTH_CONFIG_DIR", configDir.toString());
    env.put("BERTH_SERVER", server);
    env.put("BERTH_CLI_TRACE", trace.file().toString());
  }

  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  Path credentials() {
    return configDir.resolve("credentials");
  }

  CliTrace trace() {
    return trace;
  }

  BerthCli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs {@code berth args…} with {@code stdin} as its input; waits at most two minutes. */
  Result runWithInput(String stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Layout.home().resolve("bin/berth").toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd);
    b.environment().remove("BERTH_TOKEN");
    b.environment().remove("NO_COLOR");
    b.environment().putAll(env);
    try {
      Path out = Files.createTempFile(configDir.getParent(), "cli", ".out");
      Path err = Files.createTempFile(configDir.getParent(), "cli", ".err");
      Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("berth " + String.join(" ", args) + " did not end within two minutes; output:\n"
            + Files.readString(out) + Files.readString(err));
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
