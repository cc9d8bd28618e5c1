package dev.berth.executor.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A second OS user for the run-as tests, made with useradd when the tests may. */
final class JobUsers {
  private JobUsers() {}

  /**
   * Makes sure {@code name} exists, or skips the calling test saying why it cannot: switching users
   * needs root, and making one needs useradd.
   */
  static void assumeSecondUser(String name) throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "the run-as tests need root, to start jobs as another user; this JVM runs as "
            + System.getProperty("user.name"));
    if (run("getent", "passwd", name) == 0) {
      return;
    }
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/useradd")),
        "the run-as tests need useradd (package passwd) to make the user " + name);
    int created =
        run("/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
            "--shell", "/usr/sbin/nologin", name);
    assumeTrue(created == 0 || run("getent", "passwd", name) == 0,
        "useradd could not make the user " + name + " (exit " + created + ")");
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
