package dev.berth.bench.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One server's folder under the run's work directory: its config, its log, and its data directory
 * (store, plugin data, the writable plugins directory with the bench plugin dropped in).
 */
public record ServerDir(Path root) {

  /** An empty folder {@code workRoot/name}, replacing whatever an earlier run left there. */
  public static ServerDir fresh(Path workRoot, String name) {
    Path root = workRoot.resolve(name);
    try {
      deleteTree(root);
      Files.createDirectories(root.resolve("data").resolve("plugins"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServerDir(root);
  }

  public Path dataDir() {
    return root.resolve("data");
  }

  public Path pluginsDir() {
    return dataDir().resolve("plugins");
  }

  public Path configFile() {
    return root.resolve("berth.yaml");
  }

  public Path log() {
    return root.resolve("berth.log");
  }

  /** The bench executor's journal (see the bench plugin's RunJournal). */
  public Path journal() {
    return dataDir().resolve("bench").resolve("runs.journal");
  }

  /** Where the SQLite store keeps its file by default. */
  public Path sqliteFile() {
    return dataDir().resolve("sqlite").resolve("berth.db");
  }

  /** Drops the bench plugin into the plugins directory, as an admin installs a third-party plugin. */
  public void installPlugin(Path jar) {
    try {
      Files.copy(jar, pluginsDir().resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Bytes under {@code dir}, 0 when it does not exist. */
  public static long size(Path dir) {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
