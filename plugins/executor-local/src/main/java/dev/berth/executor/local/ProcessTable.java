package dev.berth.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code /proc/<pid>/stat}. A PID alone does not identify a process across a Berth restart,
 * as the kernel reuses PIDs; the PID together with the start time (field 22, in clock ticks since
 * boot) does.
 */
final class ProcessTable {
  private final Path procRoot;

  ProcessTable(Path procRoot) {
    this.procRoot = procRoot;
  }

  /** The start time of {@code pid}, empty when no such process exists. */
  Optional<String> startTime(long pid) {
    return stat(pid).map(Stat::startTime);
  }

  /**
   * Whether {@code pid} is the process that started at {@code startTime} and has not ended. A
   * zombie has ended: only its exit status is left for its parent to collect.
   */
  boolean isAlive(long pid, String startTime) {
    return stat(pid)
        .filter(s -> s.startTime().equals(startTime))
        .filter(s -> s.state() != 'Z' && s.state() != 'X')
        .isPresent();
  }

  /**
   * Whether {@code pid} now belongs to a process other than the one that started at {@code
   * startTime}.
   */
  boolean isReusedByAnother(long pid, String startTime) {
    return stat(pid).filter(s -> !s.startTime().equals(startTime)).isPresent();
  }

  private Optional<Stat> stat(long pid) {
    String line;
    try {
      line = Files.readString(procRoot.resolve(Long.toString(pid)).resolve("stat"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // A process that exits while we read makes the read fail (ESRCH): it is gone.
      return Optional.empty();
    }
    return Optional.ofNullable(Stat.parse(line));
  }

  /** The two fields of {@code /proc/<pid>/stat} this class needs. */
  private record Stat(char state, String startTime) {

    /**
     * The command name (field 2) may hold spaces and ')', so fields are counted from the last ')'.
     */
    static Stat parse(String line) {
      int close = line.lastIndexOf(')');
      if (close < 0) {
        return null;
      }
      String[] fields = line.substring(close + 1).trim().split("\\s+");
      // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
      if (fields.length < 20 || fields[0].isEmpty()) {
        return null;
      }
      return new Stat(fields[0].charAt(0), fields[19]);
    }
  }
}
