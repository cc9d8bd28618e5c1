package dev.berth.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the plugins shipped with the distribution into the writable plugins directory, as Jenkins
 * does with its bundled plugins. A bundled jar is copied when missing, and replaced on upgrade only
 * if nobody changed the copy since Berth put it there (tracked by hash in {@code .bundled}), so an
 * admin's own build of a plugin is never overwritten. Hashing is skipped when neither jar's size and
 * modification time changed since the last start.
 */
public final class BundledPlugins {
  private static final Logger LOG = LoggerFactory.getLogger(BundledPlugins.class);
  private static final String LEDGER = ".bundled";
  /** Ledger key suffix: the size and modification time of the bundled jar and of its copy, as last seen. */
  private static final String STAMPS = ".seen";

  private BundledPlugins() {}

  public static void seed(Path bundledDir, Path pluginsDir) {
    if (bundledDir == null || !Files.isDirectory(bundledDir)) {
      return;
    }
    try {
      Files.createDirectories(pluginsDir);
      Properties ledger = readLedger(pluginsDir.resolve(LEDGER));
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundledDir, "*.jar")) {
        for (Path source : jars) {
          String name = source.getFileName().toString();
          Path target = pluginsDir.resolve(name);
          String stamps = stamp(source) + " " + (Files.exists(target) ? stamp(target) : "-");
          if (stamps.equals(ledger.getProperty(name + STAMPS))) {
            continue; // neither jar changed since the last start: no need to hash 40 MiB again
          }
          String sourceHash = sha256(source);
          if (Files.exists(target)) {
            String targetHash = sha256(target);
            if (targetHash.equals(sourceHash) || !targetHash.equals(ledger.getProperty(name))) {
              // Up to date, or replaced by an admin: leave it, and remember both as seen.
              ledger.setProperty(name + STAMPS, stamps);
              continue;
            }
          }
          Path tmp = pluginsDir.resolve(name + ".tmp");
          Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          ledger.setProperty(name, sourceHash);
          ledger.setProperty(name + STAMPS, stamp(source) + " " + stamp(target));
          LOG.info("Installed bundled plugin {}", name);
        }
      }
      try (OutputStream out = Files.newOutputStream(pluginsDir.resolve(LEDGER))) {
        ledger.store(out, "bundled plugin jars copied by Berth, with their sha-256");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install bundled plugins into " + pluginsDir, e);
    }
  }

  /**
   * The plugins directory as {@link #seed} would leave it, without writing anything: each jar in it
   * by file name, with the bundled jars that {@code seed} would add or upgrade in place of (or next
   * to) what is there. For {@code berth plugins}, which must show what {@code serve} would load.
   */
  public static Map<String, Path> preview(Path bundledDir, Path pluginsDir) {
    Map<String, Path> jars = new TreeMap<>();
    try {
      if (Files.isDirectory(pluginsDir)) {
        try (DirectoryStream<Path> present = Files.newDirectoryStream(pluginsDir, "*.jar")) {
          present.forEach(j -> jars.put(j.getFileName().toString(), j));
        }
      }
      if (bundledDir == null || !Files.isDirectory(bundledDir)) {
        return jars;
      }
      Properties ledger = readLedger(pluginsDir.resolve(LEDGER));
      try (DirectoryStream<Path> bundled = Files.newDirectoryStream(bundledDir, "*.jar")) {
        for (Path source : bundled) {
          String name = source.getFileName().toString();
          Path target = pluginsDir.resolve(name);
          if (!Files.exists(target)) {
            jars.put(name, source);
            continue;
          }
          String targetHash = sha256(target);
          // An upgrade replaces only a copy nobody changed since Berth put it there.
          if (targetHash.equals(ledger.getProperty(name)) && !targetHash.equals(sha256(source))) {
            jars.put(name, source);
          }
        }
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the plugins in " + pluginsDir, e);
    }
  }

  private static Properties readLedger(Path file) throws IOException {
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
    }
    return p;
  }

  private static String stamp(Path file) throws IOException {
    return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0; ) {
          digest.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
