package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {
  @TempDir Path proc;

  @Test
  void readsTheStartTimePastACommandNameWithSpacesAndParentheses() throws IOException {
    stat(42, "my (odd) job", 'S', "777");
    ProcessTable table = new ProcessTable(proc);

    assertThat(table.startTime(42)).contains("777");
    assertThat(table.isAlive(42, "777")).isTrue();
    assertThat(table.isAlive(42, "778")).isFalse();
    assertThat(table.isReusedByAnother(42, "778")).isTrue();
    assertThat(table.isReusedByAnother(42, "777")).isFalse();
  }

  @Test
  void zombieIsNotAlive() throws IOException {
    stat(43, "done", 'Z', "900");

    assertThat(new ProcessTable(proc).isAlive(43, "900")).isFalse();
  }

  @Test
  void missingProcessIsNeitherAliveNorReused() {
    ProcessTable table = new ProcessTable(proc);

    assertThat(table.startTime(44)).isEmpty();
    assertThat(table.isAlive(44, "1")).isFalse();
    assertThat(table.isReusedByAnother(44, "1")).isFalse();
  }

  @Test
  void theRealProcessTableKnowsThisJvm() {
    ProcessTable table = new ProcessTable(Path.of("/proc"));
    long self = ProcessHandle.current().pid();

    assertThat(table.isAlive(self, table.startTime(self).orElseThrow())).isTrue();
  }

  /** A {@code stat} line in the kernel's format: 52 fields, start time in field 22. */
  private void stat(long pid, String comm, char state, String startTime) throws IOException {
    StringBuilder line =
        new StringBuilder().append(pid).append(" (").append(comm).append(") ").append(state);
    for (int field = 4; field <= 52; field++) {
      line.append(' ').append(field == 22 ? startTime : "0");
    }
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("stat"), line.append('\n').toString());
  }
}
