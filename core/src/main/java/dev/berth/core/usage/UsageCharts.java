package dev.berth.core.usage;

import java.util.List;

/**
 * What the usage page draws, over the same window and jobs as a {@link UsageReport}.
 *
 * @param days the UTC days of the window, oldest first
 * @param users everyone with a job that ran, started or ended in the window, by name
 * @param gpuHours {@code gpuHours[u][d]}: GPU-hours of {@code users[u]} on {@code days[d]}
 * @param waitBuckets labels of the wait-time buckets
 * @param waitCounts jobs that started in the window, per bucket
 * @param hours the starts of the window's hours (epoch seconds), for the GPUs-in-use line
 * @param gpusInUse GPUs that Berth's runs held, averaged over each hour
 */
public record UsageCharts(List<String> days, List<String> users, double[][] gpuHours, List<String> waitBuckets,
    long[] waitCounts, long[] hours, double[] gpusInUse) {}
