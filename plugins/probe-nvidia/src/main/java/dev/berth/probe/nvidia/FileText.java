package dev.berth.probe.nvidia;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the small text files of /proc and cgroupfs, failing with a message a user can act on. */
final class FileText {

  private FileText() {}

  static String read(Path file) throws ProbeFailure {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ProbeFailure("cannot read " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new ProbeFailure("cannot read " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new ProbeFailure("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static long parseLong(String text, Path file) throws ProbeFailure {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new ProbeFailure(file + " holds '" + text.trim() + "', not a whole number", e);
    }
  }
}
