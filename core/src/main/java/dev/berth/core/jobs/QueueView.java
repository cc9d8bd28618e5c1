package dev.berth.core.jobs;

import java.util.List;

/**
 * The queue page: what runs, what waits in order, and why the head waits.
 *
 * @param queuedTotal all QUEUED jobs, of which {@code queued} shows the first ones
 */
public record QueueView(List<JobView> running, List<JobView> queued, long queuedTotal) {}
