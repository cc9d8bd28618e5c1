package dev.berth.web.live;

import dev.berth.api.ResourceSnapshot;
import dev.berth.core.scheduler.JobChange;
import dev.berth.core.scheduler.ResourceService;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes "something changed" to open pages as server-sent events; the pages then fetch the part
 * that changed (htmx {@code hx-trigger="sse:<topic>"}).
 *
 * <p>Topics: {@code queue} (any job change, and each new resource sample since the head's reasons
 * may have changed), {@code resources} (a new sample, a settings change, a job taking or freeing a
 * GPU) and {@code job-<id>} (that job changed).
 *
 * <p>Job changes arrive synchronously on the scheduler, reconciler and request threads, so they
 * only mark topics as pending; one thread sends them at most every {@value #FLUSH_MILLIS} ms. A
 * burst of a thousand submissions thus costs each page one refresh, and a slow browser never slows
 * the scheduler. A comment every {@value #HEARTBEAT_SECONDS} s finds clients that went away.
 */
public final class LiveUpdates implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveUpdates.class);
  static final long FLUSH_MILLIS = 250;
  static final long HEARTBEAT_SECONDS = 15;
  private static final Pattern TOPIC = Pattern.compile("queue|resources|job-[0-9]{1,18}");
  private static final int MAX_TOPICS = 8;

  private final ResourceService resources;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "berth-web-live");
    t.setDaemon(true);
    return t;
  });
  private ResourceSnapshot lastSnapshot;
  private long sent;

  private record Subscriber(SseClient client, Set<String> topics) {}

  public LiveUpdates(ResourceService resources) {
    this.resources = resources;
  }

  public void start() {
    thread.scheduleWithFixedDelay(this::tick, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /** Parses {@code topics=a,b}; unknown topics are dropped. */
  public static Set<String> topics(String raw) {
    Set<String> out = new LinkedHashSet<>();
    if (raw != null) {
      for (String t : raw.split(",")) {
        if (TOPIC.matcher(t.trim()).matches() && out.size() < MAX_TOPICS) {
          out.add(t.trim());
        }
      }
    }
    return out;
  }

  /** Keeps an SSE connection open and sends it the topics it asked for. */
  public void attach(SseClient client) {
    Set<String> topics = topics(client.ctx().queryParam("topics"));
    if (topics.isEmpty()) {
      client.sendComment("no known topic asked for; topics: queue, resources, job-<id>");
      client.close();
      return;
    }
    Subscriber s = new Subscriber(client, Set.copyOf(topics));
    client.onClose(() -> subscribers.remove(s));
    client.keepAlive();
    client.sendComment("listening to " + String.join(",", topics));
    subscribers.add(s);
  }

  /** Called by the core's change feed; only marks topics, never blocks. */
  public void onJobChange(JobChange change) {
    pending.add("queue");
    pending.add("job-" + change.job().id());
    if (change.job().state().isActive() || change.from() != null && change.from().isActive()) {
      pending.add("resources");
    }
  }

  /** A settings change alters verdicts (resources) and may unblock the queue. */
  public void onSettingsChange() {
    pending.add("resources");
    pending.add("queue");
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  private void tick() {
    try {
      ResourceSnapshot now = resources.latest();
      if (now != null && now != lastSnapshot) {
        lastSnapshot = now;
        pending.add("resources");
        pending.add("queue");
      }
      if (pending.isEmpty() || subscribers.isEmpty()) {
        pending.clear();
        return;
      }
      List<String> topics = new ArrayList<>(pending);
      pending.removeAll(topics);
      String data = Long.toString(++sent);
      for (Subscriber s : subscribers) {
        for (String topic : topics) {
          if (s.topics().contains(topic)) {
            send(s, () -> s.client().sendEvent(topic, data));
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Live update failed: {}", e.toString());
    }
  }

  private void heartbeat() {
    for (Subscriber s : subscribers) {
      send(s, () -> s.client().sendComment("ping"));
    }
  }

  private void send(Subscriber s, Runnable write) {
    if (s.client().terminated()) {
      subscribers.remove(s);
      return;
    }
    try {
      write.run();
    } catch (RuntimeException e) {
      subscribers.remove(s);
      s.client().close();
    }
  }

  /** Ends every open stream (browsers reconnect to the next server) and stops the thread. */
  @Override
  public void close() {
    thread.shutdownNow();
    for (Subscriber s : subscribers) {
      try {
        s.client().close();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    subscribers.clear();
  }
}
