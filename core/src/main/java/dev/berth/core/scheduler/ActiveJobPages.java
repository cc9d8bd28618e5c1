package dev.berth.core.scheduler;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import java.util.function.Consumer;

/** Every SCHEDULED and RUNNING job, oldest first, read a page at a time. */
final class ActiveJobPages {
  private static final int PAGE = 1000;

  private ActiveJobPages() {}

  static void forEach(QueueStore store, Consumer<Job> action) {
    String cursor = null;
    do {
      JobPage page = store.list(new JobQuery(JobState.ACTIVE, null, PAGE, cursor, true));
      page.jobs().forEach(action);
      cursor = page.next();
    } while (cursor != null);
  }
}
