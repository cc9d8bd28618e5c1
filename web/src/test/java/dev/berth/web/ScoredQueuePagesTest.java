package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Await;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the multifactor order the queue page shows each job's score with its breakdown as a
 * tooltip, and the job page as a table, beside the reasons' codes and the start estimate.
 */
class ScoredQueuePagesTest {
  @TempDir static Path tmp;
  static WebBerth berth;

  @BeforeAll
  static void start() {
    // No GPU: GPU jobs wait, so they stay queued and scored.
    berth = WebBerth.start(tmp, tmp.resolve("no-such/nvidia-smi"), "extensions:\n  order: multifactor\n");
  }

  @AfterAll
  static void stop() {
    berth.close();
  }

  @Test
  void theQueuePageShowsTheScoreWithItsBreakdownOnHover() {
    String id = berth.http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"name\":\"scored one\"}");
    // Its own row, not the other test's job: the page shows a pass's plan, and a pass may not
    // have seen this job yet.
    String row = Await.until("the job scored", Await.DEFAULT_TIMEOUT, () -> rowOf(berth.http.get("/").body(), id),
        r -> r.contains("<td class=\"score\">") && r.contains("no GPU detected"));
    assertThat(berth.http.get("/").body()).contains("<th scope=\"col\">Score</th>");
    assertThat(row).contains("<td class=\"score\"><span title=\"", "fairshare ", "age ", "priority ",
        "<span class=\"code code-RESOURCES\">RESOURCES</span> no GPU detected");
    assertThat(Pattern.compile("fairshare 1\\.00 × 10000 = 10000\\.0").matcher(row).find())
        .as("a user without usage has the full fair-share factor: " + row).isTrue();
    assertThat(row).contains("priority 0.50 × 2000 = 1000.0");
  }

  /** The queue page's row of job {@code id}; empty when the page has none. */
  private static String rowOf(String page, String id) {
    int start = page.indexOf("<tr data-job=\"" + id + "\"");
    if (start < 0) {
      return "";
    }
    int end = page.indexOf("</tr>", start);
    return end < 0 ? "" : page.substring(start, end);
  }

  @Test
  void theJobPageShowsTheScoreAsATableAndTheEstimateOrItsNote() {
    String id = berth.http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":1,\"priority\":-1000}");
    String page = Await.until("the job scored", Await.DEFAULT_TIMEOUT, () -> berth.http.get("/jobs/" + id).body(),
        b -> b.contains("id=\"score\""));
    assertThat(page).contains("<th scope=\"col\">Factor</th><th scope=\"col\">Value</th><th scope=\"col\">Weight</th>"
            + "<th scope=\"col\">Points</th>",
        "<tr><td>priority</td><td>0.00</td><td>2000</td><td>0.0</td></tr>",
        "<tr><td>fairshare</td><td>1.00</td><td>10000</td><td>10000.0</td></tr>",
        "<span class=\"code code-RESOURCES\">RESOURCES</span>", "id=\"estimate\"");
    String estimate = page.substring(page.indexOf("id=\"estimate\""));
    estimate = estimate.substring(0, estimate.indexOf("</p>"));
    assertThat(estimate).containsAnyOf("starts ≈ ", "no estimate: ");
  }
}
