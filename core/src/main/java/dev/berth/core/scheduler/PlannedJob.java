package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobScore;
import java.time.Instant;
import java.util.List;

/**
 * A queued job as the last pass planned it.
 *
 * @param position its place in the order, 1 = next
 * @param reasons why it waits, each with its code
 * @param estimatedStartAt when it should start if every job ahead runs to its time limit; null when
 *     that cannot be known
 * @param estimateNote why {@code estimatedStartAt} is null; null when it is not
 * @param score its score under an order that scores; null under one that sorts
 */
public record PlannedJob(Job job, long position, List<WaitingReason> reasons, Instant estimatedStartAt,
    String estimateNote, JobScore score) {}
