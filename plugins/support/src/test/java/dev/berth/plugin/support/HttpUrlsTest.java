package dev.berth.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpUrlsTest {
  @Test
  void bareHostsGetTheSchemeAndEmptyPathsTheDefault() {
    assertThat(HttpUrls.withDefaultPath("x", "gpu-1:9400", "/metrics")).hasToString("http://gpu-1:9400/metrics");
    assertThat(HttpUrls.withDefaultPath("x", "https://gpu-1:8080/", "/status")).hasToString("https://gpu-1:8080/status");
    assertThat(HttpUrls.withDefaultPath("x", "http://gpu-1:8080/custom", "/status")).hasToString("http://gpu-1:8080/custom");
  }

  @Test
  void otherSchemesAndGarbageNameTheKey() {
    assertThatThrownBy(() -> HttpUrls.withDefaultPath("probe.dcgm.exporters[0]", "ftp://a/b", "/metrics"))
        .hasMessageContaining("probe.dcgm.exporters[0] must be an http(s) URL");
    assertThatThrownBy(() -> HttpUrls.withDefaultPath("k", "http://a b", "/status")).hasMessageContaining("k is not a URL");
  }
}
