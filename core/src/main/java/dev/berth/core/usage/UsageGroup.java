package dev.berth.core.usage;

import java.util.Map;

/**
 * The figures of one group (a user, a template or a UTC day) over the report's window.
 *
 * @param gpuHours GPU-hours run inside the window (a run crossing its edges counts in part)
 * @param idleGpuHours GPU-hours spent below the idle guard's threshold, from the guard's in-memory
 *     history (so since this server started); null where no guard runs
 * @param jobs jobs that ended inside the window, by end state
 * @param waitP50Seconds median wait from submission to start, of jobs that started inside the
 *     window; null when none did
 * @param runP50Seconds median run time of jobs that ended inside the window after running
 * @param fairShareGpuHours the user's decayed usage the fair-share order ranks by; null unless
 *     grouped by user with that order active on a store that keeps the ledger
 */
public record UsageGroup(String key, double gpuHours, Double idleGpuHours, Map<String, Long> jobs,
    Double waitP50Seconds, Double waitP95Seconds, Double runP50Seconds, Double fairShareGpuHours) {}
