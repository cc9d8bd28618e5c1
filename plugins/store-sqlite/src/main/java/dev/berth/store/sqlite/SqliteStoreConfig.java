package dev.berth.store.sqlite;

import dev.berth.api.PluginConfig;
import dev.berth.api.PluginContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the store reads from its config section {@code store.sqlite}.
 *
 * @param file the database file; a relative {@code file} is resolved against the plugin's data
 *     directory, and the default is {@code <dataDir>/berth.db}
 * @param busyTimeoutMillis how long a statement waits for a lock another connection or process
 *     holds before the store reports itself unavailable
 * @param maxConnections how many connections this store opens at most; reads run in parallel on
 *     them, writes take turns
 */
record SqliteStoreConfig(Path file, int busyTimeoutMillis, int maxConnections, String synchronous) {

  static final String FILE = "file";
  static final String BUSY_TIMEOUT_MILLIS = "busyTimeoutMillis";
  static final String MAX_CONNECTIONS = "maxConnections";
  static final String SYNCHRONOUS = "synchronous";

  static final String DEFAULT_FILE_NAME = "berth.db";
  static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5000;
  static final int DEFAULT_MAX_CONNECTIONS = 8;

  /**
   * FULL: a commit is on disk when it returns, so it survives a power cut. NORMAL (in WAL mode): a
   * commit is in the operating system when it returns, so it survives a kill -9 of Berth but not a
   * crash of the machine, which may lose the last commits (never the file) — the durability of
   * Redis with appendfsync everysec.
   */
  static final List<String> SYNCHRONOUS_MODES = List.of("FULL", "NORMAL");

  static final String DEFAULT_SYNCHRONOUS = "FULL";

  /** Convenience for tests and callers that keep the default durability. */
  SqliteStoreConfig(Path file, int busyTimeoutMillis, int maxConnections) {
    this(file, busyTimeoutMillis, maxConnections, DEFAULT_SYNCHRONOUS);
  }

  static SqliteStoreConfig from(PluginContext context) {
    PluginConfig config = context.config();
    Path dataDir = context.dataDir();
    String fileName = config.getString(FILE, DEFAULT_FILE_NAME);
    if (fileName.isBlank()) {
      throw new IllegalArgumentException(
          "config " + config.path() + "." + FILE + " must not be blank");
    }
    Path file = dataDir.resolve(fileName).toAbsolutePath().normalize();
    int busyTimeout = config.getInt(BUSY_TIMEOUT_MILLIS, DEFAULT_BUSY_TIMEOUT_MILLIS);
    if (busyTimeout < 0) {
      throw new IllegalArgumentException(
          "config "
              + config.path()
              + "."
              + BUSY_TIMEOUT_MILLIS
              + " must be 0 or more, was "
              + busyTimeout);
    }
    int maxConnections = config.getInt(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS);
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "config "
              + config.path()
              + "."
              + MAX_CONNECTIONS
              + " must be 1 or more, was "
              + maxConnections);
    }
    String synchronous = config.getString(SYNCHRONOUS, DEFAULT_SYNCHRONOUS).trim().toUpperCase(Locale.ROOT);
    if (!SYNCHRONOUS_MODES.contains(synchronous)) {
      throw new IllegalArgumentException(
          "config " + config.path() + "." + SYNCHRONOUS + " must be one of " + SYNCHRONOUS_MODES
              + ", was '" + config.getString(SYNCHRONOUS, "") + "'");
    }
    return new SqliteStoreConfig(file, busyTimeout, maxConnections, synchronous);
  }
}
