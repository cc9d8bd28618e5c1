package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import dev.berth.api.ResourceProbe;
import dev.berth.api.ResourceSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ResourceProbe} must do. An implementation's test extends this class and says how
 * to build the probe twice: configured normally against its (faked) boundary, and configured so
 * that the boundary fails (a missing command, an unreachable API).
 *
 * <pre>{@code
 * class MyProbeTest extends ResourceProbeContract {
 *   protected ResourceProbe createProbe(Clock clock, Path workDir) { ... }
 *   protected ResourceProbe createFailingProbe(Clock clock, Path workDir) { ... }
 * }
 * }</pre>
 *
 * Probes that are {@link AutoCloseable} are closed after each test.
 */
public abstract class ResourceProbeContract {

  /** The clock the probe must take {@code takenAt} from; tests move it between samples. */
  protected final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));

  /** A fresh directory per test, for the probe's data dir and any fakes of its boundary. */
  @TempDir protected Path workDir;

  private final List<ResourceProbe> created = new ArrayList<>();

  /** A probe configured as in production, against a boundary that answers normally. */
  protected abstract ResourceProbe createProbe(Clock clock, Path workDir);

  /** A probe whose boundary fails: the tool is missing, the API unreachable, or the like. */
  protected abstract ResourceProbe createFailingProbe(Clock clock, Path workDir);

  @AfterEach
  void closeProbes() throws Exception {
    for (ResourceProbe probe : created) {
      if (probe instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Test
  void sampleIsTakenAtTheContextClocksTime() {
    ResourceSnapshot snapshot = healthy().sample();

    assertThat(snapshot.takenAt()).isEqualTo(clock.instant());
  }

  @Test
  void sampleListsAtLeastOneNamedNode() {
    ResourceSnapshot snapshot = healthy().sample();

    assertThat(snapshot.nodes()).isNotEmpty();
    assertThat(snapshot.nodes()).allSatisfy(node -> assertThat(node.name()).isNotBlank());
  }

  @Test
  void healthyBoundaryGivesNoErrors() {
    ResourceSnapshot snapshot = healthy().sample();

    assertThat(snapshot.errors()).isEmpty();
    assertThat(snapshot.nodes()).allSatisfy(node -> assertThat(node.errors()).isEmpty());
  }

  @Test
  void repeatedSamplesFollowTheClockAndStayInRange() {
    ResourceProbe probe = healthy();
    ResourceSnapshot first = probe.sample();
    Instant later = clock.advance(Duration.ofSeconds(5));
    ResourceSnapshot second = probe.sample();

    assertThat(second.takenAt()).isEqualTo(later);
    assertInRange(first);
    assertInRange(second);
  }

  @Test
  void gpuIndexesAreUniqueWithinANode() {
    ResourceSnapshot snapshot = healthy().sample();

    for (NodeResources node : snapshot.nodes()) {
      assertThat(node.gpus()).extracting(GpuResources::index).doesNotHaveDuplicates();
    }
  }

  @Test
  void failingBoundaryIsReportedNotThrown() {
    ResourceProbe probe = failing();
    AtomicReference<ResourceSnapshot> result = new AtomicReference<>();

    assertThatCode(() -> result.set(probe.sample())).doesNotThrowAnyException();

    ResourceSnapshot snapshot = result.get();
    assertThat(snapshot).isNotNull();
    assertThat(snapshot.takenAt()).isEqualTo(clock.instant());
    List<String> allErrors = new ArrayList<>(snapshot.errors());
    snapshot.nodes().forEach(node -> allErrors.addAll(node.errors()));
    assertThat(allErrors).as("errors saying what failed").isNotEmpty().allSatisfy(e -> assertThat(e).isNotBlank());
    assertThat(snapshot.nodes()).allSatisfy(node -> assertThat(node.name()).isNotBlank());
    assertInRange(snapshot);
  }

  @Test
  void failingBoundaryKeepsFailingQuietlyOnLaterSamples() {
    ResourceProbe probe = failing();
    probe.sample();
    clock.advance(Duration.ofSeconds(5));

    assertThatCode(probe::sample).doesNotThrowAnyException();
  }

  private ResourceProbe healthy() {
    return track(createProbe(clock, workDir));
  }

  private ResourceProbe failing() {
    return track(createFailingProbe(clock, workDir));
  }

  private ResourceProbe track(ResourceProbe probe) {
    assertThat(probe).as("the probe the subclass built").isNotNull();
    created.add(probe);
    return probe;
  }

  private static void assertInRange(ResourceSnapshot snapshot) {
    for (NodeResources node : snapshot.nodes()) {
      assertPercent(node.name() + " CPU", node.cpuPercent());
      assertPercent(node.name() + " memory", node.memoryPercent());
      for (GpuResources gpu : node.gpus()) {
        String label = node.name() + " GPU " + gpu.index();
        assertPercent(label + " utilization", gpu.utilizationPercent());
        if (gpu.memoryUsedMiB() != null) {
          assertThat(gpu.memoryUsedMiB()).as(label + " memory used").isNotNegative();
        }
        if (gpu.memoryTotalMiB() != null) {
          assertThat(gpu.memoryTotalMiB()).as(label + " memory total").isNotNegative();
        }
        if (gpu.powerWatts() != null) {
          assertThat(gpu.powerWatts()).as(label + " power").isNotNegative();
        }
      }
    }
  }

  private static void assertPercent(String label, Double value) {
    if (value != null) {
      assertThat(value).as(label).isBetween(0.0, 100.0);
    }
  }
}
