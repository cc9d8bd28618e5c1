package dev.berth.web.plugins;

import dev.berth.core.host.PluginHost;
import dev.berth.core.host.PluginInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Saves an uploaded plugin jar into the plugins directory and loads it without a restart. The jar
 * is written to a temporary file first and checked; only a valid plugin with a new id and a new
 * file name is moved into place (an existing jar is never overwritten), and a jar the host then
 * refuses, or whose plugin does not start (the host unloads it), is removed again, so that a fixed
 * jar with the same id and name can be uploaded next. Uploads are serialised: they are rare, and this keeps the checks and
 * the move one step.
 */
public final class PluginUpload {
  private final PluginHost host;
  private final Path pluginsDir;
  private final long maxBytes;

  public PluginUpload(PluginHost host, Path pluginsDir, long maxBytes) {
    this.host = host;
    this.pluginsDir = pluginsDir;
    this.maxBytes = maxBytes;
  }

  /**
   * @param submittedName the file name the browser sent
   * @return the plugin as the host lists it after loading
   * @throws IllegalArgumentException with a message for the admin when the upload is refused
   */
  public synchronized PluginInfo install(String submittedName, InputStream content) {
    String name = PluginJars.fileName(submittedName);
    Path target = pluginsDir.resolve(name);
    if (Files.exists(target)) {
      throw new IllegalArgumentException("a file named " + name + " is already in the plugins directory; "
          + "rename the jar, or remove the old one and restart");
    }
    Path part = null;
    try {
      Files.createDirectories(pluginsDir);
      // Not a .jar, so a crash mid-upload leaves nothing the host would try to load.
      part = Files.createTempFile(pluginsDir, ".upload-", ".part");
      copy(content, part);
      PluginJars.Manifested manifest = PluginJars.inspect(part, name);
      for (PluginInfo p : host.plugins()) {
        if (p.id().equals(manifest.pluginId())) {
          throw new IllegalArgumentException("plugin '" + manifest.pluginId() + "' is already installed (" + p.path()
              + "); remove it and restart to replace it");
        }
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      part = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the upload in " + pluginsDir, e);
    } finally {
      deleteQuietly(part);
    }
    try {
      return host.install(target);
    } catch (RuntimeException e) {
      deleteQuietly(target);
      throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException("not installed: " + e.getMessage(), e);
    }
  }

  public long maxBytes() {
    return maxBytes;
  }

  private void copy(InputStream in, Path to) throws IOException {
    try (InputStream src = in; OutputStream out = Files.newOutputStream(to)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = src.read(buffer)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new IllegalArgumentException("the jar is larger than " + (maxBytes / (1024 * 1024)) + " MiB (web.maxPluginJarMiB)");
        }
        out.write(buffer, 0, n);
      }
      if (total == 0) {
        throw new IllegalArgumentException("the uploaded file is empty");
      }
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // left for the admin; it is not a .jar, so it never loads
      }
    }
  }
}
