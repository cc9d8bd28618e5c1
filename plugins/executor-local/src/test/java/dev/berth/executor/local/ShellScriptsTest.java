package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which placeholders a template hands to a shell as code. */
class ShellScriptsTest {

  @Test
  void placeholderInsideTheScriptIsFound() {
    assertThat(
            ShellScripts.placeholdersParsedByAShell(
                List.of("bash", "-c", "sleep ${seconds}; echo ${job.id}")))
        .containsExactly("seconds", "job.id");
  }

  @Test
  void optionClustersAndAbsoluteShellsCount() {
    assertThat(
            ShellScripts.placeholdersParsedByAShell(
                List.of("env", "X=1", "/bin/sh", "-e", "-uc", "run ${a}")))
        .containsExactly("a");
  }

  @Test
  void placeholdersAfterTheScriptAreArgumentsNotCode() {
    assertThat(
            ShellScripts.placeholdersParsedByAShell(
                List.of("sh", "-c", "printf '%s\\n' \"$1\"", "greet", "${text}")))
        .isEmpty();
  }

  @Test
  void escapedDollarBraceIsShellSyntaxNotAPlaceholder() {
    assertThat(ShellScripts.placeholdersParsedByAShell(List.of("sh", "-c", "echo $${HOME}")))
        .isEmpty();
  }

  @Test
  void aShellRunningAScriptFileParsesNoArgumentAsCode() {
    assertThat(ShellScripts.placeholdersParsedByAShell(List.of("bash", "train.sh", "${config}")))
        .isEmpty();
  }
}
