package dev.berth.api;

/**
 * One user's GPU time as the usage ledger holds it.
 *
 * @param user the user
 * @param gpuSeconds every GPU-second ever accrued, undecayed
 * @param decayedGpuSeconds the same GPU-seconds, each halved per half-life since it was accrued
 */
public record UserUsage(String user, double gpuSeconds, double decayedGpuSeconds) {}
