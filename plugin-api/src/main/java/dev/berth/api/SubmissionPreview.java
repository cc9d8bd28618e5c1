package dev.berth.api;

/**
 * Implemented by a {@link JobExecutor} that can show exactly what it would submit for a job,
 * without submitting anything or contacting a cluster: users debug their templates with it ({@code
 * berth argo render}, {@code POST /api/v1/jobs?dryRun=true}).
 *
 * <p>Called on request threads and by the launcher; pure, no I/O beyond reading the executor's own
 * template files.
 */
public interface SubmissionPreview {

  /**
   * The submission for {@code job} as text (an Argo Workflow as YAML, say).
   *
   * @throws ExecutionException when the job could not be submitted (unknown template, bad
   *     parameters), with the reason
   */
  String preview(Job job);

  /** The media type of {@link #preview}, such as {@code application/yaml}. */
  default String previewMediaType() {
    return "text/plain";
  }
}
