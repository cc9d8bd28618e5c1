package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server while jobs are queued and one runs: no acknowledged job is lost,
 * and after the restart the running one is re-adopted (or failed with a reason), never stuck.
 */
class CrashRecoveryTest {
  private static final Duration T = Duration.ofSeconds(60);
  @TempDir Path tmp;

  @Test
  void killNineLosesNoAcknowledgedJobAndReadoptsTheRunningOne() throws Exception {
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, InProcessBerth.config(tmp.resolve("none/nvidia-smi")));
    Path data = tmp.resolve("data");
    Path log = tmp.resolve("berth.log");
    int port = BerthProcess.freePort();

    List<String> acknowledged = new ArrayList<>();
    String running;
    try (BerthProcess first = BerthProcess.serve(config, data, port, log)) {
      running = first.http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"6\"}}");
      acknowledged.add(running);
      Await.until("the first job to run", T, () -> first.http.job(running), j -> j.get("state").asText().equals("RUNNING"));
      for (int i = 0; i < 20; i++) {
        acknowledged.add(first.http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"0\"}}"));
      }
      first.kill9();
    }

    try (BerthProcess second = BerthProcess.serve(config, data, port, log)) {
      for (String id : acknowledged) {
        assertThat(second.http.get("/api/v1/jobs/" + id).status()).as("job %s survived", id).isEqualTo(200);
      }
      JsonNode readopted = second.http.job(running);
      assertThat(readopted.get("state").asText()).as("the running job is re-adopted, not lost").isIn("RUNNING", "COMPLETED");
      for (String id : acknowledged) {
        JsonNode j = Await.until("job " + id + " to end", T, () -> second.http.job(id),
            x -> List.of("COMPLETED", "FAILED", "CANCELLED").contains(x.get("state").asText()));
        assertThat(j.get("state").asText()).as("job %s: %s", id, j).isEqualTo("COMPLETED");
      }
      assertThat(second.http.get("/api/v1/jobs/" + running + "/logs").body()).contains("step 6").contains("done");
    }
  }

  @Test
  void aJobWhoseProcessDiedWhileBerthWasDownIsFailedWithAReason() throws Exception {
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, InProcessBerth.config(tmp.resolve("none/nvidia-smi")));
    Path data = tmp.resolve("data");
    Path log = tmp.resolve("berth.log");
    int port = BerthProcess.freePort();

    String id;
    try (BerthProcess first = BerthProcess.serve(config, data, port, log)) {
      id = first.http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"120\"}}");
      Await.until("running", T, () -> first.http.job(id), j -> j.get("state").asText().equals("RUNNING"));
      first.kill9();
    }
    // The machine "reboots": the job's whole process group dies without writing an exit code.
    killJobProcesses(id);

    try (BerthProcess second = BerthProcess.serve(config, data, port, log)) {
      JsonNode j = Await.until("the lost job to fail", T, () -> second.http.job(id), x -> x.get("state").asText().equals("FAILED"));
      assertThat(j.get("message").asText()).isNotBlank();
    }
  }

  private static void killJobProcesses(String jobId) throws Exception {
    // The demo job's processes carry BERTH_JOB_ID in their environment; find them through /proc.
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String env = new String(Files.readAllBytes(p.resolve("environ")));
          if (env.contains("BERTH_JOB_ID=" + jobId + "\0") && env.contains("BERTH_USER=alice\0")) {
            ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(ProcessHandle::destroyForcibly);
          }
        } catch (java.io.IOException e) {
          // gone or not ours
        }
      }
    }
  }
}
