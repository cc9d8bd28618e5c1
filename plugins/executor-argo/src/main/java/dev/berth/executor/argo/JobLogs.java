package dev.berth.executor.argo;

import dev.berth.api.Job;
import dev.berth.api.LogChunk;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;

/**
 * A job's log: from the archive once its run has ended, else live from the workflow's pods. Paging
 * ({@link #read}) serves followers: the API and the UI read on from the offset they reached.
 */
final class JobLogs implements AutoCloseable {
  private final Cluster cluster;
  private final String container;
  private final LogArchive archive;
  private final Logger log;
  private final ExecutorService keeper;

  JobLogs(Cluster cluster, String container, LogArchive archive, Logger log) {
    this.cluster = cluster;
    this.container = container;
    this.archive = archive;
    this.log = log;
    this.keeper =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "berth-argo-logs");
              t.setDaemon(true);
              return t;
            });
  }

  /** Up to {@code maxBytes} of the log from {@code offset}. */
  LogChunk read(Job job, long offset, int maxBytes) {
    Optional<Path> kept = archive.find(job);
    if (kept.isPresent()) {
      return LogSlices.read(kept.get(), offset, maxBytes);
    }
    String name = WorkflowIdentity.workflowName(job.id());
    GenericKubernetesResource workflow = cluster.workflow(name);
    if (workflow == null || !WorkflowIdentity.belongsTo(workflow, job)) {
      return new LogChunk("", offset, true);
    }
    boolean ended = Workflows.isFinished(workflow);
    String text = pods().whole(name);
    if (ended) {
      keep(job.id(), job.submittedAt(), text);
    }
    return LogSlices.read(text.getBytes(StandardCharsets.UTF_8), offset, maxBytes, ended);
  }

  /** The last {@code lines} lines of the log; "" when there is none. */
  String tail(Job job, int lines) {
    Optional<Path> kept = archive.find(job);
    if (kept.isPresent()) {
      return LogSlices.tail(kept.get(), lines);
    }
    String name = WorkflowIdentity.workflowName(job.id());
    GenericKubernetesResource workflow = cluster.workflow(name);
    if (workflow == null || !WorkflowIdentity.belongsTo(workflow, job)) {
      return "";
    }
    if (Workflows.isFinished(workflow)) {
      String text = pods().whole(name);
      keep(job.id(), job.submittedAt(), text);
      return LogSlices.tail(text, lines);
    }
    return pods().tail(name, lines);
  }

  /**
   * Keeps the log of a workflow that has just finished, in the background, before Argo's pod
   * garbage collection or a TTL removes it.
   */
  void keepSoon(String jobId, GenericKubernetesResource workflow) {
    Map<String, String> annotations = workflow.getMetadata().getAnnotations();
    String stamped = annotations == null ? null : annotations.get(WorkflowIdentity.SUBMITTED_AT_ANNOTATION);
    if (stamped == null) {
      return;
    }
    Instant submittedAt;
    try {
      submittedAt = Instant.parse(stamped);
    } catch (DateTimeParseException e) {
      return;
    }
    String name = workflow.getMetadata().getName();
    try {
      keeper.execute(
          () -> {
            try {
              keep(jobId, submittedAt, pods().whole(name));
            } catch (KubernetesClientException | IllegalStateException e) {
              log.warn("job {}: could not keep the log of workflow {}: {}", jobId, name, e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      // Closed: the log is read from the pods, or kept, at the next read.
    }
  }

  private void keep(String jobId, Instant submittedAt, String text) {
    try {
      archive.save(jobId, submittedAt, text);
    } catch (RuntimeException e) {
      log.warn("job {}: {}", jobId, e.getMessage());
    }
  }

  private PodLogs pods() {
    return new PodLogs(cluster.client(), cluster.namespace(), container);
  }

  @Override
  public void close() {
    keeper.shutdownNow();
  }
}
