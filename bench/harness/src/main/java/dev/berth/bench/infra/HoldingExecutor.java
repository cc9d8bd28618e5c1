package dev.berth.bench.infra;

import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import java.util.List;
import java.util.Optional;

/**
 * An executor whose runs never end, for a benchmark that needs every GPU held so that a pass can
 * start nothing. It runs nothing and keeps nothing.
 */
public final class HoldingExecutor implements JobExecutor {
  @Override
  public List<JobTemplate> templates() {
    return List.of();
  }

  @Override
  public String submit(Job job) {
    return "held-" + job.id();
  }

  @Override
  public Optional<ExecutionStatus> status(Job job) {
    return Optional.empty();
  }

  @Override
  public void cancel(Job job) {}

  @Override
  public LogChunk readLog(Job job, long offset, int maxBytes) {
    return new LogChunk("", offset, true);
  }

  @Override
  public String tailLog(Job job, int lines) {
    return "";
  }

  @Override
  public List<ExecutionStatus> active() {
    return List.of();
  }
}
