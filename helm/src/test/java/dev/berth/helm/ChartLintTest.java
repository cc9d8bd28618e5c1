package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict}: warnings count as failures. */
class ChartLintTest {

  @Test
  void lintStrictIsClean() {
    LintResult result = Chart.lintStrict();

    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("nothing above INFO")
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }
}
