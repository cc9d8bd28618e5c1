package dev.berth.executor.local;

import dev.berth.api.ExecutionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Job working directories, all kept inside one work root. With a run-as user, the directories made
 * for a job belong to that user, so the job can write there; the root and what existed stay as they
 * are.
 */
final class WorkDirs {
  private final Path root;
  private final Optional<RunAsUser> owner;

  /**
   * @param root absolute and normalized
   * @param owner who jobs run as; empty when they run as Berth's user
   */
  WorkDirs(Path root, Optional<RunAsUser> owner) {
    this.root = root;
    this.owner = owner;
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
      if (owner.isPresent()) {
        giveToOwner(dir, existing, owner.get());
      }
    } catch (IOException e) {
      throw new ExecutionException("cannot create working directory " + dir + ": " + e, e);
    }
    return dir;
  }

  /** Hands the directories from {@code dir} up to, not including, {@code existing} to the user. */
  private static void giveToOwner(Path dir, Path existing, RunAsUser user) throws IOException {
    for (Path p = dir; p != null && !p.equals(existing); p = p.getParent()) {
      // Without following links: a job that swapped a directory for a link cannot get its target.
      Files.setAttribute(p, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(p, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
    }
  }

  private ExecutionException escaping(String relative) {
    return new ExecutionException(
        "working directory '" + relative + "' is outside the work root " + root);
  }
}
