package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.LogChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
  @TempDir Path dir;

  @Test
  void chunksNeverSplitACharacter() throws IOException {
    String text = "é€😀a".repeat(20);
    Path log = write(text);

    StringBuilder read = new StringBuilder();
    long offset = 0;
    LogChunk chunk;
    do {
      chunk = LogFiles.read(log, offset, 5, true);
      assertThat(chunk.text()).doesNotContain("\uFFFD");
      read.append(chunk.text());
      offset = chunk.nextOffset();
    } while (!chunk.finished());

    assertThat(read.toString()).isEqualTo(text);
  }

  @Test
  void tinyChunksStillMoveOn() throws IOException {
    Path log = write("😀");

    LogChunk chunk = LogFiles.read(log, 0, 2, true);

    assertThat(chunk.nextOffset()).isEqualTo(2);
  }

  @Test
  void endOfFileIsNotTheEndOfTheLogWhileTheJobRuns() throws IOException {
    Path log = write("abc");

    assertThat(LogFiles.read(log, 0, 10, false)).isEqualTo(new LogChunk("abc", 3, false));
    assertThat(LogFiles.read(log, 3, 10, false)).isEqualTo(new LogChunk("", 3, false));
    assertThat(LogFiles.read(log, 3, 10, true)).isEqualTo(new LogChunk("", 3, true));
  }

  @Test
  void missingLogReadsEmpty() {
    Path log = dir.resolve("none.log");

    assertThat(LogFiles.read(log, 0, 10, false)).isEqualTo(new LogChunk("", 0, false));
    assertThat(LogFiles.tail(log, 5)).isEmpty();
  }

  @Test
  void tailCountsALastLineWithoutNewline() throws IOException {
    Path log = write("one\ntwo\nthree");

    assertThat(LogFiles.tail(log, 2)).isEqualTo("two\nthree");
    assertThat(LogFiles.tail(log, 0)).isEmpty();
  }

  @Test
  void tailKeepsTheFinalNewlineAndReadsAcrossBlocks() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      text.append("line ").append(i).append('\n');
    }
    Path log = write(text.toString());

    assertThat(LogFiles.tail(log, 2)).isEqualTo("line 4999\nline 5000\n");
    assertThat(LogFiles.tail(log, 3000).lines()).hasSize(3000).endsWith("line 5000");
  }

  @Test
  void tailOfAHugeLineIsCapped() throws IOException {
    Path log = write("x".repeat(LogFiles.MAX_TAIL_BYTES + 10) + "\n");

    assertThat(LogFiles.tail(log, 1)).hasSize(LogFiles.MAX_TAIL_BYTES);
  }

  private Path write(String text) throws IOException {
    Path log = dir.resolve("output.log");
    Files.writeString(log, text, StandardCharsets.UTF_8);
    return log;
  }
}
