package dev.berth.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the tests check in the real process table: whether a job's process group is gone. */
final class ProcessGroups {
  private ProcessGroups() {}

  /** Whether some process that has not ended belongs to process group {@code pgid}. */
  static boolean hasLiveMember(long pgid) {
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .anyMatch(p -> isLiveMember(p.resolve("stat"), pgid));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Whether {@code pid} is a process that has not ended (zombies have). */
  static boolean isAlive(long pid) {
    String[] fields = fields(Path.of("/proc", Long.toString(pid), "stat"));
    return fields != null && !fields[0].equals("Z") && !fields[0].equals("X");
  }

  /** The process group of {@code pid}. */
  static long groupOf(long pid) {
    return Long.parseLong(fields(Path.of("/proc", Long.toString(pid), "stat"))[2]);
  }

  /** The session of {@code pid}. */
  static long sessionOf(long pid) {
    return Long.parseLong(fields(Path.of("/proc", Long.toString(pid), "stat"))[3]);
  }

  private static boolean isLiveMember(Path stat, long pgid) {
    String[] fields = fields(stat);
    // fields[0] is the state (field 3), fields[2] the process group (field 5).
    return fields != null
        && !fields[0].equals("Z")
        && !fields[0].equals("X")
        && fields[2].equals(Long.toString(pgid));
  }

  private static String[] fields(Path stat) {
    try {
      String line = Files.readString(stat);
      return line.substring(line.lastIndexOf(')') + 1).trim().split("\\s+");
    } catch (IOException e) {
      return null;
    }
  }
}
