package dev.berth.probe.cluster;

import java.util.List;

/** Says which monitors to poll. Called on the probe thread before every sample. */
interface Discovery extends AutoCloseable {

  /**
   * The monitors known now, and what went wrong finding them (the last good list is kept when a
   * refresh fails).
   */
  Found targets();

  /** The monitors, and discovery's own errors for the snapshot. */
  record Found(List<MonitorTarget> targets, List<String> errors) {
    public Found {
      targets = List.copyOf(targets);
      errors = List.copyOf(errors);
    }
  }

  @Override
  default void close() {
    // Most discoveries hold nothing.
  }
}
