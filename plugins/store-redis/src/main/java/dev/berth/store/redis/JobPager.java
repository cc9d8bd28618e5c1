package dev.berth.store.redis;

import dev.berth.api.Job;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link JobQuery} into one run of {@code list.lua}: keyset paging by id over the state
 * indexes (or one user's per-state indexes), so a page costs the same at page 1 and page 1000 and
 * stays stable while jobs are added or change state. The cursor is the id of the last job of the
 * previous page.
 */
final class JobPager {
  private static final LuaScript LIST = LuaScript.loadRepeatable("list.lua");

  private final RedisPool pool;
  private final RedisKeys keys;

  JobPager(RedisPool pool, RedisKeys keys) {
    this.pool = pool;
    this.keys = keys;
  }

  JobPage page(JobQuery query) {
    String cursor = query.cursor() == null ? "" : JobIds.checkCursor(query.cursor());
    // One job more than asked tells whether another page follows.
    List<String> args =
        List.of(query.oldestFirst() ? "asc" : "desc", cursor, Integer.toString(query.limit() + 1), keys.jobPrefix());
    List<?> reply = (List<?>) pool.run("list jobs", LIST, keys.indexes(query.states(), query.user()), args);
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      Map<String, String> fields = JobFields.pairs((List<?>) reply.get(i + 1));
      if (!fields.isEmpty()) {
        jobs.add(JobFields.toJob(String.valueOf(reply.get(i)), fields));
      }
    }
    if (jobs.size() <= query.limit()) {
      return new JobPage(jobs, null);
    }
    List<Job> page = jobs.subList(0, query.limit());
    return new JobPage(page, page.get(page.size() - 1).id());
  }
}
