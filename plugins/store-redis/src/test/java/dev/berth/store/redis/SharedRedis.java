package dev.berth.store.redis;

import dev.berth.testkit.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real redis-server (AOF on, so a graceful restart keeps the data) for a whole test class,
 * where each test works under a fresh key prefix: what the Redis contract tests share.
 */
final class SharedRedis implements BeforeAllCallback, AfterAllCallback {
  private final String prefixStem;
  private Path dir;
  private RedisServerProcess server;
  private int tests;
  private String prefix;
  /** Nested test classes (the contract's) call back too: one server for the outermost class. */
  private int depth;

  SharedRedis(String prefixStem) {
    this.prefixStem = prefixStem;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (depth++ > 0) {
      return;
    }
    dir = Files.createTempDirectory("berth-redis-test");
    server = RedisServerProcess.start(dir.resolve("redis"), new RedisServerProcess.Options(true, "everysec", null, List.of()));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (--depth > 0) {
      return;
    }
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  RedisServerProcess server() {
    return server;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  /** Starts a new test's storage: later stores and leases use a prefix no earlier test used. */
  void nextPrefix() {
    prefix = prefixStem + ++tests + ":";
  }

  String prefix() {
    return prefix;
  }

  /** A store on the current test's prefix; each call is another instance, as another process. */
  RedisQueueStore store() {
    return RedisTestStores.store(server, dataDir(), prefix);
  }

  RedisLeaderLease lease() {
    return RedisTestStores.lease(server, dataDir(), prefix);
  }
}
