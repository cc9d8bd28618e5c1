package dev.berth.executor.argo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.ExecutionException;
import dev.berth.api.ExecutionListener;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import dev.berth.api.PluginContext;
import dev.berth.api.RunLinks;
import dev.berth.api.SubmissionPreview;
import dev.berth.plugin.support.StatusNotifier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.slf4j.Logger;

/**
 * Runs each job as an Argo Workflow on Kubernetes (plugin {@code argo}, config section {@code
 * executor.argo}; every key is in docs/kubernetes.md). The workflow references the job template's
 * {@code WorkflowTemplate} (or is built from a Workflow manifest file), is named {@code
 * berth-<job id>}, and carries the job's parameters plus {@code user} and {@code gpus} as
 * arguments.
 *
 * <p>Status comes from an informer on Berth's workflows, pushed to the host as it changes, and from
 * a direct read when the host polls. Cancelling sets {@code spec.shutdown}. Logs come from the
 * workflow's pods and are kept under the data directory once the run has ended. Building the
 * executor contacts no cluster: {@link #preview} works offline.
 */
@Extension
public final class ArgoJobExecutor implements JobExecutor, SubmissionPreview, RunLinks, AutoCloseable {
  private final Logger log;
  private final ArgoExecutorConfig config;
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

  /**
   * Reads the config and the manifest files it names; contacts no cluster.
   *
   * @throws IllegalArgumentException when the config is wrong, naming the key
   */
  public ArgoJobExecutor(PluginContext context) {
    this.log = context.logger();
    this.config = ArgoExecutorConfig.from(context.config());
    this.descriptors = config.templates().values().stream().map(ArgoTemplate::descriptor).toList();
    this.renderer = new WorkflowRenderer(config, LocalNodes.names());
    this.cluster = new Cluster(KubernetesClients.config(config));
    this.notifier = new StatusNotifier(log, "berth-argo-status");
    this.logs = new JobLogs(cluster, config.logContainer(), new LogArchive(context.dataDir()), log);
    this.book = new StatusBook(context.clock(), notifier, logs::keepSoon);
    this.submitter = new WorkflowSubmitter(cluster, renderer, log);
    this.canceller = new WorkflowCanceller(cluster, config.shutdown(), log);
    this.links = new WorkflowLinks(config.uiUrl(), cluster.namespace());
  }

  /**
   * Starts the informer. Its first list re-reports every workflow Berth created, which brings each
   * SCHEDULED and RUNNING job up to date after a restart.
   */
  @Override
  public synchronized void start(ExecutionListener listener) {
    notifier.listenTo(listener);
    if (watch == null) {
      watch = new WorkflowWatch(cluster.client(), cluster.namespace(), config.resync(), book, log);
      log.info("watching Argo workflows in namespace {}", cluster.namespace());
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
      if (book.wasDeleted(job.id())) {
        throw new ExecutionException(
            "workflow "
                + WorkflowIdentity.workflowName(job.id())
                + " was deleted outside Berth before it finished; the job is not run again");
      }
      return submitter.submit(job);
    }
  }

  @Override
  public Optional<ExecutionStatus> status(Job job) {
    if (!WorkflowIdentity.isValidJobId(job.id())) {
      return Optional.empty();
    }
    String name = WorkflowIdentity.workflowName(job.id());
    GenericKubernetesResource workflow = cluster.workflow(name);
    if (workflow == null) {
      return book.whenGone(job, name);
    }
    if (!WorkflowIdentity.belongsTo(workflow, job)) {
      return Optional.empty();
    }
    return Optional.of(book.record(job.id(), workflow));
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
    for (GenericKubernetesResource workflow : cluster.berthWorkflows()) {
      Optional<String> jobId = WorkflowIdentity.jobId(workflow);
      if (jobId.isPresent() && !Workflows.isFinished(workflow)) {
        active.add(book.record(jobId.get(), workflow));
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
      watch = null;
    }
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
