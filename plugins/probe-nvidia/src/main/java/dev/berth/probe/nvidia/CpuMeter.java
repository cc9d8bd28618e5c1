package dev.berth.probe.nvidia;

import java.time.Clock;
import java.util.OptionalDouble;

/**
 * Host CPU busy share over the interval since the previous reading. Keeps that previous reading, so
 * a call needs no sleep; the first reading only sets the baseline and measures nothing.
 *
 * <p>Where the figure comes from follows {@link CgroupMode}: inside a cgroup with a CPU quota, the
 * cgroup's usage against the quota (a container's own headroom); elsewhere, the host's /proc/stat.
 * The cgroup interval is read from the plugin's clock, as all time is.
 */
final class CpuMeter {

  private final ProcFiles proc;
  private final CgroupFiles cgroup;
  private final CgroupMode mode;
  private final Clock clock;
  private CpuSample previous;

  CpuMeter(ProcFiles proc, CgroupFiles cgroup, CgroupMode mode, Clock clock) {
    this.proc = proc;
    this.cgroup = cgroup;
    this.mode = mode;
    this.clock = clock;
  }

  /**
   * Percent busy since the previous reading; null on the first reading (no interval yet) or when
   * the source changed between readings.
   */
  Double measure() throws ProbeFailure {
    CpuSample earlier = previous;
    previous = null;
    CpuSample now = current();
    previous = now;
    return earlier == null ? null : now.busyPercentSince(earlier);
  }

  private CpuSample current() throws ProbeFailure {
    return switch (mode) {
      case OFF -> proc.cpuSample();
      case ON -> cgroupSample(cgroup.cpuLimit());
      case AUTO -> {
        OptionalDouble limit = autoLimit();
        yield limit.isPresent() ? cgroupSample(limit) : proc.cpuSample();
      }
    };
  }

  /** The quota, if the cgroup readably sets one; anything else means "measure /proc". */
  private OptionalDouble autoLimit() {
    if (!cgroup.hasCpuMax()) {
      return OptionalDouble.empty();
    }
    try {
      return cgroup.cpuLimit();
    } catch (ProbeFailure e) {
      return OptionalDouble.empty();
    }
  }

  private CgroupCpuSample cgroupSample(OptionalDouble limit) throws ProbeFailure {
    double allowed = limit.isPresent() ? limit.getAsDouble() : proc.cpuCount();
    return new CgroupCpuSample(cgroup.cpuUsageMicros(), clock.instant(), allowed);
  }
}
