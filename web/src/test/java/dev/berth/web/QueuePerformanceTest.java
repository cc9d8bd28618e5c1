package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.JobSubmission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue page with 1,000 queued jobs: it is paged, and the server time (model and rendering, as
 * the page's {@code Server-Timing} header reports it) is measured and logged, not asserted.
 */
class QueuePerformanceTest {
  private static final int JOBS = 1000;
  private static final int ROUNDS = 30;
  @TempDir static Path tmp;
  static WebBerth berth;

  @BeforeAll
  static void start() {
    berth = WebBerth.withoutGpus(tmp);
    // GPU jobs on a machine without a GPU: all of them wait, behind the head's reason.
    for (int i = 0; i < JOBS; i++) {
      berth.services().jobs().submit(new JobSubmission("load " + i, "user" + (i % 7), "demo", Map.of(), 1, 0));
    }
  }

  @AfterAll
  static void stop() {
    berth.close();
  }

  @Test
  void aThousandJobQueueIsPagedAndItsServerTimeIsLogged() throws IOException {
    WebHttp.Response first = berth.http.get("/");
    assertThat(first.body()).contains("Positions 1–50 of 1000", "page 1 of 20", "#1 load 0").doesNotContain("load 50<");
    WebHttp.Response last = berth.http.get("/?page=20");
    assertThat(last.body()).contains("Positions 951–1000 of 1000", "load 999").doesNotContain("#1 load 0<");
    assertThat(berth.http.get("/?page=999").body()).contains("page 20 of 20");
    assertThat(berth.http.get("/jobs/1000").body()).contains("position 1000 in the queue",
        "<span class=\"code code-PRIORITY\">PRIORITY</span> 999 jobs ahead start first");
    for (String page : List.of("/submit", "/resources", "/admin/settings", "/admin/plugins")) {
      assertThat(berth.http.get(page).status()).as(page).isEqualTo(200);
    }

    StringBuilder report = new StringBuilder();
    for (String path : List.of("/", "/?page=10", "/?page=20")) {
      List<Double> server = new ArrayList<>();
      List<Double> client = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        long t0 = System.nanoTime();
        WebHttp.Response r = berth.http.get(path);
        client.add((System.nanoTime() - t0) / 1e6);
        assertThat(r.status()).isEqualTo(200);
        server.add(Double.parseDouble(r.header("Server-Timing").replace("app;dur=", "")));
      }
      // The first rounds warm the JIT up; the figures are over the rest.
      List<Double> warm = server.subList(ROUNDS / 3, ROUNDS);
      List<Double> warmClient = client.subList(ROUNDS / 3, ROUNDS);
      String line = String.format(Locale.ROOT,
          "queue page %-10s with %d queued jobs: server median %.1f ms, p90 %.1f ms, max %.1f ms; first (cold) %.1f ms; round trip median %.1f ms",
          path, JOBS, pct(warm, 50), pct(warm, 90), Collections.max(warm), server.get(0), pct(warmClient, 50));
      System.out.println("[measure] " + line);
      report.append(line).append('\n');
    }
    Path out = Path.of("target", "measurements", "queue-page.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
  }

  private static double pct(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
