package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuVerdictsTest {
  private static final GpuVerdict HOT = new GpuVerdict(1, List.of("GPU 1 utilization 93 % ≥ 80 %"));

  @Test
  void verdictsNumberedInOrderAreFoundByPlace() {
    NodeVerdict node = new NodeVerdict("a", List.of(), List.of(new GpuVerdict(0, List.of()), HOT));

    assertThat(GpuVerdicts.numberedInOrder(node)).isTrue();
    assertThat(GpuVerdicts.eligible(node, 0, true)).isTrue();
    assertThat(GpuVerdicts.eligible(node, 1, true)).isFalse();
    assertThat(GpuVerdicts.find(node, 2, true)).as("no verdict past the end").isNull();
    assertThat(GpuVerdicts.find(node, -1, true)).isNull();
    assertThat(GpuVerdicts.eligible(node, 2, true)).as("no verdict is not eligible").isFalse();
  }

  @Test
  void anyOtherListIsSearchedAndTheFirstVerdictOfAnIndexCounts() {
    NodeVerdict node = new NodeVerdict("a", List.of(), List.of(HOT, new GpuVerdict(1, List.of()),
        new GpuVerdict(5, List.of())));

    assertThat(GpuVerdicts.numberedInOrder(node)).isFalse();
    assertThat(GpuVerdicts.find(node, 1, false)).isSameAs(HOT);
    assertThat(GpuVerdicts.eligible(node, 5, false)).isTrue();
    assertThat(GpuVerdicts.find(node, 0, false)).isNull();
  }
}
