package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void fitsTheWidthByCuttingLongCellsAndTheLastColumn() {
    Table t = new Table(QueueCommand.COLUMNS);
    t.add(new String[] {"1", "123456", "alice", "a-very-long-job-name-indeed", "8", "QUEUED", "2d04h", "-",
        "RESOURCES  GPU 0 utilization 85 % ≥ 80 %; GPU 1 memory free 100 MiB < 2048 MiB"}, -1, null);

    List<String> lines = t.render(80).lines().toList();

    assertThat(lines.get(0)).startsWith("POS");
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(1)).contains("a-very-long…", "RESOURCES  GPU 0 util");
  }

  @Test
  void colourDoesNotShiftTheColumns() {
    Terminal colour = new Terminal(true, 80);
    Table t = new Table(List.of(new Table.Column("STATE", 9, false), new Table.Column("ID", 5, true)));
    t.add(new String[] {"RUNNING", "1"}, 0, s -> colour.state("RUNNING", s));

    String row = t.render(80).lines().toList().get(1);

    assertThat(row.replaceAll("\u001b\\[[0-9]+m", "")).isEqualTo("RUNNING  1");
    assertThat(row).startsWith("\u001b[32mRUNNING\u001b[0m  1");
  }

  @Test
  void noColourWithoutATerminalOrWithNoColor() {
    assertThat(new Terminal(false, 80).state("FAILED", "FAILED")).isEqualTo("FAILED");
    assertThat(Terminal.detect(java.util.Map.of("NO_COLOR", "1")).colour()).isFalse();
  }
}
