package dev.berth.notify.webhook;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.NotifyPreferences;
import dev.berth.api.PluginContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Posts each job event to every endpoint that listed it, signed with the endpoint's secret, and to
 * the job owner's own webhook URL when they set one and chose the event (the host let them save
 * only a URL whose host an admin allowed). One
 * POST waits at most {@code timeoutMillis}; the host's delivery queue retries a failed event, and
 * an endpoint that already took it is not sent it twice.
 */
@Extension
public final class WebhookListener implements JobListener {
  /** Events each endpoint already took, so a retry for another endpoint does not repeat them. */
  private static final int REMEMBERED = 10_000;

  private final PluginContext context;
  private final WebhookConfig config;
  private final Payloads payloads;
  private final HttpClient http;
  private final Set<String> delivered = Collections.synchronizedSet(Collections.newSetFromMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      }));

  public WebhookListener(PluginContext context) {
    this.context = context;
    this.config = WebhookConfig.from(context.config(), System::getenv);
    this.payloads = new Payloads(config.publicUrl());
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER)
        .build();
    context.logger().info("Webhook endpoints: {}", config.endpoints().stream().map(Endpoint::name).toList());
  }

  @Override
  public void onEvent(JobEvent event, Job job) {
    String name = NotifyPreferences.eventOf(event);
    if (name == null) {
      return;
    }
    send(name, job, event.sequence());
  }

  /** The job owner's own webhook, when they set one and chose this event. */
  private Endpoint ownersEndpoint(String event, Job job) {
    NotifyPreferences p = context.users().preferences(job.user());
    if (p.webhookUrl() == null || !p.eventsFor(job).contains(event)) {
      return null;
    }
    return new Endpoint("user " + job.user(), java.net.URI.create(p.webhookUrl()), config.userSecret(),
        Endpoint.Format.JSON, Set.of(event));
  }

  /**
   * Sends {@code event} to every endpoint that wants it and has not taken it yet.
   *
   * @throws IllegalStateException naming each endpoint that failed, so the host retries
   */
  void send(String event, Job job, long sequence) {
    List<String> failures = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>(config.endpoints());
    Endpoint owners = ownersEndpoint(event, job);
    if (owners != null) {
      endpoints.add(owners);
    }
    for (Endpoint e : endpoints) {
      String key = e.name() + "|" + job.id() + "|" + sequence + "|" + event;
      if (!e.wants(event) || delivered.contains(key)) {
        continue;
      }
      String failure = post(e, payloads.body(e.format(), event, job));
      if (failure == null) {
        delivered.add(key);
      } else {
        failures.add(e.name() + ": " + failure);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("webhook " + String.join("; ", failures));
    }
  }

  /** Null when the receiver took it (2xx); otherwise why not, without the URL (it may hold a token). */
  private String post(Endpoint e, byte[] body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(e.url())
        .timeout(config.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "Berth")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (e.secret() != null) {
      builder.header(Signature.HEADER, Signature.of(e.secret(), body));
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (HttpTimeoutException ex) {
      return "no answer within " + config.timeout().toMillis() + " ms";
    } catch (IOException ex) {
      return ex.getClass().getSimpleName();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
