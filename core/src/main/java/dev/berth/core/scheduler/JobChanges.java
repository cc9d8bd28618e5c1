package dev.berth.core.scheduler;

import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.QueueStore;
import dev.berth.core.host.Provided;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.notify.Backoff;
import dev.berth.core.notify.ListenerDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process change feed: every state change this process commits is announced here, after the
 * store has it. In-process subscribers (the scheduler's wake-up, metrics, the UI's live updates)
 * run synchronously and must be quick; for plugin {@link JobListener}s, one thread of its own finds
 * each change's event in the store and hands it to {@link ListenerDelivery}, whose bounded queue and
 * retries keep a slow or failing listener from ever holding up scheduling.
 */
public final class JobChanges implements JobChangeFeed, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobChanges.class);

  private final QueueStore store;
  private final ListenerDelivery delivery;
  private final List<Consumer<JobChange>> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService listenerThread =
      Executors.newSingleThreadExecutor(r -> ResourceMonitor.daemon(r, "berth-listeners"));

  public JobChanges(QueueStore store, ListenerDelivery delivery) {
    this.store = store;
    this.delivery = delivery;
  }

  /** Listeners without plugin ids, tried once each: for tests of the feed itself. */
  public JobChanges(QueueStore store, List<JobListener> listeners) {
    this(store, new ListenerDelivery(numbered(listeners), new Backoff(List.of()), ListenerDelivery.DEFAULT_CAPACITY,
        java.time.Clock.systemUTC(), new BerthMetrics()));
  }

  private static List<Provided<JobListener>> numbered(List<JobListener> listeners) {
    List<Provided<JobListener>> out = new ArrayList<>();
    for (int i = 0; i < listeners.size(); i++) {
      out.add(new Provided<>("listener-" + (i + 1), listeners.get(i)));
    }
    return out;
  }

  @Override
  public void subscribe(Consumer<JobChange> subscriber) {
    subscribers.add(subscriber);
  }

  public void publish(JobChange change) {
    for (Consumer<JobChange> s : subscribers) {
      try {
        s.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("Change subscriber failed: {}", e.toString());
      }
    }
    // A listener is handed the event of a change; a new message alone has none.
    if (delivery.hasListeners() && change.stateChanged()) {
      listenerThread.execute(() -> deliver(change));
    }
  }

  private void deliver(JobChange change) {
    List<JobEvent> events;
    try {
      events = store.events(change.job().id());
    } catch (RuntimeException e) {
      LOG.warn("Cannot read events of job {} for listeners: {}", change.job().id(), e.toString());
      return;
    }
    JobEvent event =
        events.stream()
            .filter(ev -> ev.to() == change.job().state())
            .reduce((a, b) -> b)
            .orElse(null);
    if (event == null) {
      return;
    }
    delivery.offer(event, change.job());
  }

  @Override
  public void close() throws InterruptedException {
    listenerThread.shutdown();
    listenerThread.awaitTermination(5, TimeUnit.SECONDS);
    delivery.close();
  }
}
