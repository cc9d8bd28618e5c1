package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreConfigTest {
  @TempDir Path dataDir;

  @Test
  void defaultsToBerthDbInTheDataDirectory() {
    SqliteStoreConfig config = SqliteStoreConfig.from(SqliteTestFiles.context(dataDir, Map.of()));

    assertThat(config.file()).isEqualTo(dataDir.resolve("berth.db").toAbsolutePath());
    assertThat(config.busyTimeoutMillis()).isEqualTo(5000);
    assertThat(config.maxConnections()).isEqualTo(8);
  }

  @Test
  void aRelativeFileIsInTheDataDirectoryAndAnAbsoluteOneIsKept(@TempDir Path elsewhere) {
    Path absolute = elsewhere.resolve("queue.db").toAbsolutePath();

    assertThat(
            SqliteStoreConfig.from(SqliteTestFiles.context(dataDir, Map.of("file", "sub/q.db")))
                .file())
        .isEqualTo(dataDir.resolve("sub/q.db").toAbsolutePath());
    assertThat(
            SqliteStoreConfig.from(
                    SqliteTestFiles.context(dataDir, Map.of("file", absolute.toString())))
                .file())
        .isEqualTo(absolute);
  }

  @Test
  void readsNumbersGivenAsTextToo() {
    SqliteStoreConfig config =
        SqliteStoreConfig.from(
            SqliteTestFiles.context(
                dataDir, Map.of("busyTimeoutMillis", "250", "maxConnections", 2)));

    assertThat(config.busyTimeoutMillis()).isEqualTo(250);
    assertThat(config.maxConnections()).isEqualTo(2);
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                SqliteStoreConfig.from(
                    SqliteTestFiles.context(dataDir, Map.of("busyTimeoutMillis", -1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sqlite.busyTimeoutMillis");
    assertThatThrownBy(
            () ->
                SqliteStoreConfig.from(
                    SqliteTestFiles.context(dataDir, Map.of("busyTimeoutMillis", "soon"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sqlite.busyTimeoutMillis");
    assertThatThrownBy(
            () ->
                SqliteStoreConfig.from(
                    SqliteTestFiles.context(dataDir, Map.of("maxConnections", 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sqlite.maxConnections");
    assertThatThrownBy(
            () -> SqliteStoreConfig.from(SqliteTestFiles.context(dataDir, Map.of("file", " "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sqlite.file");
  }

  @Test
  void theStoreCreatesMissingDirectoriesOfItsFile() {
    try (SqliteQueueStore store =
        SqliteTestFiles.open(dataDir, Map.of("file", "deep/er/berth.db"))) {
      store.checkHealth();
    }
    assertThat(Files.exists(dataDir.resolve("deep/er/berth.db"))).isTrue();
  }
}
