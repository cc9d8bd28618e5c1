package dev.berth.executor.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OS user that jobs run as ({@code executor.local.runAs}), and the {@code setpriv} prefix that
 * switches to it. Only the job's command runs under it: the wrapper that opens the log and writes the
 * exit code stays Berth's, so a job can write its log through the inherited descriptor but cannot
 * open Berth's files, other jobs' logs, or forge its own exit code file.
 *
 * @param home from the passwd entry; becomes the job's {@code HOME}
 */
record RunAsUser(String name, int uid, int gid, Path home) {

  private static final long PROBE_SECONDS = 10;

  /** The arguments that run what follows them as this user, with its groups and no others. */
  List<String> commandPrefix() {
    return List.of(
        "setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--");
  }

  /**
   * Looks {@code name} up and checks, by switching to it once, that Berth can start jobs as it and
   * that it can enter {@code workRoot}: a wrong setup fails the start, not every job.
   *
   * @throws IllegalArgumentException naming {@code key} and what is wrong
   */
  static RunAsUser resolve(String key, String name, Path workRoot) {
    String entry = run(key, List.of("getent", "passwd", name));
    String[] fields = entry == null ? new String[0] : entry.strip().split(":", -1);
    if (fields.length < 7) {
      throw new IllegalArgumentException(
          "config " + key + ": no OS user '" + name + "' on this machine (create it with useradd)");
    }
    RunAsUser user;
    try {
      user =
          new RunAsUser(
              fields[0], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), Path.of(fields[5]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("config " + key + ": unreadable passwd entry for " + name);
    }
    if (user.uid() == 0) {
      throw new IllegalArgumentException(
          "config " + key + " must name an unprivileged user; '" + name + "' is root");
    }
    List<String> probe = new ArrayList<>(user.commandPrefix());
    probe.addAll(List.of("true"));
    if (run(key, probe) == null) {
      throw new IllegalArgumentException(
          "config "
              + key
              + ": Berth cannot start processes as '"
              + name
              + "'; it must run as root (or with CAP_SETUID and CAP_SETGID) and have setpriv"
              + " (util-linux)");
    }
    List<String> enter = new ArrayList<>(user.commandPrefix());
    enter.addAll(List.of("test", "-x", workRoot.toString()));
    if (run(key, enter) == null) {
      throw new IllegalArgumentException(
          "config "
              + key
              + ": user '"
              + name
              + "' cannot enter the work root "
              + workRoot
              + "; set executor.local.workRoot to a directory outside Berth's data directory"
              + " (which only Berth may enter), such as /srv/berth-work");
    }
    return user;
  }

  /** The command's output, or null when it failed. */
  private static String run(String key, List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "config " + key + ": cannot run " + command.get(0) + " to check the user: " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + key, e);
    }
  }
}
