package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The email plugin jar in a running server, against a real SMTP server in the test: a job that
 * fails sends one mail to its owner, at the address from their account, with the link and the
 * last 20 lines of its log.
 */
class EmailEndToEndTest {
  private static final Duration T = Duration.ofSeconds(60);

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path tmp;

  @Test
  void aJobThatFailsMailsItsOwnerTheLinkAndTheLast20LogLines() throws Exception {
    String yaml = InProcessBerth.config(tmp.resolve("none/nvidia-smi")) + """
        executor:
          local:
            templates:
              fails:
                description: Prints 30 lines, then exits 3.
                command: ["bash", "-c", "for i in $(seq 1 30); do echo \\"line $i\\"; done; exit 3"]
        extensions:
          listeners: [email]
        notify:
          retryAfterSeconds: [0.5, 0.5, 0.5, 0.5]
          email: { host: 127.0.0.1, port: %d, from: berth@lab, publicUrl: "https://berth.lab" }
        """.formatted(SMTP.getSmtp().getPort());
    try (var berth = InProcessBerth.start(tmp, yaml)) {
      assertThat(berth.http.putJson("/api/v1/me/notifications", "{\"email\":\"admin@lab.example\"}").status())
          .isEqualTo(200);

      String id = berth.http.submit("{\"user\":\"admin\",\"template\":\"fails\",\"gpus\":0}");
      Await.until("job " + id + " failed", T, () -> berth.http.job(id), j -> j.get("state").asText().equals("FAILED"));
      MimeMessage mail = Await.until("the mail", T, () -> List.of(SMTP.getReceivedMessages()), m -> !m.isEmpty()).get(0);

      assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("admin@lab.example");
      assertThat(mail.getSubject()).startsWith("Berth job " + id + " (").endsWith(") failed");
      String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n");
      assertThat(body).contains("https://berth.lab/jobs/" + id);
      List<String> lines = body.lines().filter(l -> l.startsWith("    line ")).toList();
      assertThat(lines).hasSize(20);
      assertThat(lines.get(0)).isEqualTo("    line 11");
      assertThat(lines.get(19)).isEqualTo("    line 30");
      assertThat(SMTP.getReceivedMessages()).hasSize(1);
      assertThat(berth.http.get("/metrics").body()).contains("berth_notifications_failed_total{listener=\"email\"} 0.0");

      // A submission's own notify list replaces the owner's choices for that job: a start is mailed.
      String own = berth.http.submit(
          "{\"user\":\"admin\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"0\"},\"notify\":[\"start\"]}");
      assertThat(berth.http.job(own).get("notifyEvents").toString()).isEqualTo("[\"start\"]");
      MimeMessage started = Await.until("the start mail", T, () -> List.of(SMTP.getReceivedMessages()),
          m -> m.size() == 2).get(1);
      assertThat(started.getSubject()).isEqualTo("Berth job " + own + " (demo) started");
    }
  }
}
