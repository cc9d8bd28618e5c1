package dev.berth.api;

/** How the host validates a template parameter's value before a job is queued. */
public enum ParameterKind {
  /** Any single-line text without control characters. */
  TEXT,
  /** A path that must stay inside the job's working area: relative, no {@code ..} segment. */
  RELATIVE_PATH,
  /** Any path, absolute allowed, still without {@code ..} segments. */
  PATH
}
