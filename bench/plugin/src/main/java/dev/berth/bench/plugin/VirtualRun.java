package dev.berth.bench.plugin;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import java.time.Instant;
import java.util.Map;

/**
 * One job's virtual run: started at a moment, ended (or not) at another. Thread-safe: the scheduler
 * thread starts it, and a timer, a cancel or a restart's replay may end it.
 */
final class VirtualRun {
  private final String jobId;
  private final String ref;
  private final String template;
  private final Map<String, String> parameters;
  private final RunPlan plan;
  private final Instant startedAt;
  private ExecutionPhase phase = ExecutionPhase.RUNNING;
  private Integer exitCode;
  private String message;
  private Instant finishedAt;
  private final int attempt;

  VirtualRun(String jobId, String ref, String template, Map<String, String> parameters, RunPlan plan, Instant startedAt) {
    this(jobId, ref, template, parameters, plan, startedAt, 1);
  }

  /** A run of attempt {@code attempt} of the job (the journal keeps first attempts only). */
  VirtualRun(String jobId, String ref, String template, Map<String, String> parameters, RunPlan plan, Instant startedAt,
      int attempt) {
    this.attempt = attempt;
    this.jobId = jobId;
    this.ref = ref;
    this.template = template;
    this.parameters = Map.copyOf(parameters);
    this.plan = plan;
    this.startedAt = startedAt;
  }

  String jobId() {
    return jobId;
  }

  String ref() {
    return ref;
  }

  String template() {
    return template;
  }

  Map<String, String> parameters() {
    return parameters;
  }

  RunPlan plan() {
    return plan;
  }

  Instant startedAt() {
    return startedAt;
  }

  /**
   * Ends the run, unless it already ended.
   *
   * @return true when this call ended it
   */
  synchronized boolean end(ExecutionPhase endPhase, Integer endExitCode, String endMessage, Instant at) {
    if (phase.isFinished()) {
      return false;
    }
    phase = endPhase;
    exitCode = endExitCode;
    message = endMessage;
    finishedAt = at;
    return true;
  }

  synchronized boolean isFinished() {
    return phase.isFinished();
  }

  synchronized ExecutionStatus status() {
    return new ExecutionStatus(jobId, ref, phase, exitCode, message, startedAt, finishedAt, attempt);
  }
}
