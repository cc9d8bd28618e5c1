package dev.berth.executor.argo;

import dev.berth.api.LogChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Cuts a log, in memory or in a file, into byte-offset pages and tails, on UTF-8 boundaries. */
final class LogSlices {
  /** A tail returns at most this much, so a log without newlines cannot flood a request. */
  static final int MAX_TAIL_BYTES = 1 << 20;

  private LogSlices() {}

  /**
   * Up to {@code maxBytes} of {@code log} from {@code offset}, cut back to whole characters.
   *
   * @param ended whether the run had ended when {@code log} was read: only then is its end the end
   */
  static LogChunk read(byte[] log, long offset, int maxBytes, boolean ended) {
    check(offset, maxBytes);
    if (offset >= log.length) {
      return new LogChunk("", offset, ended);
    }
    int from = (int) offset;
    int length = wholeCharacters(log, from, Math.min(maxBytes, log.length - from));
    long next = offset + length;
    return new LogChunk(
        new String(log, from, length, StandardCharsets.UTF_8), next, ended && next >= log.length);
  }

  /** A page of a finished log kept in {@code file}; a missing file reads as an empty log. */
  static LogChunk read(Path file, long offset, int maxBytes) {
    check(offset, maxBytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset >= size) {
        return new LogChunk("", offset, true);
      }
      byte[] bytes = readAt(channel, offset, (int) Math.min(maxBytes, size - offset));
      int length = wholeCharacters(bytes, 0, bytes.length);
      long next = offset + length;
      return new LogChunk(new String(bytes, 0, length, StandardCharsets.UTF_8), next, next >= size);
    } catch (NoSuchFileException e) {
      return new LogChunk("", offset, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of {@code text}, each with its newline. */
  static String tail(String text, int lines) {
    if (lines <= 0 || text.isEmpty()) {
      return "";
    }
    int end = text.length();
    int search = text.endsWith("\n") ? end - 2 : end - 1;
    int found = 0;
    for (int i = search; i >= 0; i--) {
      if (text.charAt(i) == '\n' && ++found == lines) {
        return text.substring(i + 1);
      }
    }
    return text;
  }

  /** The last {@code lines} lines of the log in {@code file}, within its last megabyte. */
  static String tail(Path file, int lines) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long start = Math.max(0, size - MAX_TAIL_BYTES);
      byte[] bytes = readAt(channel, start, (int) (size - start));
      int from = 0;
      // Starting inside a character: skip its continuation bytes.
      while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
        from++;
      }
      return tail(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8), lines);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
      // read until full or at the end of the file
    }
    byte[] out = new byte[buffer.position()];
    System.arraycopy(buffer.array(), 0, out, 0, out.length);
    return out;
  }

  private static void check(long offset, int maxBytes) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
  }

  /**
   * How many of the {@code length} bytes from {@code from} form whole UTF-8 characters; all of them
   * when the cut would leave nothing, so a reader always moves on.
   */
  private static int wholeCharacters(byte[] bytes, int from, int length) {
    int lead = from + length - 1;
    while (lead >= from && from + length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
      lead--;
    }
    if (lead < from) {
      return length;
    }
    int b = bytes[lead] & 0xFF;
    int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    return lead + needed > from + length && lead > from ? lead - from : length;
  }
}
