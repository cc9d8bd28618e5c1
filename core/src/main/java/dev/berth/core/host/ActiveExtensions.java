package dev.berth.core.host;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobListener;
import dev.berth.api.LeaderLease;
import dev.berth.api.QueueOrder;
import dev.berth.api.QueueStore;
import dev.berth.api.ResourceProbe;
import java.util.List;

/**
 * The extensions chosen by {@code extensions:} in the config: the parts Berth runs with. {@code
 * lease} is null when no lease is configured (a single process). Policies and listeners keep their
 * plugin ids, because a policy's reasons and a listener's failures are shown under them.
 */
public record ActiveExtensions(
    QueueStore store,
    JobExecutor executor,
    ResourceProbe probe,
    List<Provided<AvailabilityPolicy>> policies,
    QueueOrder order,
    List<Provided<JobListener>> listeners,
    LeaderLease lease) {
  public ActiveExtensions {
    policies = List.copyOf(policies);
    listeners = List.copyOf(listeners);
  }
}
