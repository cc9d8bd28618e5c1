package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account's notification form against a real Berth: inline field errors, nothing stored, then a save. */
class NotificationsPageTest {
  @TempDir Path dir;

  @Test
  void theFormShowsTheDefaultsRefusesBadInputInlineAndSavesGoodInput() {
    try (WebBerth b = WebBerth.start(dir, dir.resolve("no-such/nvidia-smi"),
        "notify:\n  allowedWebhookHosts: [hooks.slack.com]\n")) {
      WebHttp.Response page = b.http.get("/account/notifications");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("value=\"failed\" checked", "value=\"timed_out\" checked")
          .doesNotContain("value=\"start\" checked").contains("Allowed hosts: hooks.slack.com");

      WebHttp.Response refused = b.http.postForm("/account/notifications",
          Map.of("email", "ann at lab", "events", "finished", "webhookUrl", "http://169.254.169.254/x"), Map.of());
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.body()).contains("id=\"email-error\"", "is not an email address", "id=\"events-error\"",
          "unknown event", "id=\"webhookUrl-error\"", "host 169.254.169.254 is not allowed", "value=\"ann at lab\"");
      assertThat(b.http.get("/api/v1/me/notifications", Map.of("Accept", "application/json")).body())
          .contains("\"email\":null");

      WebHttp.Response saved = b.http.postForm("/account/notifications",
          Map.of("email", "admin@lab.example", "events", "start", "webhookUrl", "https://hooks.slack.com/services/T/B/x"),
          Map.of());
      assertThat(saved.status()).as(saved.body()).isEqualTo(303);
      assertThat(b.http.get("/api/v1/me/notifications", Map.of("Accept", "application/json")).body()).isEqualTo(
          "{\"email\":\"admin@lab.example\",\"events\":[\"start\"],\"webhookUrl\":\"https://hooks.slack.com/services/T/B/x\"}");
      assertThat(b.http.get("/account/notifications").body()).contains("value=\"start\" checked")
          .doesNotContain("value=\"failed\" checked");
    }
  }
}
