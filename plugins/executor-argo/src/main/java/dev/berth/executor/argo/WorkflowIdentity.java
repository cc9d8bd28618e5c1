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
 * id>} ({@code berth-<job id>} by default), the labels Berth selects on, and the annotations that
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

  /** {@code <installation>-<job id>}: {@code berth-7} for the default installation. */
  String workflowName(String jobId) {
    return installation + "-" + jobId;
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
   * Whether {@code workflow} was created for {@code job} by this installation: it carries this
   * installation's label, the job's id, and, when it records one, the job's submission time. A
   * workflow labelled by hand without the time counts.
   */
  boolean belongsTo(GenericKubernetesResource workflow, Job job) {
    if (!ours(workflow) || !jobId(workflow).map(job.id()::equals).orElse(false)) {
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
