package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.Job;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a job finds in its environment. */
class JobEnvironmentTest {
  @TempDir Path dataDir;
  private LocalExecutorHarness harness;

  @BeforeEach
  void start() {
    Map<String, Object> config = new LinkedHashMap<>(TestTemplates.config(2));
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("JOB_GREETING", "hello world");
    environment.put("CUDA_VISIBLE_DEVICES", "0,1,2,3");
    config.put("environment", environment);
    harness = new LocalExecutorHarness(dataDir, config);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void gpuJobSeesItsGpusItsIdentityAndItsParameters() {
    Job job = job("12", "env", Map.of("data.set", "imagenet 1k"), List.of(1, 3));

    harness.submit(job);

    assertThat(harness.awaitEnd(job).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(harness.executor().readLog(job, 0, 4096).text().lines())
        .contains(
            "CUDA_VISIBLE_DEVICES=[1,3]",
            "BERTH_JOB_ID=12",
            "BERTH_USER=alice",
            "BERTH_ATTEMPT=1",
            "BERTH_PARAM_CONFIG_FILE=configs/default.py",
            "BERTH_PARAM_DATA_SET=imagenet 1k");
  }

  @Test
  void cpuOnlyJobSeesNoGpu() {
    Job job = job("1", "env", Map.of(), List.of());

    harness.submit(job);
    harness.awaitEnd(job);

    assertThat(harness.executor().readLog(job, 0, 4096).text().lines())
        .contains("CUDA_VISIBLE_DEVICES=[]", "BERTH_PARAM_DATA_SET=");
  }

  @Test
  void jobSeesOnlyTheAllowListTheConfiguredVariablesAndItsOwn() {
    Job job = job("5", "printenv", Map.of(), List.of(0));

    harness.submit(job);

    assertThat(harness.awaitEnd(job).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    List<String> names =
        harness.executor().readLog(job, 0, 1 << 16).text().lines()
            .map(line -> line.substring(0, line.indexOf('=')))
            .toList();
    // The test JVM's environment holds JAVA_HOME, MAVEN_*, and whatever CI sets: none may pass.
    assertThat(names)
        .allMatch(
            name ->
                JobEnvironment.isPassedThrough(name)
                    || name.equals("JOB_GREETING")
                    || name.equals("BERTH_JOB_ID")
                    || name.equals("BERTH_USER")
                    || name.equals("BERTH_ATTEMPT")
                    // Set by the /bin/sh wrapper to the directory the job starts in.
                    || name.equals("PWD"),
            "passed through, configured, or set for the job")
        .contains("PATH", "JOB_GREETING", "CUDA_VISIBLE_DEVICES", "BERTH_JOB_ID");
  }

  @Test
  void configuredVariablesReachTheJobButCannotWidenItsGpus() {
    Job job = job("6", "printenv", Map.of(), List.of(1));

    harness.submit(job);
    harness.awaitEnd(job);

    assertThat(harness.executor().readLog(job, 0, 1 << 16).text().lines())
        .contains("JOB_GREETING=hello world", "CUDA_VISIBLE_DEVICES=1")
        .doesNotContain("CUDA_VISIBLE_DEVICES=0,1,2,3");
  }

  @Test
  void berthsSecretsAreDroppedAndOnlyTheAllowListPasses() {
    Map<String, String> server = new LinkedHashMap<>();
    server.put("PATH", "/opt/bin:/usr/bin");
    server.put("LANG", "C.UTF-8");
    server.put("LC_ALL", "C.UTF-8");
    server.put("TZ", "Europe/Berlin");
    server.put("CUDA_HOME", "/usr/local/cuda");
    server.put("BERTH_ADMIN_PASSWORD", "s3cret");
    server.put("REDIS_PASSWORD", "r3dis");
    server.put("AWS_SECRET_ACCESS_KEY", "aws");
    server.put("JAVA_TOOL_OPTIONS", "-Dx=y");

    Map<String, String> env =
        new JobEnvironment(server, Map.of("EXTRA", "1"), Optional.empty())
            .forJob(Map.of("BERTH_JOB_ID", "9"));

    assertThat(env)
        .containsOnlyKeys("PATH", "LANG", "LC_ALL", "TZ", "CUDA_HOME", "EXTRA", "BERTH_JOB_ID")
        .containsEntry("PATH", "/opt/bin:/usr/bin");
  }

  @Test
  void aServerWithoutPathStillGivesJobsOne() {
    Map<String, String> env =
        new JobEnvironment(Map.of(), Map.of(), Optional.empty()).forJob(Map.of());

    assertThat(env).containsEntry("PATH", JobEnvironment.DEFAULT_PATH);
  }
}
