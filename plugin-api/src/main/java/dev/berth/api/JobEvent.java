package dev.berth.api;

import java.time.Instant;

/**
 * One entry of a job's append-only history: the submission (from null to QUEUED) or a state
 * change.
 *
 * @param sequence increasing within one job, starting at 1
 * @param from null for the submission
 */
public record JobEvent(
    String jobId, long sequence, Instant at, JobState from, JobState to, String actor, String message) {}
