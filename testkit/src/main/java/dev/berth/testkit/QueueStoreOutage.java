package dev.berth.testkit;

import dev.berth.api.QueueStore;

/**
 * A store instance whose backing storage a test has made unreachable (a lock held past the busy
 * timeout, a stopped server), for the {@link QueueStoreContract} failure tests. Closing it makes
 * the storage reachable again and closes {@link #store()}.
 */
public interface QueueStoreOutage extends AutoCloseable {

  /** A store over the same storage as the one under test, which cannot reach that storage now. */
  QueueStore store();

  @Override
  void close();
}
