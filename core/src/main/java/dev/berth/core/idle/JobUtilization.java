package dev.berth.core.idle;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/jobs/{id}/utilization} answers and the job page charts.
 *
 * @param idleSince since when every GPU of the job has been under the threshold; null while in use
 * @param warned whether the owner was told the job is idle
 * @param decision the guard's reason at the last sample
 */
public record JobUtilization(
    String jobId, double thresholdPercent, Instant idleSince, boolean warned, String decision, double idleGpuHours,
    List<UtilizationPoint> points) {}
