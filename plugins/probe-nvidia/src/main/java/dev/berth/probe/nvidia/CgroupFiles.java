package dev.berth.probe.nvidia;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The limits and usage of the probe's own cgroup (v2 unified hierarchy), as a container sees them
 * at {@code /sys/fs/cgroup}. cgroup v1 is not read: there the probe measures /proc.
 */
final class CgroupFiles {

  private static final String UNLIMITED = "max";

  private final Path cpuMax;
  private final Path cpuStat;
  private final Path memoryMax;
  private final Path memoryCurrent;

  CgroupFiles(Path cgroupRoot) {
    this.cpuMax = cgroupRoot.resolve("cpu.max");
    this.cpuStat = cgroupRoot.resolve("cpu.stat");
    this.memoryMax = cgroupRoot.resolve("memory.max");
    this.memoryCurrent = cgroupRoot.resolve("memory.current");
  }

  boolean hasCpuMax() {
    return Files.isRegularFile(cpuMax);
  }

  boolean hasMemoryMax() {
    return Files.isRegularFile(memoryMax);
  }

  /** CPUs allowed by {@code cpu.max} ("quota period"); empty when the quota is {@code max}. */
  OptionalDouble cpuLimit() throws ProbeFailure {
    String[] fields = FileText.read(cpuMax).trim().split("\\s+");
    if (fields[0].equals(UNLIMITED)) {
      return OptionalDouble.empty();
    }
    long quota = FileText.parseLong(fields[0], cpuMax);
    long period = fields.length > 1 ? FileText.parseLong(fields[1], cpuMax) : 100_000;
    if (quota <= 0 || period <= 0) {
      throw new ProbeFailure(cpuMax + " holds '" + String.join(" ", fields) + "', not a quota");
    }
    return OptionalDouble.of((double) quota / period);
  }

  /** {@code usage_usec} of {@code cpu.stat}: CPU time the cgroup used since it was created. */
  long cpuUsageMicros() throws ProbeFailure {
    for (String line : FileText.read(cpuStat).lines().toList()) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length == 2 && fields[0].equals("usage_usec")) {
        return FileText.parseLong(fields[1], cpuStat);
      }
    }
    throw new ProbeFailure(cpuStat + " has no usage_usec");
  }

  /** Bytes allowed by {@code memory.max}; empty when it is {@code max}. */
  OptionalLong memoryLimitBytes() throws ProbeFailure {
    String text = FileText.read(memoryMax).trim();
    if (text.equals(UNLIMITED)) {
      return OptionalLong.empty();
    }
    long limit = FileText.parseLong(text, memoryMax);
    if (limit <= 0) {
      throw new ProbeFailure(memoryMax + " holds '" + text + "', not a limit");
    }
    return OptionalLong.of(limit);
  }

  long memoryCurrentBytes() throws ProbeFailure {
    return FileText.parseLong(FileText.read(memoryCurrent), memoryCurrent);
  }
}
