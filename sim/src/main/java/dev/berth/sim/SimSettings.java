package dev.berth.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one simulated configuration sets: its name (the config file's, or "default"), the order and
 * policy plugin ids, and the {@code scheduler}, {@code limits} and {@code fairshare} settings
 * sections, written into the store as an admin would write them.
 */
public record SimSettings(String name, String order, List<String> policies, Map<String, Map<String, Object>> sections) {
  /** The sections the simulator takes from a config file: the scheduler's own. */
  public static final List<String> SECTIONS = List.of("scheduler", "limits", "fairshare");

  public SimSettings {
    policies = List.copyOf(policies);
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    sections.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    sections = copy;
  }

  /** First come, first served, strict, one job at a time: the server's defaults. */
  public static SimSettings defaults() {
    return new SimSettings("default", "fifo", List.of(), Map.of());
  }
}
