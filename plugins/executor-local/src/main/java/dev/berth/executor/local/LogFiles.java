package dev.berth.executor.local;

import dev.berth.api.LogChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a job's log file, which may still be growing, by byte offset or from its end. */
final class LogFiles {
  /** {@link #tail} returns at most this much, so a log without newlines cannot flood a request. */
  static final int MAX_TAIL_BYTES = 1 << 20;

  private static final int BLOCK = 8192;

  private LogFiles() {}

  /**
   * Up to {@code maxBytes} from {@code offset}, cut back to whole UTF-8 characters when possible.
   *
   * @param runFinished whether the job had ended before this call: only then can the end of the
   *     file be the end of the log
   */
  static LogChunk read(Path log, long offset, int maxBytes, boolean runFinished) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset >= size) {
        return new LogChunk("", offset, runFinished);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes, size - offset));
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // read until full or at end of file
      }
      int length = wholeCharacters(buffer.array(), buffer.position());
      long next = offset + length;
      String text = new String(buffer.array(), 0, length, StandardCharsets.UTF_8);
      return new LogChunk(text, next, runFinished && next >= size);
    } catch (NoSuchFileException e) {
      return new LogChunk("", offset, runFinished);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines, each with its newline as in the file; "" without a log. */
  static String tail(Path log, int lines) {
    if (lines <= 0) {
      return "";
    }
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
      long size = channel.size();
      long start = startOfLastLines(channel, size, lines);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
      while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
        // read until full or at end of file
      }
      byte[] bytes = buffer.array();
      int from = 0;
      // Starting inside a long line may land inside a character: skip its continuation bytes.
      while (from < buffer.position() && (bytes[from] & 0xC0) == 0x80) {
        from++;
      }
      return new String(bytes, from, buffer.position() - from, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Scans back from the end for the newline that precedes the last {@code lines} lines. */
  private static long startOfLastLines(FileChannel channel, long size, int lines)
      throws IOException {
    long limit = Math.max(0, size - MAX_TAIL_BYTES);
    long position = size;
    int newlines = 0;
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    while (position > limit) {
      int length = (int) Math.min(BLOCK, position - limit);
      position -= length;
      block.clear().limit(length);
      while (block.hasRemaining() && channel.read(block, position + block.position()) > 0) {
        // read the whole block
      }
      for (int i = block.position() - 1; i >= 0; i--) {
        long at = position + i;
        // The newline that ends the file closes the last line; it does not start another.
        if (block.get(i) == '\n' && at != size - 1 && ++newlines == lines) {
          return at + 1;
        }
      }
    }
    return limit;
  }

  /**
   * How many of the first {@code length} bytes form whole UTF-8 characters; all of them when the
   * cut would leave nothing, so a reader always moves on.
   */
  private static int wholeCharacters(byte[] bytes, int length) {
    int lead = length - 1;
    while (lead >= 0 && length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
      lead--;
    }
    if (lead < 0) {
      return length;
    }
    int b = bytes[lead] & 0xFF;
    int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return lead + needed > length && lead > 0 ? lead : length;
  }
}
