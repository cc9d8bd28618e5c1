package dev.berth.core.fairshare;

import dev.berth.api.Claim;
import dev.berth.api.Enqueued;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobPage;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTransition;
import dev.berth.api.QueueStore;
import dev.berth.api.VersionedSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A store written before the usage ledger: it implements only what QueueStore required then. */
final class QueueStoreWithoutLedger implements QueueStore {
  private final QueueStore inner;

  QueueStoreWithoutLedger(QueueStore inner) {
    this.inner = inner;
  }

  @Override
  public Enqueued enqueueCounted(JobSubmission submission, Instant at) {
    return inner.enqueueCounted(submission, at);
  }

  @Override
  public Optional<Job> get(String id) {
    return inner.get(id);
  }

  @Override
  public JobPage list(JobQuery query) {
    return inner.list(query);
  }

  @Override
  public Map<JobState, Long> countByState() {
    return inner.countByState();
  }

  @Override
  public long countQueuedBefore(String id) {
    return inner.countQueuedBefore(id);
  }

  @Override
  public List<Job> claimAll(List<Claim> claims, Instant at, String actor, long fencingToken) {
    return inner.claimAll(claims, at, actor, fencingToken);
  }

  @Override
  public Optional<Job> transition(String id, Set<JobState> expectedFrom, JobTransition transition) {
    return inner.transition(id, expectedFrom, transition);
  }

  @Override
  public List<JobEvent> events(String id) {
    return inner.events(id);
  }

  @Override
  public VersionedSettings settings(String section) {
    return inner.settings(section);
  }

  @Override
  public Optional<VersionedSettings> putSettings(String section, Map<String, String> values, long expectedVersion) {
    return inner.putSettings(section, values, expectedVersion);
  }

  @Override
  public void checkHealth() {
    inner.checkHealth();
  }
}
