package dev.berth.executor.local;

import static dev.berth.executor.local.LocalExecutorHarness.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    harness = new LocalExecutorHarness(dataDir, TestTemplates.config(2));
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
}
