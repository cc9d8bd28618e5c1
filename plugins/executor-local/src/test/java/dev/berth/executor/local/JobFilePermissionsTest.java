package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only Berth can open job files: the API, not the file system, serves a log to its readers. */
class JobFilePermissionsTest {
  @TempDir Path dataDir;
  private LocalExecutorHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void jobDirectoriesAre0700AndLogs0600() throws IOException {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));

    greet("1", "hi");

    Path jobs = dataDir.resolve("jobs");
    assertThat(mode(jobs)).isEqualTo("rwx------");
    assertThat(mode(jobs.resolve("1"))).isEqualTo("rwx------");
    assertThat(mode(jobs.resolve("1/output.log"))).isEqualTo("rw-------");
    assertThat(Files.readString(jobs.resolve("1/output.log"))).isEqualTo("hi\n");
  }

  @Test
  void aJobsDirectoryRemovedWhileBerthRunsComesBackPrivate() throws IOException {
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));
    greet("1", "hi");
    Path jobs = dataDir.resolve("jobs");
    try (var all = Files.walk(jobs)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    greet("2", "again");

    assertThat(mode(jobs)).isEqualTo("rwx------");
    assertThat(mode(jobs.resolve("2"))).isEqualTo("rwx------");
    assertThat(Files.readString(jobs.resolve("2/output.log"))).isEqualTo("again\n");
  }

  @Test
  void filesAnEarlierVersionLeftOpenAreClosedAtStart() throws IOException {
    Path dir = Files.createDirectories(dataDir.resolve("jobs/7"));
    Files.writeString(dir.resolve("output.log"), "old\n");
    Files.setPosixFilePermissions(dataDir.resolve("jobs"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir.resolve("output.log"), PosixFilePermissions.fromString("rw-r--r--"));

    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));

    assertThat(mode(dataDir.resolve("jobs"))).isEqualTo("rwx------");
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("output.log"))).isEqualTo("rw-------");
  }

  /** Runs the greet template as job {@code id} and waits for its end. */
  private void greet(String id, String text) {
    Job job = job(id, "greet", Map.of("text", text), List.of());
    harness.submit(job);
    harness.awaitEnd(job);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
