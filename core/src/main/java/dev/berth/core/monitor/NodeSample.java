package dev.berth.core.monitor;

import dev.berth.api.ResourceSnapshot;
import java.time.Duration;

/**
 * One finished sample: the probe's snapshot, the status built from it, and that status already
 * serialised, so that {@code /status} only copies bytes.
 *
 * @param took how long the probe and the policy took
 */
public record NodeSample(ResourceSnapshot snapshot, NodeStatus status, byte[] json, Duration took) {}
