package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin settings forms over real HTTP: generated from descriptors, validated, audited, persisted. */
class SettingsPageTest {
  @TempDir Path tmp;

  private WebBerth start() {
    return WebBerth.withoutGpus(tmp);
  }

  @Test
  void formsAreGeneratedFromTheDescriptorsThresholdsFirst() {
    try (var berth = start()) {
      String body = berth.http.get("/admin/settings").body();
      assertThat(body).contains("name=\"value.gpuMemoryFreeMinMiB\"", "name=\"value.gpuUtilizationMaxPercent\"",
          "name=\"value.cpuUsageMaxPercent\"", "name=\"value.memoryUsageMaxPercent\"", "name=\"value.maxRunningJobs\"",
          "name=\"value.probeIntervalSeconds\"", "min=\"0\" max=\"100\" step=\"1\"", "No change recorded yet.");
      assertThat(body.indexOf("id=\"section-thresholds\"")).isLessThan(body.indexOf("id=\"section-scheduler\""));
    }
  }

  @Test
  void anOutOfRangeValueIsAnInlineErrorAndNothingIsSaved() {
    try (var berth = start()) {
      WebHttp.Response r = berth.http.postForm("/admin/settings/thresholds",
          form("value.gpuUtilizationMaxPercent", "150", "original.gpuUtilizationMaxPercent", "80"), Map.of());
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.body()).contains("must be between 0 and 100, was 150", "value=\"150\"", "aria-invalid=\"true\"");
      assertThat(berth.services().settings().current("thresholds").get("gpuUtilizationMaxPercent")).isEqualTo("80");
      WebHttp.Response htmx = berth.http.postForm("/admin/settings/thresholds",
          form("value.gpuUtilizationMaxPercent", "abc", "original.gpuUtilizationMaxPercent", "80"), WebHttp.HTMX);
      assertThat(htmx.status()).isEqualTo(422);
      assertThat(htmx.body()).startsWith("<form").contains("must be a whole number, was 'abc'").doesNotContain("<html");
    }
  }

  @Test
  void aSaveChangesOnlyEditedKeysAndIsAuditedAcrossARestart() {
    try (var berth = start()) {
      // Another admin changes the CPU limit after this form was shown with 90.
      berth.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(berth.base() + "/api/v1/settings/thresholds"))
          .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"cpuUsageMaxPercent\":70}")));
      WebHttp.Response r = berth.http.postForm("/admin/settings/thresholds", form(
          "value.gpuUtilizationMaxPercent", "90", "original.gpuUtilizationMaxPercent", "80",
          "value.cpuUsageMaxPercent", "90", "original.cpuUsageMaxPercent", "90"), Map.of());
      assertThat(r.status()).isEqualTo(303);
      assertThat(r.header("Location")).isEqualTo("/admin/settings#section-thresholds");
      var now = berth.services().settings().current("thresholds");
      assertThat(now.get("gpuUtilizationMaxPercent")).isEqualTo("90");
      assertThat(now.get("cpuUsageMaxPercent")).as("untouched field keeps the other admin's value").isEqualTo("70");

      WebHttp.Response unchanged = berth.http.postForm("/admin/settings/scheduler",
          form("value.maxRunningJobs", "1", "original.maxRunningJobs", "1"), Map.of());
      assertThat(unchanged.status()).isEqualTo(303);
      assertThat(unchanged.header("Set-Cookie")).contains("nothing+changed");
    }
    try (var again = start()) {
      String body = again.http.get("/admin/settings").body();
      // The audit lists the page's change and the other admin's API change; the unchanged save is not one.
      assertThat(body).contains("<code>thresholds</code>", "gpuUtilizationMaxPercent: 80 ", "cpuUsageMaxPercent: 90 ",
          "<td>admin</td>").doesNotContain("maxRunningJobs: ");
      assertThat(again.services().settings().current("thresholds").get("gpuUtilizationMaxPercent")).isEqualTo("90");
    }
  }

  @Test
  void theNewSectionsAreEditableAndBackfillIsAChoice() {
    try (var berth = start()) {
      String body = berth.http.get("/admin/settings").body();
      assertThat(body).contains("<select", "name=\"value.backfill\"", "<option value=\"none\"", "<option value=\"easy\"",
          "id=\"section-limits\"", "name=\"value.maxRunningJobsPerUser\"", "name=\"value.maxGpusPerUser\"",
          "name=\"value.enforceOnlyWhenOthersWait\"", "id=\"section-fairshare\"", "name=\"value.halfLifeHours\"",
          "name=\"value.weightFairshare\"", "name=\"value.weightAge\"", "name=\"value.weightPriority\"",
          "name=\"value.maxAgeHours\"");
    }
  }

  @Test
  void backfillEasyIsSavedThroughTheForm() {
    try (var berth = start()) {
      assertThat(berth.services().settings().current("scheduler").get("backfill")).isEqualTo("none");
      WebHttp.Response r = berth.http.postForm("/admin/settings/scheduler",
          form("value.backfill", "easy", "original.backfill", "none"), Map.of());
      assertThat(r.status()).isEqualTo(303);
      assertThat(r.header("Location")).isEqualTo("/admin/settings#section-scheduler");
      assertThat(berth.services().settings().current("scheduler").get("backfill")).isEqualTo("easy");
      assertThat(berth.http.get("/admin/settings").body()).contains("<option value=\"easy\" selected");
    }
  }

  @Test
  void anUnknownBackfillChoiceIsAnInlineErrorAndNothingIsSaved() {
    try (var berth = start()) {
      WebHttp.Response r = berth.http.postForm("/admin/settings/scheduler",
          form("value.backfill", "greedy", "original.backfill", "none"), Map.of());
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.body()).contains("must be one of none, easy, was 'greedy'", "aria-invalid=\"true\"");
      assertThat(berth.services().settings().current("scheduler").get("backfill")).isEqualTo("none");
      assertThat(berth.http.get("/admin/settings").body()).doesNotContain("backfill: none ");
    }
  }

  @Test
  void fairshareAndLimitKeysAreSavedAndValidated() {
    try (var berth = start()) {
      WebHttp.Response ok = berth.http.postForm("/admin/settings/fairshare",
          form("value.halfLifeHours", "24", "original.halfLifeHours", "168"), Map.of());
      assertThat(ok.status()).isEqualTo(303);
      assertThat(Double.parseDouble(berth.services().settings().current("fairshare").get("halfLifeHours"))).isEqualTo(24.0);
      WebHttp.Response bad = berth.http.postForm("/admin/settings/limits",
          form("value.maxGpusPerUser", "-1", "original.maxGpusPerUser", "0"), Map.of());
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.body()).contains("aria-invalid=\"true\"", "value=\"-1\"");
      assertThat(berth.services().settings().current("limits").get("maxGpusPerUser")).isEqualTo("0");
    }
  }

  @Test
  void anUnknownSectionIsNotFound() {
    try (var berth = start()) {
      WebHttp.Response r = berth.http.postForm("/admin/settings/nope", form("value.x", "1"), Map.of());
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body()).contains("no settings section");
    }
  }

  private static Map<String, String> form(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }
}
