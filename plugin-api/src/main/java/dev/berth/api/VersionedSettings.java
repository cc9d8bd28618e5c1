package dev.berth.api;

import java.util.Map;

/**
 * A settings section as stored, with the version that a compare-and-set update must name.
 *
 * @param section the section name ({@code thresholds}, {@code scheduler}, a plugin id)
 * @param version 0 when the section was never written, then 1, 2, …
 * @param values the values as strings, keyed by setting key
 */
public record VersionedSettings(String section, long version, Map<String, String> values) {
  public VersionedSettings {
    values = Map.copyOf(values);
  }
}
