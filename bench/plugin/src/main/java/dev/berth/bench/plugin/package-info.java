/**
 * The benchmark-only plugin {@code bench}: {@link dev.berth.bench.plugin.NoopJobExecutor}, an
 * executor whose jobs are virtual (they end at once, after a set time, or when cancelled), and
 * {@link dev.berth.bench.plugin.SteadyProbe}, a probe that always reports idle GPUs. With both,
 * a benchmark measures Berth's own queue, scheduler and reconciler and nothing else. Never bundled
 * in the distribution.
 */
package dev.berth.bench.plugin;
