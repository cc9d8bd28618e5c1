package dev.berth.executor.local;

import dev.berth.api.ExecutionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Job working directories, all kept inside one work root. */
final class WorkDirs {
  private final Path root;

  /**
   * @param root absolute and normalized
   */
  WorkDirs(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * Resolves {@code relative} below the root and creates it.
   *
   * @throws ExecutionException when the path leaves the root, through {@code ..}, an absolute path
   *     or a symbolic link, or cannot be created
   */
  Path prepare(String relative) {
    Path dir;
    try {
      dir = root.resolve(relative).normalize();
    } catch (InvalidPathException e) {
      throw new ExecutionException("invalid working directory '" + relative + "'", e);
    }
    if (!dir.startsWith(root)) {
      throw escaping(relative);
    }
    try {
      Files.createDirectories(root);
      Path realRoot = root.toRealPath();
      // The lexical check above cannot see a symbolic link planted below the root: check the
      // deepest part that exists before creating anything, and the result after.
      Path existing = dir;
      while (!Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (!existing.toRealPath().startsWith(realRoot)) {
        throw escaping(relative);
      }
      Files.createDirectories(dir);
      if (!dir.toRealPath().startsWith(realRoot)) {
        throw escaping(relative);
      }
    } catch (IOException e) {
      throw new ExecutionException("cannot create working directory " + dir + ": " + e, e);
    }
    return dir;
  }

  private ExecutionException escaping(String relative) {
    return new ExecutionException(
        "working directory '" + relative + "' is outside the work root " + root);
  }
}
