package dev.berth.api;

/**
 * A piece of a job's log.
 *
 * @param text the bytes read, decoded as UTF-8
 * @param nextOffset where the next read continues
 * @param finished true when the job has ended and the log has nothing after {@code nextOffset}
 */
public record LogChunk(String text, long nextOffset, boolean finished) {}
