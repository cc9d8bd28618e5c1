package dev.berth.notify.email;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.NotifyPreferences;
import dev.berth.api.PluginContext;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Mails a job's owner about the events they chose on their account page (failed and timed_out
 * unless they changed it), at the address they gave there. A mail for an ended job carries its last
 * log lines. SMTP is Eclipse Angus Mail's; a failure is thrown so that the host retries.
 */
@Extension
public final class EmailListener implements JobListener {
  private final PluginContext context;
  private final EmailConfig config;
  private final Session session;

  public EmailListener(PluginContext context) {
    this.context = context;
    this.config = EmailConfig.from(context.config(), System::getenv);
    this.session = config.enabled() ? withPluginLoader(() -> session(config)) : null;
    if (config.enabled()) {
      context.logger().info("Mail through {}", config);
    } else {
      context.logger().warn("notify.email.host is not set: no mail is sent");
    }
  }

  @Override
  public void onEvent(JobEvent event, Job job) {
    String name = NotifyPreferences.eventOf(event);
    if (name == null || session == null) {
      return;
    }
    NotifyPreferences owner = context.users().preferences(job.user());
    if (owner.email() == null || !owner.eventsFor(job).contains(name)) {
      return;
    }
    List<String> log = name.equals("start") || config.logLines() == 0
        ? List.of() : context.users().logTail(job.id(), config.logLines());
    Mails.Mail mail = Mails.of(name, job, config.publicUrl(), log);
    send(owner.email(), mail);
  }

  /**
   * Jakarta Mail finds its providers (SMTP, streams) through the thread's context class loader,
   * which on the host's threads is the host's: make it this plugin's while mail code runs.
   */
  private static <T> T withPluginLoader(java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(EmailListener.class.getClassLoader());
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private void send(String to, Mails.Mail mail) {
    withPluginLoader(() -> {
      sendNow(to, mail);
      return null;
    });
  }

  private void sendNow(String to, Mails.Mail mail) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(config.from(), true));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      message.setSubject(mail.subject(), "UTF-8");
      message.setText(mail.body(), "UTF-8");
      message.setSentDate(Date.from(context.clock().instant()));
      if (config.username().isEmpty()) {
        Transport.send(message);
      } else {
        Transport.send(message, config.username(), config.password());
      }
    } catch (MessagingException e) {
      // The message names the server and the SMTP reply, never the password.
      throw new IllegalStateException("mail to the owner via " + config.host() + ":" + config.port() + " failed: "
          + firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static Session session(EmailConfig c) {
    String p = c.tls() ? "mail.smtps." : "mail.smtp.";
    Properties props = new Properties();
    props.put("mail.transport.protocol", c.tls() ? "smtps" : "smtp");
    props.put(p + "host", c.host());
    props.put(p + "port", String.valueOf(c.port()));
    props.put(p + "auth", String.valueOf(!c.username().isEmpty()));
    props.put(p + "connectiontimeout", String.valueOf(c.timeout().toMillis()));
    props.put(p + "timeout", String.valueOf(c.timeout().toMillis()));
    props.put(p + "writetimeout", String.valueOf(c.timeout().toMillis()));
    if (c.starttls()) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (c.tls()) {
      props.put(p + "ssl.enable", "true");
      props.put(p + "ssl.checkserveridentity", "true");
    }
    return Session.getInstance(props);
  }
}
