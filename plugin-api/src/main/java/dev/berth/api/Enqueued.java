package dev.berth.api;

import java.util.Objects;

/**
 * A job just queued by {@link QueueStore#enqueueCounted}, and how many QUEUED jobs were ahead of it
 * in submission order when it was added.
 */
public record Enqueued(Job job, long queuedBefore) {
  public Enqueued {
    Objects.requireNonNull(job, "job");
    if (queuedBefore < 0) {
      throw new IllegalArgumentException("queuedBefore must not be negative, was " + queuedBefore);
    }
  }
}
