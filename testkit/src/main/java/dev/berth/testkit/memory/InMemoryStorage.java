package dev.berth.testkit.memory;

import dev.berth.api.JobEvent;
import dev.berth.api.Lease;
import dev.berth.api.VersionedSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an in-memory Berth keeps: jobs, their events, settings, identities, the usage ledger and
 * the lease. Several
 * {@link InMemoryQueueStore} and {@link InMemoryLeaderLease} instances over one storage behave as
 * several Berth processes over one Redis: each change is made under the storage's one lock, so a
 * compare and its set are one atomic step for all of them.
 */
public final class InMemoryStorage {
  final JobIndex jobs = new JobIndex();
  final Map<Long, List<JobEvent>> events = new HashMap<>();
  final Map<String, VersionedSettings> settings = new HashMap<>();
  final IdentityRecords identities = new IdentityRecords();
  final UsageLedger usage = new UsageLedger();
  long lastSequence;
  /** The lease held now, or null; it may have lapsed, which the next taker checks. */
  Lease lease;
  /** The newest fencing token issued: a claim carrying an older one is refused. */
  long newestFencingToken;

  /** Runs {@code work} alone: no other store or lease instance over this storage runs meanwhile. */
  <T> T locked(Supplier<T> work) {
    synchronized (this) {
      return work.get();
    }
  }

  /** Appends an event to a job's history, numbering it from 1. */
  void appendEvent(JobEvent unnumbered) {
    List<JobEvent> history = events.computeIfAbsent(Long.parseLong(unnumbered.jobId()), id -> new ArrayList<>());
    history.add(new JobEvent(unnumbered.jobId(), history.size() + 1L, unnumbered.at(), unnumbered.from(),
        unnumbered.to(), unnumbered.actor(), unnumbered.message()));
  }
}
