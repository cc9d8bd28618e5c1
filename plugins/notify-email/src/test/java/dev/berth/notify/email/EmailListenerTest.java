package dev.berth.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobState;
import dev.berth.api.NotifyPreferences;
import dev.berth.api.Placement;
import dev.berth.api.UserDirectory;
import dev.berth.testkit.JobBuilder;
import dev.berth.testkit.TestPluginContext;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Against a real SMTP server in the test (GreenMail), with a login. */
class EmailListenerTest {
  private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");
  private static final String SMTP_PASSWORD = "smtp-pass-123";

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("berth", SMTP_PASSWORD));

  @TempDir Path dir;

  /** ann gave an address and kept the defaults; bob gave none; cy wants every event. */
  private final UserDirectory users = new UserDirectory() {
    @Override
    public NotifyPreferences preferences(String user) {
      return switch (user) {
        case "ann" -> new NotifyPreferences("ann", "ann@lab.example", NotifyPreferences.DEFAULT_EVENTS, null);
        case "cy" -> new NotifyPreferences("cy", "cy@lab.example", NotifyPreferences.EVENTS, null);
        default -> NotifyPreferences.defaults(user);
      };
    }

    @Override
    public List<String> logTail(String jobId, int lines) {
      List<String> all = IntStream.rangeClosed(1, 30).mapToObj(i -> "epoch " + i + " loss 0." + i).toList();
      return all.subList(all.size() - lines, all.size());
    }
  };

  @Test
  void aFailedJobSendsOneMailToItsOwnerWithTheLinkAndTheLast20LogLines() throws Exception {
    EmailListener listener = listener(config());

    listener.onEvent(event(JobState.FAILED), failed("ann"));

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ann@lab.example");
    assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("berth@lab");
    assertThat(mail.getSubject()).isEqualTo("Berth job 7 (train) failed");
    String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n");
    assertThat(body).contains("https://berth.lab/jobs/7").contains("exit code 3").contains("Ran on gpu-1, GPUs [0]")
        .contains("Last 20 log lines:");
    List<String> logLines = body.lines().filter(l -> l.startsWith("    epoch ")).toList();
    assertThat(logLines).hasSize(20);
    assertThat(logLines.get(0)).isEqualTo("    epoch 11 loss 0.11");
    assertThat(logLines.get(19)).isEqualTo("    epoch 30 loss 0.30");
    assertThat(body).doesNotContain(SMTP_PASSWORD);
  }

  @Test
  void onlyTheEventsTheOwnerChoseAreMailedAndNobodyWithoutAnAddress() throws Exception {
    EmailListener listener = listener(config());

    listener.onEvent(event(JobState.RUNNING), JobBuilder.from(failed("ann")).state(JobState.RUNNING).build());
    listener.onEvent(event(JobState.COMPLETED), JobBuilder.from(failed("ann")).state(JobState.COMPLETED).build());
    listener.onEvent(event(JobState.FAILED), failed("bob"));
    listener.onEvent(event(JobState.RUNNING), JobBuilder.from(failed("cy")).state(JobState.RUNNING).build());

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("Berth job 7 (train) started");
    assertThat(GreenMailUtil.getBody(received[0])).doesNotContain("log lines");
  }

  @Test
  void aRefusedLoginFailsTheDeliveryForTheHostToRetryWithoutShowingThePassword() throws Exception {
    Map<String, Object> config = config();
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "not-the-password");
    config.put("passwordFile", wrong.toString());
    EmailListener listener = listener(config);

    assertThatThrownBy(() -> listener.onEvent(event(JobState.FAILED), failed("ann")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("mail to the owner via 127.0.0.1:" + SMTP.getSmtp().getPort() + " failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void configMistakesAreRefusedAtStart() {
    Map<String, Object> noFrom = config();
    noFrom.remove("from");
    assertThatThrownBy(() -> listener(noFrom)).hasMessage("config email.from must be the sender's address, such as berth@lab");
    Map<String, Object> noPassword = config();
    noPassword.remove("passwordFile");
    assertThatThrownBy(() -> listener(noPassword)).hasMessageContaining("username is set but neither passwordFile");
  }

  private EmailListener listener(Map<String, Object> config) {
    return new EmailListener(new TestPluginContext("email", config, Clock.systemUTC(), dir).withUsers(users));
  }

  private Map<String, Object> config() {
    try {
      Path password = dir.resolve("smtp-password");
      Files.writeString(password, SMTP_PASSWORD + "\n");
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("host", "127.0.0.1");
      c.put("port", SMTP.getSmtp().getPort());
      c.put("username", "berth");
      c.put("passwordFile", password.toString());
      c.put("from", "berth@lab");
      c.put("publicUrl", "https://berth.lab");
      return c;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Job failed(String user) {
    return JobBuilder.job("7").name("train").user(user).state(JobState.FAILED).submittedAt(AT).exitCode(3)
        .message("exit code 3").placement(new Placement("gpu-1", List.of(0))).build();
  }

  /** The change into {@code to}; a start comes from SCHEDULED (RUNNING to RUNNING is the idle guard's warning). */
  private static JobEvent event(JobState to) {
    return new JobEvent("7", 5, AT, to == JobState.RUNNING ? JobState.SCHEDULED : JobState.RUNNING, to, "executor", null);
  }
}
