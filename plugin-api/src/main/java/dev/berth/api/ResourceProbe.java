package dev.berth.api;

import org.pf4j.ExtensionPoint;

/**
 * Measures the machines jobs run on.
 *
 * <p><b>Combination:</b> exactly one probe is active, chosen by {@code extensions.probe}.
 *
 * <p><b>Threads:</b> called by the host's single probe thread, never concurrently with itself, every
 * {@code scheduler.probeIntervalSeconds} (5 s by default) and when the scheduler asks for a fresh
 * sample. The host caches the result for everyone else; request threads never call a probe.
 *
 * <p><b>Speed:</b> must return within its own configured timeout (2 s for nvidia-smi by default):
 * kill what hangs and report it as an error in the snapshot. Do not throw for a failed measurement:
 * return the node with the reason in {@link NodeResources#errors()} so that users see why nothing
 * starts. An exception is treated as a snapshot with that one error.
 *
 * <p>Every probe passes the {@code ResourceProbeContract} suite of {@code berth-testkit}.
 */
public interface ResourceProbe extends ExtensionPoint {

  ResourceSnapshot sample();
}
