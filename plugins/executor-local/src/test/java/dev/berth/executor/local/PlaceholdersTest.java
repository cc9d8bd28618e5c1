package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.ExecutionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  @Test
  void replacesEveryPlaceholderInsideTheText() {
    assertThat(
            Placeholders.substitute(
                "--out=${dir}/${job.id}.log", Map.of("dir", "runs", "job.id", "9")))
        .isEqualTo("--out=runs/9.log");
  }

  @Test
  void valuesAreTakenLiterally() {
    assertThat(Placeholders.substitute("${v}", Map.of("v", "$1 \\n ${other} $(x)")))
        .isEqualTo("$1 \\n ${other} $(x)");
  }

  @Test
  void doubledDollarEscapesAPlaceholder() {
    assertThat(Placeholders.substitute("$${HOME} and $HOME and ${x}", Map.of("x", "1")))
        .isEqualTo("${HOME} and $HOME and 1");
  }

  @Test
  void unknownPlaceholderIsAnExecutionError() {
    assertThatThrownBy(() -> Placeholders.substitute("a ${missing} b", Map.of()))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("${missing}");
  }

  @Test
  void namesListsPlaceholdersButNotEscapes() {
    assertThat(Placeholders.names("${a}-$${b}-${c}-${a}")).containsExactly("a", "c");
  }
}
