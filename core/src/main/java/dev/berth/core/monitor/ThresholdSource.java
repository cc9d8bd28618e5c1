package dev.berth.core.monitor;

import dev.berth.api.Settings;
import java.util.List;

/**
 * The settings a monitor's policy judges with (the {@code thresholds} section), and where they came
 * from. {@link #current()} is cheap and called from the policy; {@link #refresh()} may do I/O and is
 * called only on the sampling thread, before each sample.
 */
public interface ThresholdSource {

  /** The settings section in force now, every key filled in. */
  Settings current();

  /** Fetches new values where they come from elsewhere; never throws. */
  void refresh();

  /** Where the values come from, for {@code /status}: {@code defaults}, {@code local}, or the server's URL. */
  String origin();

  /** What went wrong fetching them, such as the server being down; empty when all is well. */
  List<String> problems();
}
