package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import dev.berth.api.StoreUnavailableException;
import dev.berth.testkit.RedisServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real TLS redis-server whose certificate a private CA signed for
 * 127.0.0.1: trusted through {@code tlsCaFile}, and refused when the certificate does not name the
 * host or nothing trusts its CA.
 */
class RedisTlsTest {
  @TempDir Path dir;
  private RedisServerProcess redis;
  private TestCertificates certificates;
  private int tlsPort;

  @BeforeEach
  void startTlsRedis() throws Exception {
    certificates = TestCertificates.create(dir.resolve("tls"), "IP:127.0.0.1");
    try (ServerSocket free = new ServerSocket(0)) {
      tlsPort = free.getLocalPort();
    }
    redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable()
        .withArguments(certificates.redisArguments(tlsPort).toArray(String[]::new)));
  }

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  void aServerSignedByTheConfiguredCaIsTrusted() {
    try (RedisQueueStore store = open("rediss://127.0.0.1:" + tlsPort, certificates.ca())) {
      store.checkHealth();
      Job job = store.enqueue(new JobSubmission("tls", "ann", "demo", Map.of(), 0, 0), Instant.EPOCH);
      assertThat(store.get(job.id())).contains(job);
    }
  }

  @Test
  void aCertificateThatDoesNotNameTheHostIsRefused() {
    try (RedisQueueStore store = open("rediss://localhost:" + tlsPort, certificates.ca())) {
      assertThatThrownBy(store::checkHealth).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("No name matching localhost");
    }
  }

  @Test
  void aServerWhoseCaNobodyTrustsIsRefused() {
    try (RedisQueueStore store = open("rediss://127.0.0.1:" + tlsPort, null)) {
      assertThatThrownBy(store::checkHealth).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("certification path");
    }
  }

  @Test
  void aBadCaFileIsAStartupError() throws IOException {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");

    assertThatThrownBy(() -> open("rediss://127.0.0.1:" + tlsPort, notPem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("store.redis.tlsCaFile");
    assertThatThrownBy(() -> open("redis://127.0.0.1:" + tlsPort, certificates.ca()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not rediss://");
  }

  private RedisQueueStore open(String url, Path caFile) {
    Map<String, Object> config = new HashMap<>(Map.of("url", url, "prefix", "berth:"));
    if (caFile != null) {
      config.put("tlsCaFile", caFile.toString());
    }
    return new RedisQueueStore(RedisTestStores.context(dir, config), name -> null);
  }
}
