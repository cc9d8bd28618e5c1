package dev.berth.core.cli.client;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The saved {@code {server, token}} in {@code $BERTH_CONFIG_DIR/credentials} (default {@code
 * ~/.config/berth/credentials}). It is written 0600 in a 0700 folder, through a temporary file
 * created with those permissions, so the token is never readable by others even for a moment; a
 * file that group or others can read is refused, as ssh refuses such a key.
 */
public final class CredentialsFile {
  private static final Set<PosixFilePermission> OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE);

  private final Path path;

  public CredentialsFile(Path path) {
    this.path = path;
  }

  /** {@code $BERTH_CONFIG_DIR/credentials}, else {@code $XDG_CONFIG_HOME/berth}, else {@code ~/.config/berth}. */
  public static Path locate(Map<String, String> env, String userHome) {
    String dir = env.get("BERTH_CONFIG_DIR");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir).resolve("credentials");
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".config");
    return base.resolve("berth").resolve("credentials");
  }

  public Path path() {
    return path;
  }

  /** The saved credentials; empty when there is no file. */
  public Optional<Credentials> read() {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
      if (view != null) {
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        if (perms.stream().anyMatch(OTHERS::contains)) {
          throw new CliFailure(ExitCodes.ERROR, path + " can be read or changed by others (mode "
              + PosixFilePermissions.toString(perms) + "), so its token is refused; run chmod 600 " + path
              + " if it is safe, or berth login again");
        }
      }
      Node node = JsonText.parse(Files.readString(path));
      String server = text(node, "server");
      String token = text(node, "token");
      if (server == null || token == null) {
        throw new CliFailure(ExitCodes.NOT_SIGNED_IN, path + " lacks a server or a token; run berth login");
      }
      return Optional.of(new Credentials(server, token, text(node, "tokenId"), text(node, "username")));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.NOT_SIGNED_IN, path + " is not valid JSON; run berth login");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.NOT_SIGNED_IN, "cannot read " + path + " (" + e.getMessage() + "); run berth login");
    }
  }

  public void write(Credentials c) {
    Node node = Node.object();
    node.put("server", c.server());
    node.put("token", c.token());
    node.put("tokenId", c.tokenId());
    node.put("username", c.username());
    try {
      Path dir = path.toAbsolutePath().getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path tmp = Files.createTempFile(dir, ".credentials", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(tmp, node.pretty() + "\n");
        try {
          Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.ERROR, "cannot save the credentials in " + path + ": " + e.getMessage());
    }
  }

  /** @return whether there was a file */
  public boolean delete() {
    try {
      return Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.ERROR, "cannot delete " + path + ": " + e.getMessage());
    }
  }

  private static String text(Node node, String field) {
    String v = node.path(field).asText("");
    return v.isBlank() ? null : v;
  }
}
