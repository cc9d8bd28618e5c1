package dev.berth.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What a contract suite opened during one test (stores, leases), closed after it in reverse order.
 * A close that fails does not stop the others; the first failure is rethrown at the end.
 */
public final class OpenedResources {
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** Remembers {@code resource} for {@link #closeAll()} if it holds anything; returns it. */
  public <T> T track(T resource) {
    if (resource instanceof AutoCloseable closeable) {
      opened.add(closeable);
    }
    return resource;
  }

  public void closeAll() throws Exception {
    Exception first = null;
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    opened.clear();
    if (first != null) {
      throw first;
    }
  }
}
