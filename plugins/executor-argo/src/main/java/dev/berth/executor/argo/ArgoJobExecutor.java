package dev.berth.executor.argo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.HasSettings;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import dev.berth.api.PluginContext;
import dev.berth.api.RunLinks;
import dev.berth.api.SettingsSchema;
import dev.berth.api.SubmissionPreview;
import dev.berth.plugin.support.StatusNotifier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * Runs each job as an Argo Workflow on Kubernetes (plugin {@code argo}, config section {@code
 * executor.argo}; every key is in docs/kubernetes.md). The workflow references the job template's
 * {@code WorkflowTemplate} (or is built from a Workflow manifest file), is named {@code
 * <installation>-<job id>} ({@code berth-<job id>} by default, {@code berth-<job id>-a<n>} for
 * attempt n of a retried job, a run of its own with its own log), and carries the job's parameters
 * plus {@code user} and {@code gpus} as arguments.
 *
 * <p>Status comes from informers on this installation's workflows and their pods, pushed to the
 * host as it changes, and from a direct read when the host polls. A job runs when its pod does, not
 * when Argo calls the workflow Running. Cancelling sets {@code spec.shutdown}. Logs are copied from
 * the pods under the data directory while the run goes on. Building the executor contacts no
 * cluster: {@link #preview} works offline. Admins set {@code argo.pendingTimeoutMinutes} on the
 * settings page.
 */
@Extension
public final class ArgoJobExecutor implements JobExecutor, SubmissionPreview, RunLinks, HasSettings, AutoCloseable {
  private final Logger log;
  private final ArgoExecutorConfig config;
  private final WorkflowIdentity identity;
  private final List<JobTemplate> descriptors;
  private final WorkflowRenderer renderer;
  private final Cluster cluster;
  private final StatusNotifier notifier;
  private final StatusBook book;
  private final JobLogs logs;
  private final WorkflowSubmitter submitter;
  private final WorkflowCanceller canceller;
  private final WorkflowLinks links;
  private final KubernetesSerialization yaml = new KubernetesSerialization(new ObjectMapper(), false);
  private final Object submitLock = new Object();
  private WorkflowWatch watch;
  private PodWatch podWatch;

  /**
   * Reads the config and the manifest files it names; contacts no cluster.
   *
   * @throws IllegalArgumentException when the config is wrong, naming the key
   */
  public ArgoJobExecutor(PluginContext context) {
    this.log = context.logger();
    this.config = ArgoExecutorConfig.from(context.config());
    this.descriptors = config.templates().values().stream().map(ArgoTemplate::descriptor).toList();
    this.identity = new WorkflowIdentity(config.installation());
    this.renderer = new WorkflowRenderer(config, identity, LocalNodes.names());
    this.cluster = new Cluster(KubernetesClients.config(config));
    this.notifier = new StatusNotifier(log, "berth-argo-status");
    this.links = new WorkflowLinks(config.uiUrl(), cluster.namespace());
    this.logs =
        new JobLogs(cluster, identity, config.logContainer(), new LogArchive(context.dataDir()), config.logPoll(), log);
    this.canceller = new WorkflowCanceller(cluster, identity, config.shutdown(), log);
    this.book =
        new StatusBook(
            context.clock(),
            notifier,
            new RunLedger(context.dataDir()),
            identity,
            () -> ArgoSettings.pendingTimeout(context.settings()),
            new StatusBook.LogHooks() {
              @Override
              public void running(String runId, Instant submittedAt, String workflow) {
                logs.follow(runId, submittedAt, workflow);
              }

              @Override
              public void finished(String runId, Instant submittedAt, GenericKubernetesResource workflow) {
                logs.finishSoon(runId, submittedAt, workflow);
              }
            },
            canceller::stopSoon);
    this.submitter = new WorkflowSubmitter(cluster, renderer, identity, book, notifier, log);
  }

  @Override
  public SettingsSchema settingsSchema() {
    return ArgoSettings.SCHEMA;
  }

  /**
   * Starts the informer. Its first list re-reports every workflow Berth created, which brings each
   * SCHEDULED and RUNNING job up to date after a restart.
   */
  @Override
  public synchronized void start(ExecutionListener listener) {
    notifier.listenTo(listener);
    if (watch == null) {
      podWatch = new PodWatch(cluster.client(), cluster.namespace(), identity, config.resync(), book, log);
      watch = new WorkflowWatch(cluster.client(), cluster.namespace(), identity, config.resync(), book, log);
      PodWatch pods = podWatch;
      WorkflowWatch workflows = watch;
      book.readCachesFrom(pods::pods, name -> workflows.cached(cluster.namespace(), name));
      log.info("watching Argo workflows of installation '{}' in namespace {}",
          identity.installation(), cluster.namespace());
    }
  }

  @Override
  public List<JobTemplate> templates() {
    return descriptors;
  }

  @Override
  public String submit(Job job) {
    checkId(job);
    synchronized (submitLock) {
      return submitter.submit(job);
    }
  }

  @Override
  public Optional<ExecutionStatus> status(Job job) {
    if (!WorkflowIdentity.isValidJobId(job.id())) {
      return Optional.empty();
    }
    String name = identity.runName(job);
    GenericKubernetesResource workflow = cluster.workflow(name);
    if (workflow == null) {
      return book.whenGone(job, name);
    }
    if (!identity.belongsTo(workflow, job)) {
      return Optional.empty();
    }
    book.know(job);
    ExecutionStatus status = book.record(job.runId(), job.submittedAt(), workflow, cluster.pods(name));
    // Polling stands in for a broken watch: keep the log going, and complete it at the end.
    if (Workflows.isFinished(workflow)) {
      logs.finishSoon(job.runId(), job.submittedAt(), workflow);
    } else if (status.phase() == ExecutionPhase.RUNNING) {
      logs.follow(job.runId(), job.submittedAt(), name);
    }
    return Optional.of(status);
  }

  @Override
  public void cancel(Job job) {
    if (WorkflowIdentity.isValidJobId(job.id())) {
      canceller.cancel(job);
    }
  }

  @Override
  public LogChunk readLog(Job job, long offset, int maxBytes) {
    if (!WorkflowIdentity.isValidJobId(job.id())) {
      return new LogChunk("", offset, true);
    }
    try {
      return logs.read(job, offset, maxBytes);
    } catch (KubernetesClientException e) {
      // Nothing new for now; the reader asks again from the same offset.
      log.warn("job {}: cannot read its log from the cluster: {}", job.id(), WorkflowSubmitter.reason(e));
      return new LogChunk("", offset, false);
    }
  }

  @Override
  public String tailLog(Job job, int lines) {
    if (!WorkflowIdentity.isValidJobId(job.id())) {
      return "";
    }
    try {
      return logs.tail(job, lines);
    } catch (KubernetesClientException e) {
      log.warn("job {}: cannot read its log from the cluster: {}", job.id(), WorkflowSubmitter.reason(e));
      return "";
    }
  }

  @Override
  public List<ExecutionStatus> active() {
    List<ExecutionStatus> active = new ArrayList<>();
    for (GenericKubernetesResource workflow : cluster.berthWorkflows(identity)) {
      Optional<String> runId = WorkflowIdentity.runId(workflow);
      if (runId.isPresent() && !Workflows.isFinished(workflow)) {
        active.add(WorkflowStatuses.of(runId.get(), workflow, List.of()));
      }
    }
    return active;
  }

  /** The Workflow {@link #submit} would create for {@code job}, as YAML; contacts no cluster. */
  @Override
  public String preview(Job job) {
    return yaml.asYaml(renderer.render(job, cluster.namespace()));
  }

  @Override
  public String previewMediaType() {
    return "application/yaml";
  }

  /** The workflow in the Argo UI named by {@code executor.argo.uiUrl}; empty when that is unset. */
  @Override
  public Optional<URI> runLink(Job job) {
    return links.of(job.executorRef());
  }

  @Override
  public String runLinkLabel() {
    return "Open the workflow in Argo";
  }

  /** Stops watching and pushing; the workflows keep running. */
  @Override
  public synchronized void close() {
    if (watch != null) {
      watch.close();
      podWatch.close();
      watch = null;
      podWatch = null;
    }
    canceller.close();
    notifier.close();
    logs.close();
    cluster.close();
  }

  private static void checkId(Job job) {
    if (!WorkflowIdentity.isValidJobId(job.id())) {
      throw new ExecutionException("job id '" + job.id() + "' cannot name a workflow");
    }
  }
}
