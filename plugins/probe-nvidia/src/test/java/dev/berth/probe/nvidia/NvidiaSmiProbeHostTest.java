package dev.berth.probe.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.NodeResources;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host half of the probe: CPU and memory from a fake /proc and a fake cgroup directory. */
class NvidiaSmiProbeHostTest {

  private static final String TWO_CPUS = "200000 100000\n";
  private static final long GIB = 1L << 30;

  @TempDir Path dir;
  private ProbeFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ProbeFixture(dir);
  }

  @Test
  void firstSampleOverUnchangedCountersHasNoCpuFigure() {
    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.cpuPercent()).isNull();
    assertThat(node.errors()).isEmpty();
  }

  @Test
  void cpuIsTheBusyShareOfTicksSinceThePreviousSample() {
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();
    fixture.proc("stat", "stat-after.txt");

    NodeResources node = fixture.sampleNode(probe);

    // 1600 ticks passed, 400 of them idle or iowait; the guest ticks that moved do not count.
    assertThat(node.cpuPercent()).isEqualTo(75.0);
  }

  @Test
  void memoryIsTheShareNotAvailable() {
    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.memoryPercent()).isEqualTo(75.0);
  }

  @Test
  void oldKernelsWithoutMemAvailableUseFreeBuffersAndCached() {
    fixture.proc("meminfo", "meminfo-without-available.txt");

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.memoryPercent()).isEqualTo(50.0);
  }

  @Test
  void unreadableProcFilesAreErrorsAndGpusAreStillReported() {
    fixture.with("procRoot", dir.resolve("no-proc").toString());

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.cpuPercent()).isNull();
    assertThat(node.memoryPercent()).isNull();
    assertThat(node.gpus()).hasSize(1);
    assertThat(node.errors())
        .containsExactly(
            "host CPU: cannot read " + dir.resolve("no-proc/stat") + ": no such file",
            "host memory: cannot read " + dir.resolve("no-proc/meminfo") + ": no such file");
  }

  @Test
  void garbledStatIsAnErrorNotAnException() {
    fixture.procText("stat", "intr 1 2 3\n");

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors())
        .containsExactly("host CPU: " + fixture.procRoot.resolve("stat") + " does not start with the aggregate cpu line");
  }

  @Test
  void firstSampleOnTheRealProcMeasuresCpuWithoutAnEarlierCall() {
    fixture.with("procRoot", "/proc").with("useCgroup", false);

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.errors()).isEmpty();
    assertThat(node.cpuPercent()).isNotNull().isBetween(0.0, 100.0);
    assertThat(node.memoryPercent()).isNotNull().isBetween(0.0, 100.0);
  }

  @Test
  void cpuQuotaMakesCpuTheCgroupsUsageAgainstItsQuota() {
    fixture.cgroup("cpu.max", TWO_CPUS);
    fixture.cgroup("cpu.stat", cpuStat(5_000_000));
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();

    fixture.cgroup("cpu.stat", cpuStat(6_000_000));
    fixture.advance(Duration.ofSeconds(1));
    NodeResources node = fixture.sampleNode(probe);

    // One CPU-second used in one second, of two CPUs allowed.
    assertThat(node.cpuPercent()).isEqualTo(50.0);
  }

  @Test
  void cgroupCpuNeedsTimeToPass() {
    fixture.cgroup("cpu.max", TWO_CPUS);
    fixture.cgroup("cpu.stat", cpuStat(5_000_000));
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();
    fixture.cgroup("cpu.stat", cpuStat(6_000_000));

    NodeResources node = fixture.sampleNode(probe);

    assertThat(node.cpuPercent()).isNull();
    assertThat(node.errors()).isEmpty();
  }

  @Test
  void unlimitedCpuQuotaMeansHostCpu() {
    fixture.cgroup("cpu.max", "max 100000\n");
    fixture.cgroup("cpu.stat", cpuStat(5_000_000));
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();
    fixture.proc("stat", "stat-after.txt");
    fixture.advance(Duration.ofSeconds(1));

    assertThat(fixture.sampleNode(probe).cpuPercent()).isEqualTo(75.0);
  }

  @Test
  void memoryLimitMakesMemoryTheCgroupsShareOfIt() {
    fixture.cgroup("memory.max", Long.toString(4 * GIB) + "\n");
    fixture.cgroup("memory.current", Long.toString(GIB) + "\n");

    assertThat(fixture.sampleNode(fixture.probe()).memoryPercent()).isEqualTo(25.0);
  }

  @Test
  void unlimitedMemoryFallsBackToProc() {
    fixture.cgroup("memory.max", "max\n");
    fixture.cgroup("memory.current", Long.toString(GIB) + "\n");

    assertThat(fixture.sampleNode(fixture.probe()).memoryPercent()).isEqualTo(75.0);
  }

  @Test
  void cgroupDisabledIgnoresLimits() {
    fixture.with("useCgroup", "false");
    fixture.cgroup("cpu.max", TWO_CPUS);
    fixture.cgroup("cpu.stat", cpuStat(5_000_000));
    fixture.cgroup("memory.max", Long.toString(4 * GIB));
    fixture.cgroup("memory.current", Long.toString(GIB));
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();
    fixture.proc("stat", "stat-after.txt");

    NodeResources node = fixture.sampleNode(probe);

    assertThat(node.cpuPercent()).isEqualTo(75.0);
    assertThat(node.memoryPercent()).isEqualTo(75.0);
  }

  @Test
  void cgroupForcedWithoutQuotaCountsEveryCpu() {
    fixture.with("useCgroup", true);
    fixture.cgroup("cpu.max", "max 100000\n");
    fixture.cgroup("cpu.stat", cpuStat(5_000_000));
    fixture.cgroup("memory.max", "max\n");
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();

    fixture.cgroup("cpu.stat", cpuStat(7_000_000));
    fixture.advance(Duration.ofSeconds(1));
    NodeResources node = fixture.sampleNode(probe);

    // Two CPU-seconds in one second, of the four CPUs /proc/stat lists.
    assertThat(node.cpuPercent()).isEqualTo(50.0);
    assertThat(node.memoryPercent()).isEqualTo(75.0);
  }

  @Test
  void cgroupForcedButAbsentIsAnError() {
    fixture.with("useCgroup", "true");

    NodeResources node = fixture.sampleNode(fixture.probe());

    assertThat(node.cpuPercent()).isNull();
    assertThat(node.memoryPercent()).isNull();
    assertThat(node.errors())
        .containsExactly(
            "host CPU: cannot read " + fixture.cgroupRoot.resolve("cpu.max") + ": no such file",
            "host memory: cannot read " + fixture.cgroupRoot.resolve("memory.max") + ": no such file");
  }

  @Test
  void usageOverTheQuotaIsCappedAtAHundred() {
    fixture.cgroup("cpu.max", "50000 100000\n");
    fixture.cgroup("cpu.stat", cpuStat(0));
    NvidiaSmiProbe probe = fixture.probe();
    probe.sample();

    fixture.cgroup("cpu.stat", cpuStat(2_000_000));
    fixture.advance(Duration.ofSeconds(1));

    assertThat(fixture.sampleNode(probe).cpuPercent()).isEqualTo(100.0);
  }

  private static String cpuStat(long usageMicros) {
    return "usage_usec " + usageMicros + "\nuser_usec " + (usageMicros * 3 / 4) + "\nsystem_usec "
        + (usageMicros / 4) + "\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n";
  }
}
