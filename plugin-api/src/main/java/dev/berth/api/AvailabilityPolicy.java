package dev.berth.api;

import org.pf4j.ExtensionPoint;

/**
 * Decides which hosts and GPUs are free enough to start a job on, and says why not.
 *
 * <p><b>Combination:</b> every policy named in {@code extensions.policies} is asked, and all must
 * pass (as Jenkins' queue vetoes do): a GPU is eligible only when every active policy judged it and
 * none gives a reason against it, and the reasons of all policies are shown together.
 *
 * <p><b>Failure:</b> the host fails closed. A policy that throws or answers null blocks every node;
 * a node or GPU of the snapshot that its verdict leaves out is blocked. Either way the reason names
 * the plugin id, so a broken plugin holds jobs back and says so; it never waves one through.
 *
 * <p><b>Threads:</b> called on the scheduler thread for each scheduling pass, and on request threads
 * for {@code GET /api/v1/resources}; may run concurrently with itself, so keep no mutable state.
 *
 * <p><b>Speed:</b> pure computation over the snapshot; must answer in well under a millisecond. Read
 * live settings through {@link PluginContext#settings()}; never do I/O here.
 *
 * <p>A policy returns reasons, never a bare boolean: users see them as "why is my job waiting".
 * Every policy passes the {@code AvailabilityPolicyContract} suite of {@code berth-testkit}.
 */
public interface AvailabilityPolicy extends ExtensionPoint {

  /** One {@link NodeVerdict} per node of {@code snapshot}, in the same order. */
  AvailabilityVerdict judge(ResourceSnapshot snapshot);
}
