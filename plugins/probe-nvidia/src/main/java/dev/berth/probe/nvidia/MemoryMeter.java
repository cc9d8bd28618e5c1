package dev.berth.probe.nvidia;

import java.util.OptionalLong;

/**
 * Host memory in use, 0–100. Inside a cgroup with a memory limit, {@code memory.current ÷
 * memory.max} (what the container may still use); elsewhere, or when the limit is {@code max},
 * {@code 1 − MemAvailable ÷ MemTotal} of /proc/meminfo.
 */
final class MemoryMeter {

  private final ProcFiles proc;
  private final CgroupFiles cgroup;
  private final CgroupMode mode;

  MemoryMeter(ProcFiles proc, CgroupFiles cgroup, CgroupMode mode) {
    this.proc = proc;
    this.cgroup = cgroup;
    this.mode = mode;
  }

  double measure() throws ProbeFailure {
    OptionalLong limit =
        switch (mode) {
          case OFF -> OptionalLong.empty();
          case ON -> cgroup.memoryLimitBytes();
          case AUTO -> autoLimit();
        };
    if (limit.isEmpty()) {
      return proc.memoryPercent();
    }
    return Percent.of(cgroup.memoryCurrentBytes(), limit.getAsLong());
  }

  /** The limit, if the cgroup readably sets one; anything else means "measure /proc". */
  private OptionalLong autoLimit() {
    if (!cgroup.hasMemoryMax()) {
      return OptionalLong.empty();
    }
    try {
      return cgroup.memoryLimitBytes();
    } catch (ProbeFailure e) {
      return OptionalLong.empty();
    }
  }
}
