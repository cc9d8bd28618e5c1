package dev.berth.core.scheduler;

import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.QueueStore;
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
 * run synchronously and must be quick; plugin {@link JobListener}s run on one dedicated thread in
 * commit order, so a slow or failing listener never holds up scheduling.
 */
public final class JobChanges implements JobChangeFeed, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobChanges.class);

  private final QueueStore store;
  private final List<JobListener> listeners;
  private final List<Consumer<JobChange>> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService listenerThread =
      Executors.newSingleThreadExecutor(r -> ResourceMonitor.daemon(r, "berth-listeners"));

  public JobChanges(QueueStore store, List<JobListener> listeners) {
    this.store = store;
    this.listeners = List.copyOf(listeners);
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
    if (!listeners.isEmpty() && change.stateChanged()) {
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
    for (JobListener listener : listeners) {
      try {
        listener.onEvent(event, change.job());
      } catch (RuntimeException e) {
        LOG.warn("Job listener {} failed: {}", listener.getClass().getName(), e.toString());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    listenerThread.shutdown();
    listenerThread.awaitTermination(5, TimeUnit.SECONDS);
  }
}
