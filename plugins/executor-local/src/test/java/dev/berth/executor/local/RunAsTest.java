package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code executor.local.runAs}: jobs run as another OS user, which cannot open Berth's files. Needs
 * root, to switch users, and {@code useradd}, to make the user; CI runs as root on Debian.
 */
class RunAsTest {
  private static final String USER = "berth-test-job";

  @TempDir Path dataDir;
  @TempDir Path tmp;
  private LocalExecutorHarness harness;

  @BeforeAll
  static void needsASecondUser() throws Exception {
    JobUsers.assumeSecondUser(USER);
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  private Path openWorkRoot() throws IOException {
    // @TempDir is 0700; the job user must be able to enter the work root.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    return tmp.resolve("work");
  }

  private Map<String, Object> config(Path workRoot) {
    Map<String, Object> config = new LinkedHashMap<>(TestTemplates.config(2));
    config.put("runAs", USER);
    config.put("workRoot", workRoot.toString());
    return config;
  }

  @Test
  void jobRunsAsTheUserInADirectoryItOwns() throws IOException {
    Path workRoot = openWorkRoot();
    harness = new LocalExecutorHarness(dataDir, config(workRoot));
    Job whoami = job("1", "whoami", Map.of(), List.of());
    Job touch = job("2", "touch", Map.of("name", "made-here"), List.of());

    harness.submit(whoami);
    harness.submit(touch);

    assertThat(harness.awaitEnd(whoami).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(harness.executor().readLog(whoami, 0, 4096).text()).isEqualTo(USER + "\n");
    assertThat(harness.awaitEnd(touch).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    Path made = workRoot.resolve("jobs/2/made-here");
    assertThat(Files.getOwner(made).getName()).isEqualTo(USER);
    assertThat(Files.getOwner(made.getParent()).getName()).isEqualTo(USER);
  }

  @Test
  void jobCannotReadTheDatabaseNorAnyLog() throws IOException {
    Path db = dataDir.resolve("berth.db");
    Files.writeString(db, "SQLite format 3\n");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
    harness = new LocalExecutorHarness(dataDir, config(openWorkRoot()));
    Job first = job("1", "greet", Map.of("text", "private"), List.of());
    harness.submit(first);
    harness.awaitEnd(first);

    Job readDb = job("2", "read", Map.of("file", db.toString()), List.of());
    Job readLog =
        job("3", "read", Map.of("file", dataDir.resolve("jobs/1/output.log").toString()), List.of());
    harness.submit(readDb);
    harness.submit(readLog);

    for (Job job : List.of(readDb, readLog)) {
      ExecutionStatus end = harness.awaitEnd(job);
      assertThat(end.phase()).isEqualTo(ExecutionPhase.FAILED);
      assertThat(harness.executor().readLog(job, 0, 4096).text())
          .contains("Permission denied")
          .doesNotContain("SQLite", "private");
    }
  }

  @Test
  void exitCodeAndCancelWorkAcrossTheUserSwitch() throws IOException {
    harness = new LocalExecutorHarness(dataDir, config(openWorkRoot()));
    Job failing = job("1", "greet", Map.of("text", "x", "code", "3"), List.of());
    Job forever = job("2", "forever", Map.of("text", "up"), List.of());

    harness.submit(failing);
    harness.submit(forever);

    assertThat(harness.awaitEnd(failing).exitCode()).isEqualTo(3);
    harness.awaitLog(forever, "up");
    harness.executor().cancel(forever);
    assertThat(harness.awaitEnd(forever).phase()).isEqualTo(ExecutionPhase.CANCELLED);
  }

  @Test
  void aWorkRootTheUserCannotEnterFailsTheStart() {
    // The default work root lies in the data directory, which only Berth may enter.
    Map<String, Object> config = new LinkedHashMap<>(TestTemplates.config(2));
    config.put("runAs", USER);

    assertThatThrownBy(() -> new LocalExecutorHarness(dataDir, config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("local.runAs")
        .hasMessageContaining("cannot enter the work root");
  }

  @Test
  void unknownOrPrivilegedUsersFailTheStart() {
    Map<String, Object> config = new LinkedHashMap<>(TestTemplates.config(2));
    config.put("runAs", "no-such-user-here");
    assertThatThrownBy(() -> new LocalExecutorHarness(dataDir, config))
        .hasMessageContaining("no OS user 'no-such-user-here'");

    config.put("runAs", "root");
    assertThatThrownBy(() -> new LocalExecutorHarness(dataDir, config))
        .hasMessageContaining("unprivileged");
  }
}
