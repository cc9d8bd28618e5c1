package dev.berth.executor.argo;

import dev.berth.api.Job;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a job and its workflow find each other: the deterministic name {@code <installation>-<job
 * id>} ({@code berth-<job id>} by default; {@code berth-<job id>-a<attempt>} for a retry, which is
 * a run of its own), the labels Berth selects on, and the annotations that
 * tell two jobs with the same id apart: the installation (two Berths sharing a namespace) and the
 * job's submission time (a fresh database). Berth never adopts, follows or stops a workflow it did
 * not create for that job.
 */
final class WorkflowIdentity {
  static final String DEFAULT_INSTALLATION = "berth";
  static final String JOB_ID_LABEL = "berth.dev/job-id";
  static final String INSTALLATION_LABEL = "berth.dev/installation";
  static final String INSTALLATION_ANNOTATION = "berth.dev/installation";
  static final String USER_LABEL = "berth.dev/user";
  /** Which attempt of the job a workflow (or pod) runs; a workflow without it runs attempt 1. */
  static final String ATTEMPT_LABEL = "berth.dev/attempt";
  static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  static final String MANAGED_BY = "berth";
  static final String USER_ANNOTATION = "berth.dev/user";
  static final String JOB_NAME_ANNOTATION = "berth.dev/job-name";
  static final String TEMPLATE_ANNOTATION = "berth.dev/template";
  static final String SUBMITTED_AT_ANNOTATION = "berth.dev/submitted-at";

  /** A Kubernetes label value: at most 63 characters, alphanumeric at both ends. */
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private static final Pattern JOB_ID = Pattern.compile("[0-9]{1,18}");

  /** {@link Job#runId()}: the job id, then {@code .<attempt>} for a retry. */
  private static final Pattern RUN_ID = Pattern.compile("([0-9]{1,18})(?:\\.([2-9]|[1-9][0-9]{1,5}))?");

  private final String installation;

  /** @param installation this Berth's installation id, a DNS label (checked by the config) */
  WorkflowIdentity(String installation) {
    this.installation = installation;
  }

  String installation() {
    return installation;
  }

  /** Whether {@code id} can name a workflow; store ids are decimal numbers. */
  static boolean isValidJobId(String id) {
    return JOB_ID.matcher(id).matches();
  }

  /**
   * Whether {@code runId} can name a workflow and its files: a job id, or {@code <job id>.<attempt>}
   * ({@link Job#runId()}).
   */
  static boolean isValidRunId(String runId) {
    return RUN_ID.matcher(runId).matches();
  }

  /** The job id of a valid run id. */
  static String jobIdOf(String runId) {
    int dot = runId.indexOf('.');
    return dot < 0 ? runId : runId.substring(0, dot);
  }

  /** The attempt of a valid run id: 1 when it names none. */
  static int attemptOf(String runId) {
    int dot = runId.indexOf('.');
    return dot < 0 ? 1 : Integer.parseInt(runId.substring(dot + 1));
  }

  /** {@code <installation>-<job id>}: {@code berth-7} for the default installation. */
  String workflowName(String jobId) {
    return installation + "-" + jobId;
  }

  /**
   * The workflow of one attempt's run: {@code berth-7} for attempt 1, as before retries existed,
   * and {@code berth-7-a2} for attempt 2 ('.' of the run id is not allowed in a pod's name).
   */
  String runName(String runId) {
    int attempt = attemptOf(runId);
    String base = workflowName(jobIdOf(runId));
    return attempt <= 1 ? base : base + "-a" + attempt;
  }

  /** The workflow of {@code job}'s current attempt. */
  String runName(Job job) {
    return runName(job.runId());
  }
  /** Whether {@code workflow} carries this installation's label; resources of another Berth do not. */
  boolean ours(HasMetadata resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    return labels != null && installation.equals(labels.get(INSTALLATION_LABEL));
  }

  /**
   * The user as a label value. Berth's user names may end in '.', '_' or '-' and run to 64
   * characters, which a label may not; the full name is kept in an annotation.
   */
  static String userLabel(String user) {
    String value = user.length() > 63 ? user.substring(0, 63) : user;
    while (!value.isEmpty() && !Character.isLetterOrDigit(value.charAt(value.length() - 1))) {
      value = value.substring(0, value.length() - 1);
    }
    return LABEL_VALUE.matcher(value).matches() ? value : "";
  }

  /** The job id a Berth workflow (or pod) carries in its label; empty for any other. */
  static Optional<String> jobId(HasMetadata workflow) {
    Map<String, String> labels = workflow.getMetadata().getLabels();
    String id = labels == null ? null : labels.get(JOB_ID_LABEL);
    return id != null && isValidJobId(id) ? Optional.of(id) : Optional.empty();
  }

  /**
   * The attempt a Berth workflow (or pod) runs, from its label: 1 when it has none (created before
   * retries existed) or the label is unreadable.
   */
  static int attempt(HasMetadata resource) {
    Map<String, String> labels = resource.getMetadata().getLabels();
    String value = labels == null ? null : labels.get(ATTEMPT_LABEL);
    if (value == null || !value.matches("[1-9][0-9]{0,5}")) {
      return 1;
    }
    return Integer.parseInt(value);
  }

  /** The run id ({@link Job#runId()}) a Berth workflow (or pod) carries; empty for any other. */
  static Optional<String> runId(HasMetadata resource) {
    return jobId(resource).map(id -> Job.runId(id, attempt(resource)));
  }

  /** The submission time stamped on the workflow, in the form the annotation holds. */
  static String submittedAt(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** The submission time stamped on the workflow; empty when it has none or it is unreadable. */
  static Optional<Instant> stampedSubmittedAt(HasMetadata workflow) {
    Map<String, String> annotations = workflow.getMetadata().getAnnotations();
    String stamped = annotations == null ? null : annotations.get(SUBMITTED_AT_ANNOTATION);
    try {
      return stamped == null ? Optional.empty() : Optional.of(Instant.parse(stamped));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code workflow} was created for {@code job}'s current attempt by this installation: it
   * carries this installation's label, the job's id and attempt, and, when it records one, the
   * job's submission time. A workflow labelled by hand without the time counts.
   */
  boolean belongsTo(GenericKubernetesResource workflow, Job job) {
    if (!ours(workflow) || !runId(workflow).map(job.runId()::equals).orElse(false)) {
      return false;
    }
    Map<String, String> annotations = workflow.getMetadata().getAnnotations();
    String stamped = annotations == null ? null : annotations.get(SUBMITTED_AT_ANNOTATION);
    if (stamped == null) {
      return true;
    }
    try {
      return Instant.parse(stamped).equals(job.submittedAt().truncatedTo(ChronoUnit.MILLIS));
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
