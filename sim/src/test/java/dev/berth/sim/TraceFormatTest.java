package dev.berth.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The trace formats and the cluster shapes, read from the small traces under src/test/resources. */
class TraceFormatTest {

  @Test
  void readsTiresiasInSubmissionOrder() {
    Trace t = TraceFormat.TIRESIAS.read(resource("tiny-tiresias.csv"));
    assertThat(t.jobs()).extracting(TraceJob::id).containsExactly("0", "1", "2", "3");
    assertThat(t.jobs().get(2)).isEqualTo(new TraceJob(4, "2", null, 4, 45, 300, null));
  }

  @Test
  void namesTheLineOfAMalformedRow() {
    assertThatThrownBy(() -> TraceFormat.TIRESIAS.read(resource("malformed-tiresias.csv")))
        .isInstanceOf(BadInputException.class)
        .hasMessageEndingWith("malformed-tiresias.csv:3: num_gpu is 'two', not a number");
  }

  @Test
  void readsOpenbWithSharedGpusWholeAndSaysWhatItLeftOut() {
    Trace t = TraceFormat.OPENB.read(resource("tiny-openb.csv"));
    assertThat(t.jobs()).extracting(TraceJob::id).containsExactly("pod-a", "pod-b", "pod-d");
    assertThat(t.jobs().get(1)).isEqualTo(new TraceJob(3, "pod-b", null, 1, 10, 380, null));
    assertThat(t.jobs().get(2).gpus()).isEqualTo(8);
    assertThat(t.notes()).containsExactly(
        "1 pods asking for a share of one GPU (gpu_milli < 1000) each take a whole GPU",
        "1 pods without a GPU left out", "1 pods never scheduled or never deleted left out");
  }

  @Test
  void readsBerthsOwnExport() {
    Trace t = TraceFormat.BERTH.read(resource("tiny-berth.jsonl"));
    assertThat(t.jobs()).containsExactly(new TraceJob(1, "j-1", "ann", 1, 0, 300, 600),
        new TraceJob(2, "j-2", "bob", 2, 60, 120, 120));
    assertThat(t.notes()).containsExactly("1 jobs without a GPU left out", "1 jobs that never ran left out");
  }

  @Test
  void refusesAnUnknownFormat() {
    assertThatThrownBy(() -> TraceFormat.parse("slurm")).isInstanceOf(BadInputException.class)
        .hasMessage("unknown trace format 'slurm'; formats: tiresias, openb, berth");
  }

  @Test
  void readsClusterShapesAndNodeLists() {
    assertThat(Cluster.parse("16x8").totalGpus()).isEqualTo(128);
    Cluster file = Cluster.parse(resource("two-nodes.txt").toString());
    assertThat(file.nodes()).containsExactly(new Cluster.Node("gpu-a", 4), new Cluster.Node("gpu-b", 2));
    assertThat(file.largestNode()).isEqualTo(4);
  }

  @Test
  void refusesImpossibleClusters() {
    assertThatThrownBy(() -> Cluster.parse("0x4")).isInstanceOf(BadInputException.class)
        .hasMessage("cluster '0x4' is impossible: nodes and GPUs per node must be 1 to 100000");
    assertThatThrownBy(() -> Cluster.parse("abc")).isInstanceOf(BadInputException.class)
        .hasMessage("cluster 'abc' is neither NODESxGPUS (such as 1x4) nor a node list file");
  }

  @Test
  void zipfUsersAreSeededAndSkewed() {
    ZipfUsers a = new ZipfUsers(10, 7);
    ZipfUsers b = new ZipfUsers(10, 7);
    int first = 0;
    for (int i = 0; i < 1000; i++) {
      String u = a.next();
      assertThat(b.next()).isEqualTo(u);
      first += u.equals("user01") ? 1 : 0;
    }
    assertThat(first).isBetween(280, 410); // 1/H(10) = 34 % of the draws
  }

  static Path resource(String name) {
    try {
      return Path.of(TraceFormatTest.class.getResource("/traces/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
