package dev.berth.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The database file and SQLite's companions of it. The file holds password hashes and every job, so
 * only Berth's user may read it; SQLite gives the -wal and -shm files the mode of the database file.
 */
final class DatabaseFiles {
  static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

  private DatabaseFiles() {}

  /**
   * Creates the database file empty with mode 0600 before SQLite opens it (SQLite would follow the
   * umask), and sets 0600 on the file, its -wal and -shm where an earlier start left them open.
   */
  static void makePrivate(Path database) {
    try {
      try {
        Files.createFile(database, PosixFilePermissions.asFileAttribute(PRIVATE));
      } catch (FileAlreadyExistsException e) {
        // Made by an earlier start: its mode is set below.
      }
      for (Path file : companions(database)) {
        if (Files.exists(file)) {
          Files.setPosixFilePermissions(file, PRIVATE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + database + " readable by Berth only", e);
    }
  }

  /** The database file and the files SQLite keeps beside it. */
  static List<Path> companions(Path database) {
    String name = database.getFileName().toString();
    return List.of(
        database,
        database.resolveSibling(name + "-wal"),
        database.resolveSibling(name + "-shm"),
        database.resolveSibling(name + "-journal"));
  }
}
