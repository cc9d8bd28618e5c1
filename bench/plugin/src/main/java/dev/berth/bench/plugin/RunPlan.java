package dev.berth.bench.plugin;

import dev.berth.api.ExecutionPhase;

/**
 * What a virtual run does, read from its job's template and parameters before it starts.
 *
 * @param lasting how it ends: at once, after {@code millis}, or only when cancelled
 * @param millis how long a {@link Lasting#TIMED} run lasts
 * @param exitCode the exit code it ends with (0 succeeds, anything else fails)
 * @param log the whole text it "prints", fixed from the start
 */
record RunPlan(Lasting lasting, long millis, int exitCode, String log) {

  /** How a run ends. */
  enum Lasting {
    /** Ends as soon as it started. */
    INSTANT,
    /** Ends after {@code millis}. */
    TIMED,
    /** Runs until cancelled. */
    UNTIL_CANCELLED
  }

  /** The phase a run that ends by itself reports. */
  ExecutionPhase endPhase() {
    return exitCode == 0 ? ExecutionPhase.SUCCEEDED : ExecutionPhase.FAILED;
  }

  /** The message of that end: null on success, the exit code otherwise. */
  String endMessage() {
    return exitCode == 0 ? null : "exit code " + exitCode;
  }
}
