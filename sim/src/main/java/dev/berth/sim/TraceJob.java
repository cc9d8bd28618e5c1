package dev.berth.sim;

/**
 * One job of a trace, in the trace's own terms: seconds from the trace's start. {@code user} is
 * null when the trace names none (then {@code --users} assigns one); {@code timeLimitSeconds} is
 * null when the trace carries none.
 */
public record TraceJob(
    long line, String id, String user, int gpus, long submitSecond, long durationSeconds, Integer timeLimitSeconds) {

  TraceJob withUser(String u) {
    return new TraceJob(line, id, u, gpus, submitSecond, durationSeconds, timeLimitSeconds);
  }

  TraceJob withTimeLimit(Integer seconds) {
    return new TraceJob(line, id, user, gpus, submitSecond, durationSeconds, seconds);
  }
}
