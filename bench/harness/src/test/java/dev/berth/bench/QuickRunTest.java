package dev.berth.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.bench.infra.BenchLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quick mode of two benchmarks end to end against the assembled layout: Berth started as a child
 * JVM with the bench plugin installed, on SQLite and on a real redis-server; the probe plugin
 * driven in-process. Checks only that they ran and wrote numbers, never how fast.
 */
class QuickRunTest {
  @TempDir Path dir;

  @Test
  void dispatchAndProbeRunAndWriteTheirNumbers() throws Exception {
    BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--only=dispatch,probe",
        "--out=" + dir.resolve("results"), "--work=" + dir.resolve("work")}, dir, dir);

    int code = BenchMain.run(options, BenchLayout.fromSystemProperty());

    assertThat(code).isZero();
    try (Stream<Path> files = Files.list(dir.resolve("results"))) {
      Path md = files.filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow();
      assertThat(Files.readString(md)).contains("| 3 dispatch | Berth + SQLite | idle gap p99 |")
          .contains("| 3 dispatch | Berth + Redis | idle gap p99 |").contains("| 5 probe |");
    }
  }
}
