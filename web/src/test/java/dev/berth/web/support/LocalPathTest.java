package dev.berth.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/jobs/12", "/submit?template=demo&gpus=1", "/jobs/12#log", "/a/b/c", "/%2F%2Fexample.com"})
  void aPathOfThisServerIsKept(String path) {
    assertThat(LocalPath.orRoot(path)).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "jobs/12", "//example.com", "///example.com", "/\\example.com", "\\\\example.com",
      "/\t/example.com", "/\n/example.com", "/\r/example.com", "\t//example.com", " /jobs", "/jobs /x", "/jobs\u0000",
      "/jobs\u007f", "/jobs\u0085", "/jobs\u2028", "/a\\b", "https://example.com", "http:/example.com",
      "javascript:alert(1)", "data:text/html,x", "/\u3000/example.com"})
  void anythingElseBecomesTheRoot(String raw) {
    assertThat(LocalPath.orRoot(raw)).isEqualTo("/");
  }

  @org.junit.jupiter.api.Test
  void nullAndTooLongBecomeTheRoot() {
    assertThat(LocalPath.orRoot(null)).isEqualTo("/");
    assertThat(LocalPath.orRoot("/" + "a".repeat(LocalPath.MAX_LENGTH))).isEqualTo("/");
  }
}
