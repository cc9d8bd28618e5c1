package dev.berth.api;

/**
 * Implemented by a {@link JobExecutor} that can show exactly what it would submit for a job,
 * without submitting anything or contacting a cluster: users debug their templates with it ({@code
 * berth render}, {@code POST /api/v1/jobs?dryRun=true}). An executor that does not implement it
 * cannot dry-run; nothing else changes.
 *
 * <p><b>Combination:</b> exactly one executor is active; it is asked when it implements this
 * interface ({@code berth render --executor} may name another installed one).
 *
 * <p><b>Threads:</b> called on HTTP request threads, concurrently, and by the launcher.
 *
 * <p><b>Speed:</b> pure, no I/O beyond reading the executor's own template files: milliseconds.
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
