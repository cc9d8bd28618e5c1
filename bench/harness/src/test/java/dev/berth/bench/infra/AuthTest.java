package dev.berth.bench.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthTest {

  @Test
  void bearerWinsOverBasicAndNeitherMeansNoHeader() {
    assertThat(Auth.from(Map.of("BENCH_AUTH_BEARER", "tok", "BENCH_AUTH_BASIC", "a:b")).header()).isEqualTo("Bearer tok");
    assertThat(Auth.from(Map.of("BENCH_AUTH_BASIC", "alice:s3cret")).header()).isEqualTo("Basic YWxpY2U6czNjcmV0");
    assertThat(Auth.from(Map.of()).present()).isFalse();
    assertThat(Auth.from(Map.of("BENCH_AUTH_BASIC", "alice:s3cret")).describe()).isEqualTo("basic").doesNotContain("s3cret");
  }

  @Test
  void basicWithoutAColonIsRefused() {
    assertThatThrownBy(() -> Auth.from(Map.of("BENCH_AUTH_BASIC", "alice"))).hasMessageContaining("user:password");
  }
}
