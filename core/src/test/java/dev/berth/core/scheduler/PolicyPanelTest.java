package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.AvailabilityVerdict;
import dev.berth.api.GpuResources;
import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeResources;
import dev.berth.api.NodeVerdict;
import dev.berth.api.ResourceSnapshot;
import dev.berth.core.host.Provided;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The panel fails closed: whatever a policy did not judge is blocked, naming the plugin. */
class PolicyPanelTest {
  private static final ResourceSnapshot SNAPSHOT = new ResourceSnapshot(Instant.EPOCH, List.of(
      node("a", 0, 1), node("b", 0)), List.of());

  @Test
  void everythingJudgedAndUnobjectedIsEligible() {
    Map<String, NodeVerdict> v = panel("all-clear", PolicyPanelTest::allClear).judge(SNAPSHOT);

    assertThat(v.values()).allSatisfy(n -> {
      assertThat(n.hostEligible()).isTrue();
      assertThat(n.gpus()).allMatch(GpuVerdict::eligible);
    });
  }

  @Test
  void aPolicyThatThrowsBlocksEveryHostNamingItsPlugin() {
    Map<String, NodeVerdict> v = panel("crashy", s -> {
      throw new IllegalStateException("boom");
    }).judge(SNAPSHOT);

    assertThat(v.values()).allSatisfy(n ->
        assertThat(n.hostReasons()).singleElement().asString().contains("policy 'crashy' failed").contains("boom"));
  }

  @Test
  void aNullVerdictBlocks() {
    Map<String, NodeVerdict> v = panel("silent", s -> null).judge(SNAPSHOT);

    assertThat(v.values()).allSatisfy(n ->
        assertThat(n.hostReasons()).containsExactly("policy 'silent' gave no verdict"));
  }

  @Test
  void aNodeLeftOutIsBlocked() {
    Map<String, NodeVerdict> v = panel("half", s -> new AvailabilityVerdict(
        List.of(new NodeVerdict("a", List.of(), List.of(new GpuVerdict(0, List.of()), new GpuVerdict(1, List.of()))))))
        .judge(SNAPSHOT);

    assertThat(v.get("a").hostEligible()).isTrue();
    assertThat(v.get("b").hostReasons()).containsExactly("policy 'half' gave no verdict for node b");
  }

  @Test
  void aGpuLeftOutIsBlockedWhileTheOthersStayEligible() {
    Map<String, NodeVerdict> v = panel("one-eyed", s -> new AvailabilityVerdict(List.of(
        new NodeVerdict("a", List.of(), List.of(new GpuVerdict(0, List.of()))),
        new NodeVerdict("b", List.of(), List.of(new GpuVerdict(0, List.of())))))).judge(SNAPSHOT);

    assertThat(v.get("a").gpus()).extracting(GpuVerdict::index, GpuVerdict::reasons).containsExactly(
        org.assertj.core.groups.Tuple.tuple(0, List.of()),
        org.assertj.core.groups.Tuple.tuple(1, List.of("policy 'one-eyed' gave no verdict for GPU 1")));
    assertThat(v.get("b").gpus()).allMatch(GpuVerdict::eligible);
  }

  @Test
  void aVerdictForAnUnknownNodeOrGpuIsIgnoredAndCannotStandInForAMissingOne() {
    Map<String, NodeVerdict> v = panel("confused", s -> new AvailabilityVerdict(List.of(
        new NodeVerdict("a", List.of(), List.of(new GpuVerdict(0, List.of()), new GpuVerdict(7, List.of()))),
        new NodeVerdict("zzz", List.of(), List.of())))).judge(SNAPSHOT);

    assertThat(v.get("a").gpus().get(1).reasons()).containsExactly("policy 'confused' gave no verdict for GPU 1");
    assertThat(v.get("b").hostReasons()).containsExactly("policy 'confused' gave no verdict for node b");
    assertThat(v).containsOnlyKeys("a", "b");
  }

  @Test
  void oneBrokenPolicyBlocksEvenWhenAnotherPassesEverything() {
    PolicyPanel panel = new PolicyPanel(List.of(
        new Provided<AvailabilityPolicy>("all-clear", PolicyPanelTest::allClear),
        new Provided<AvailabilityPolicy>("crashy", s -> {
          throw new IllegalStateException("boom");
        })));

    assertThat(panel.judge(SNAPSHOT).values()).noneMatch(NodeVerdict::hostEligible);
  }

  @Test
  void gpusNumberedOutOfOrderKeepTheProbesOrderAndEachPolicysReasonsOnce() {
    ResourceSnapshot odd = new ResourceSnapshot(Instant.EPOCH, List.of(node("c", 3, 1, 3)), List.of());
    AvailabilityPolicy hot = s -> new AvailabilityVerdict(List.of(new NodeVerdict("c", List.of(),
        List.of(new GpuVerdict(1, List.of()), new GpuVerdict(3, List.of("GPU 3 utilization 93 % ≥ 80 %")),
            new GpuVerdict(3, List.of("ignored: the first verdict of an index counts"))))));
    AvailabilityPolicy alsoHot = s -> new AvailabilityVerdict(List.of(new NodeVerdict("c", List.of(),
        List.of(new GpuVerdict(3, List.of("GPU 3 utilization 93 % ≥ 80 %", "GPU 3 memory 9000 MiB used"))))));
    PolicyPanel panel = new PolicyPanel(List.of(new Provided<>("hot", hot), new Provided<>("also-hot", alsoHot)));

    assertThat(panel.judge(odd).get("c").gpus()).extracting(GpuVerdict::index, GpuVerdict::reasons).containsExactly(
        org.assertj.core.groups.Tuple.tuple(3, List.of("GPU 3 utilization 93 % ≥ 80 %", "GPU 3 memory 9000 MiB used")),
        org.assertj.core.groups.Tuple.tuple(1, List.of("policy 'also-hot' gave no verdict for GPU 1")));
  }

  private static PolicyPanel panel(String id, AvailabilityPolicy policy) {
    return new PolicyPanel(List.of(new Provided<>(id, policy)));
  }

  static AvailabilityVerdict allClear(ResourceSnapshot s) {
    return new AvailabilityVerdict(s.nodes().stream()
        .map(n -> new NodeVerdict(n.name(), List.of(),
            n.gpus().stream().map(g -> new GpuVerdict(g.index(), List.of())).toList()))
        .toList());
  }

  private static NodeResources node(String name, int... gpus) {
    return new NodeResources(name, 1.0, 10.0, java.util.Arrays.stream(gpus)
        .mapToObj(i -> new GpuResources(i, "GPU-" + i, "Test GPU", 0L, 10240L, 0.0, 20.0)).toList(), List.of());
  }
}
