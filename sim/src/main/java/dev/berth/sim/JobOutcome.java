package dev.berth.sim;

import dev.berth.api.JobState;
import java.time.Instant;

/**
 * What became of one trace job: when it was submitted, started and ended, how, and, when its start
 * estimate was measured, what the plan right after its submission said (null: the plan gave none).
 */
public record JobOutcome(
    String traceId, String user, int gpus, Instant submittedAt, Instant startedAt, Instant finishedAt,
    JobState state, boolean estimateMeasured, Instant estimatedStartAt) {}
