package dev.berth.executor.argo;

import dev.berth.api.Job;
import dev.berth.api.LogChunk;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A job's log, kept under the data directory as it is printed: every {@code logPollSeconds} the
 * log of each running job is read on ({@link LogFollower}), and when its workflow has ended the
 * last lines are read and the copy is completed. Argo deletes pods soon after they end when the
 * workflow has a {@code podGC}, so the copy is what outlives them; a copy that misses lines a pod
 * took with it ends with a notice saying so. Readers page through the copy ({@link #read}).
 */
final class JobLogs implements AutoCloseable {
  /** A running job whose log is followed. */
  private record Followed(String runId, Instant submittedAt, String workflow) {}

  /** The complete copy, if the run ended; {@code none} when there is no run and no copy at all. */
  private record Kept(Optional<Path> complete, boolean none) {}

  private final Cluster cluster;
  private final WorkflowIdentity identity;
  private final String container;
  private final LogArchive archive;
  private final Logger log;
  private final ScheduledExecutorService keeper;
  private final Map<String, Followed> following = new ConcurrentHashMap<>();

  JobLogs(Cluster cluster, WorkflowIdentity identity, String container, LogArchive archive, Duration poll, Logger log) {
    this.cluster = cluster;
    this.identity = identity;
    this.container = container;
    this.archive = archive;
    this.log = log;
    this.keeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "berth-argo-logs");
              t.setDaemon(true);
              return t;
            });
    keeper.scheduleWithFixedDelay(this::readOnAll, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Up to {@code maxBytes} of the log from {@code offset}. */
  LogChunk read(Job job, long offset, int maxBytes) {
    Kept kept = bringUpToDate(job);
    if (kept.complete().isPresent()) {
      return LogSlices.read(kept.complete().get(), offset, maxBytes);
    }
    Optional<Path> partial = archive.findPartial(job);
    if (partial.isEmpty()) {
      return new LogChunk("", offset, kept.none());
    }
    LogChunk chunk = LogSlices.read(partial.get(), offset, maxBytes);
    return new LogChunk(chunk.text(), chunk.nextOffset(), false);
  }

  /** The last {@code lines} lines of the log; "" when there is none. */
  String tail(Job job, int lines) {
    Optional<Path> kept = bringUpToDate(job).complete();
    if (kept.isPresent()) {
      return LogSlices.tail(kept.get(), lines);
    }
    return archive.findPartial(job).map(p -> LogSlices.tail(p, lines)).orElse("");
  }

  /**
   * Reads on in the job's log; the complete copy when the run has ended, else empty. A workflow
   * that is gone completes the copy with what was kept, marked incomplete when lines were lost.
   */
  private Kept bringUpToDate(Job job) {
    Optional<Path> kept = archive.find(job);
    if (kept.isPresent()) {
      return new Kept(kept, false);
    }
    String name = identity.runName(job);
    GenericKubernetesResource workflow = cluster.workflow(name);
    if (workflow != null && !identity.belongsTo(workflow, job)) {
      return new Kept(Optional.empty(), true);
    }
    if (workflow == null) {
      if (archive.findPartial(job).isEmpty()) {
        return new Kept(Optional.empty(), true);
      }
      finish(job.runId(), job.submittedAt(), name, Integer.MAX_VALUE);
    } else if (Workflows.isFinished(workflow)) {
      finish(job.runId(), job.submittedAt(), name, LogFollower.podsRan(Workflows.section(workflow, "status", "nodes")));
    } else {
      readOn(new Followed(job.runId(), job.submittedAt(), name));
      return new Kept(Optional.empty(), false);
    }
    return new Kept(archive.find(job), false);
  }

  /** Starts following the log of a running job, and reads on at once. */
  void follow(String runId, Instant submittedAt, String workflow) {
    Followed f = new Followed(runId, submittedAt, workflow);
    if (following.putIfAbsent(runId, f) == null) {
      background(() -> readOn(f));
    }
  }

  /**
   * Completes the log of a workflow that has ended, in the background, before Argo's pod garbage
   * collection removes the pods; does nothing when it is complete already. Also for runs that
   * ended while Berth was down: they arrive as the informer's first list.
   */
  void finishSoon(String runId, Instant submittedAt, GenericKubernetesResource workflow) {
    if (archive.isComplete(runId, submittedAt)) {
      following.remove(runId);
      return;
    }
    String name = workflow.getMetadata().getName();
    int podsRan = LogFollower.podsRan(Workflows.section(workflow, "status", "nodes"));
    background(() -> finish(runId, submittedAt, name, podsRan));
  }

  private synchronized void readOn(Followed f) {
    if (!archive.isComplete(f.runId(), f.submittedAt())) {
      new LogFollower(archive, f.runId(), f.submittedAt(), f.workflow()).readOn(pods());
    }
  }

  private synchronized void finish(String runId, Instant submittedAt, String workflow, int podsRan) {
    following.remove(runId);
    if (!archive.isComplete(runId, submittedAt)) {
      new LogFollower(archive, runId, submittedAt, workflow).finish(pods(), podsRan);
    }
  }

  private void readOnAll() {
    for (Followed f : following.values()) {
      try {
        readOn(f);
      } catch (KubernetesClientException | IllegalStateException e) {
        log.warn("run {}: could not read its log from workflow {}: {}", f.runId(), f.workflow(), e.toString());
      } catch (RuntimeException e) {
        log.warn("run {}: could not keep its log: {}", f.runId(), e.toString());
      }
    }
  }

  private void background(Runnable task) {
    try {
      keeper.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.warn("could not keep a job's log: {}", e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      // Closed: the log is read on, or completed, at the next read or the next start.
    }
  }

  private PodLogs pods() {
    return new PodLogs(cluster.client(), cluster.namespace(), container);
  }

  /** Stops keeping logs, and waits for a read in progress to finish writing its file. */
  @Override
  public void close() {
    keeper.shutdownNow();
    try {
      keeper.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
