package dev.berth.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
  @TempDir Path dir;

  private static Results results(String mode) {
    return new Results(Map.of("cpu", "test cpu", "cores", 2, "loadAverageAtStart", 0.5), mode,
        Instant.parse("2026-03-01T08:00:00Z"));
  }

  @Test
  void aBenchmarkWithoutANumberOrWithAFailureIsAProblemButAMissedTargetIsNot() {
    Results r = results("quick");
    r.ran("1 submit");
    r.figure("1 submit", "Berth + Redis", "submits/s", 12.0, "1/s").target("≥ 10,000", v -> v >= 10_000).add();
    r.ran("2 scheduling");
    r.figure("2 scheduling", "Berth", "jobs/s", Double.NaN, "1/s").add();
    r.ran("3 dispatch");
    r.failed("3 dispatch", new IllegalStateException("server died"));

    assertThat(r.problems()).containsExactly("3 dispatch failed: java.lang.IllegalStateException: server died",
        "2 scheduling produced no number", "3 dispatch produced no number");
    assertThat(r.measurements().get(0).met()).isFalse();
  }

  @Test
  void writesJsonAndATableNamedAfterTheStart() throws Exception {
    Results r = results("full");
    r.ran("1 submit");
    r.figure("1 submit", "bare Javalin", "submits/s", 12345.6, "1/s").details(Map.of("p99Ms", 1.5)).add();
    r.figure("1 submit", "Berth + Redis", "p99 latency", 3.25, "ms").target("≤ 20 ms", v -> v <= 20).add();
    r.note("1 submit", "16 clients");
    r.profile("submit-redis", Map.of("samples", 3, "self", java.util.List.of(Map.of("percent", 50.0, "frame", "a.B.c"))));

    Path md = ResultsWriter.write(r, dir, Instant.parse("2026-03-01T08:10:00Z"));

    assertThat(md.getFileName().toString()).isEqualTo("2026-03-01T080000Z.md");
    String table = Files.readString(md);
    assertThat(table).contains("| 1 submit | bare Javalin | submits/s | 12,346 /s |  |  |")
        .contains("| 1 submit | Berth + Redis | p99 latency | 3.250 ms | ≤ 20 ms | yes |")
        .contains("- 16 clients").contains("| 50.0 % | `a.B.c` |").contains("samples: 3");
    String json = Files.readString(dir.resolve("2026-03-01T080000Z.json"));
    assertThat(json).contains("\"mode\" : \"full\"").contains("\"p99Ms\" : 1.5").contains("\"met\" : true");
  }

  @Test
  void quickRunsArePrefixed() {
    assertThat(ResultsWriter.stem(results("quick"))).isEqualTo("quick-2026-03-01T080000Z");
  }
}
