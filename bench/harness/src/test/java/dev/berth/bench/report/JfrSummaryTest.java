package dev.berth.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summarises a real flight recording of this JVM. */
class JfrSummaryTest {
  @TempDir Path dir;

  @Test
  void countsSamplesByThreadAndTopFrame() throws Exception {
    // JFR's sampler starts on its own schedule: on a busy machine a short recording can miss the
    // spinning thread altogether, so record again (a few times at most) until it was sampled.
    Map<String, Object> summary = null;
    for (int attempt = 1; attempt <= 5; attempt++) {
      summary = JfrSummary.summarize(recordSpinning(dir.resolve("test-" + attempt + ".jfr")), 5);
      if (summary.get("threads").toString().contains("bench-busy-N")) {
        break;
      }
    }

    assertThat((Integer) summary.get("samples")).isPositive();
    assertThat((List<?>) summary.get("threads")).isNotEmpty();
    assertThat(summary.get("threads").toString()).contains("bench-busy-N");
    assertThat((List<?>) summary.get("self")).hasSizeLessThanOrEqualTo(5);
  }

  private static Path recordSpinning(Path file) throws Exception {
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      Thread busy = new Thread(JfrSummaryTest::spin, "bench-busy-7");
      busy.start();
      busy.join();
      recording.stop();
      recording.dump(file);
    }
    return file;
  }

  @Test
  void threadNumbersAreFoldedTogether() {
    assertThat(JfrSummary.threadGroup("qtp1234-56")).isEqualTo("qtpN-N");
  }

  private static void spin() {
    long end = System.nanoTime() + 500_000_000L;
    double x = 0;
    while (System.nanoTime() < end) {
      x += Math.sqrt(x + 1);
    }
    if (x < 0) {
      System.out.println(x);
    }
  }
}
