package dev.berth.probe.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.FakeNvidiaSmi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU half of the probe, end to end through the nvidia-smi stand-in. */
class NvidiaSmiProbeGpuTest {

  @TempDir Path dir;
  private ProbeFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ProbeFixture(dir);
  }

  @Test
  void reportsEveryGpuOfAMultiGpuMachine() {
    fixture.smi.setRawOutput(Fixtures.text("nvidia-smi/four-gpus.txt"), 0);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.name()).isEqualTo(ProbeFixture.NODE);
    assertThat(node.errors()).isEmpty();
    assertThat(node.gpus())
        .containsExactly(
            new GpuResources(0, "GPU-3f2a8c1e-5b7d-4e90-a1c2-7d8e9f0a1b2c", "NVIDIA A100-SXM4-80GB", 0L, 81920L, 0.0, 61.27, 31.0, List.of("gpu_idle"), Map.of(GpuResources.SM_CLOCK_MHZ, 1410.0)),
            new GpuResources(1, "GPU-9b4c2d7e-1a3f-4c8b-9e0d-2f3a4b5c6d7e", "NVIDIA A100-SXM4-80GB", 40512L, 81920L, 93.0, 389.05, 67.0, List.of(), Map.of(GpuResources.SM_CLOCK_MHZ, 1410.0)),
            new GpuResources(2, "GPU-5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "NVIDIA A100-SXM4-80GB", 80896L, 81920L, 100.0, 412.88, 83.0, List.of("sw_thermal_slowdown"), Map.of(GpuResources.SM_CLOCK_MHZ, 1275.0)),
            new GpuResources(3, "GPU-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "NVIDIA A100-SXM4-80GB", 1024L, 81920L, 7.0, 88.40, 35.0, List.of(), Map.of(GpuResources.SM_CLOCK_MHZ, 1410.0)));
  }

  @Test
  void placeholdersBecomeUnknownMetricsNotErrors() {
    fixture.smi.setRawOutput(Fixtures.text("nvidia-smi/placeholders.txt"), 0);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors()).isEmpty();
    assertThat(node.gpus())
        .containsExactly(
            new GpuResources(0, "GPU-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "NVIDIA GeForce GTX 1050", 1207L, 2004L, null, null, 45.0, List.of("gpu_idle"), Map.of(GpuResources.SM_CLOCK_MHZ, 1354.0)),
            new GpuResources(1, "GPU-1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "Tesla K80", null, 11441L, null, 58.12, null, List.of(), Map.of()),
            new GpuResources(2, null, "Quadro P1000", 12L, null, 0.0, null, null, List.of(), Map.of(GpuResources.SM_CLOCK_MHZ, 139.0)));
  }

  @Test
  void migParentsReportMemoryWithoutUtilization() {
    fixture.smi.setRawOutput(Fixtures.text("nvidia-smi/mig-parent.txt"), 0);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors()).isEmpty();
    assertThat(node.gpus()).hasSize(2).allSatisfy(gpu -> {
      assertThat(gpu.utilizationPercent()).isNull();
      assertThat(gpu.memoryTotalMiB()).isEqualTo(81559L);
    });
    assertThat(node.gpus().get(0).memoryFreeMiB()).isEqualTo(81559L - 11125L);
  }

  @Test
  void blankLinesTrailingSpacesAndCrlfAreTolerated() {
    fixture.smi.setRawOutput(Fixtures.text("nvidia-smi/untidy.txt"), 0);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors()).isEmpty();
    assertThat(node.gpus())
        .containsExactly(
            new GpuResources(0, "GPU-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", "NVIDIA L40S", 1235L, 46068L, 9.0, 110.23, 38.0, List.of(), Map.of(GpuResources.SM_CLOCK_MHZ, 2520.0)),
            new GpuResources(1, "GPU-3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f", "NVIDIA L40S", 0L, 46068L, 0.0, 32.10, 29.0, List.of("gpu_idle"), Map.of(GpuResources.SM_CLOCK_MHZ, 210.0)));
  }

  @Test
  void aLineThatIsNotARowIsAnErrorAndTheOthersAreStillRead() {
    fixture.smi.setRawOutput(Fixtures.text("nvidia-smi/gpu-lost.txt"), 0);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.gpus()).extracting(GpuResources::index).containsExactly(0, 2);
    assertThat(node.errors())
        .singleElement()
        .asString()
        .startsWith("nvidia-smi line 2 not understood")
        .endsWith("Unable to determine the device handle for GPU 0000:0B:00.0: Unknown Error");
  }

  @Test
  void driverFailureGivesNoGpusAndTheFirstLineAsError() {
    fixture.smi.setRawOutput(Fixtures.text("nvidia-smi/driver-failure.txt"), 9);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.gpus()).isEmpty();
    assertThat(node.errors())
        .containsExactly(
            "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
                + "Make sure that the latest NVIDIA driver is installed and running.");
  }

  @Test
  void noDevicesIsReportedAsTheDriverSaysIt() {
    fixture.smi.setRawOutput(Fixtures.text("nvidia-smi/no-devices.txt"), 6);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.gpus()).isEmpty();
    assertThat(node.errors()).containsExactly("No devices were found");
  }

  @Test
  void failureOnlyOnStderrIsStillReported() {
    fixture.smi.setRawOutput("", "\n  libnvidia-ml.so.1: cannot open shared object file  \n", 12);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors()).containsExactly("libnvidia-ml.so.1: cannot open shared object file");
  }

  @Test
  void silentFailureReportsTheExitCode() {
    fixture.smi.setRawOutput("", 255);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.gpus()).isEmpty();
    assertThat(node.errors()).containsExactly("nvidia-smi exited with code 255");
  }

  @Test
  void missingBinaryIsAnErrorNotAnException() {
    Path missing = dir.resolve("nowhere/nvidia-smi");
    fixture.with("command", missing.toString());

    ResourceSnapshot snapshot = fixture.probe().sample();

    NodeResources node = snapshot.nodes().get(0);
    assertThat(node.name()).isEqualTo(ProbeFixture.NODE);
    assertThat(node.gpus()).isEmpty();
    assertThat(node.errors()).containsExactly("nvidia-smi not found: " + missing);
  }

  @Test
  void missingProgramOnPathIsNotFound() {
    fixture.with("command", "berth-test-no-such-nvidia-smi");

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors()).containsExactly("nvidia-smi not found: berth-test-no-such-nvidia-smi");
  }

  @Test
  void unrunnableBinarySaysWhy() throws IOException {
    Path notExecutable = Files.writeString(dir.resolve("nvidia-smi-noexec"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
    fixture.with("command", notExecutable.toString());

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.gpus()).isEmpty();
    assertThat(node.errors()).singleElement().asString().startsWith("nvidia-smi could not be started: ");
  }

  @Test
  void hangingNvidiaSmiIsKilledAndReportedAsTimeout() {
    fixture.smi.hang();
    fixture.with("timeoutMillis", 300);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.gpus()).isEmpty();
    assertThat(node.errors()).containsExactly("nvidia-smi timed out after 300 ms");
    assertThat(liveChildren()).as("processes the probe left running").isEmpty();
  }

  @Test
  void probeRecoversWhenTheToolAnswersAgain() {
    NvidiaSmiProbe probe = fixture.probe();
    fixture.smi.driverFailure();
    NodeResources failed = fixture.sampleNode(probe);

    fixture.smi.setGpus(FakeNvidiaSmi.idleGpu(0));
    NodeResources recovered = fixture.sampleNode(probe);

    assertThat(failed.errors()).hasSize(1);
    assertThat(recovered.errors()).isEmpty();
    assertThat(recovered.gpus()).hasSize(1);
  }

  @Test
  void gpusFollowTheToolBetweenSamples() {
    NvidiaSmiProbe probe = fixture.probe();
    fixture.smi.setGpus(FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.idleGpu(1));
    NodeResources idle = fixture.sampleNode(probe);

    fixture.smi.setGpus(FakeNvidiaSmi.gpu(0, 60000, 81559, 85.0), FakeNvidiaSmi.idleGpu(1));
    fixture.advance(Duration.ofSeconds(5));
    NodeResources busy = fixture.sampleNode(probe);

    assertThat(idle.gpus()).extracting(GpuResources::utilizationPercent).containsExactly(0.0, 0.0);
    assertThat(busy.gpus()).extracting(GpuResources::utilizationPercent).containsExactly(85.0, 0.0);
    assertThat(busy.gpus().get(0).memoryFreeMiB()).isEqualTo(21559L);
    assertThat(fixture.smi.invocations()).isEqualTo(2);
  }

  @Test
  void listCommandIsAnArgvPrefix() {
    fixture.with("command", List.of("/bin/sh", fixture.smi.command().toString()));
    fixture.smi.setGpus(FakeNvidiaSmi.gpu(0, 100, 81559, 42.0));

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors()).isEmpty();
    assertThat(node.gpus()).extracting(GpuResources::utilizationPercent).containsExactly(42.0);
  }

  @Test
  void runsLeaveNoScratchFilesBehind() throws IOException {
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();
    fixture.smi.hang();
    fixture.with("timeoutMillis", 200);
    fixture.probe().sample();

    try (Stream<Path> files = Files.list(fixture.dataDir)) {
      assertThat(files).isEmpty();
    }
  }

  private static List<ProcessHandle> liveChildren() {
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
  }
}
