/**
 * The public contract of Berth: the extension points a plugin implements and the value types that
 * cross them.
 *
 * <p>Data flows one way. The REST API writes jobs to the {@link dev.berth.api.QueueStore}. The
 * scheduler reads the store, samples the {@link dev.berth.api.ResourceProbe}, asks every {@link
 * dev.berth.api.AvailabilityPolicy}, orders the queue with the {@link dev.berth.api.QueueOrder},
 * claims a job atomically and hands it to the {@link dev.berth.api.JobExecutor}. What the executor
 * reports goes back to the store through the reconciler, and every state change is announced to
 * each {@link dev.berth.api.JobListener}.
 *
 * <p>Extensions get everything from the host through the {@link dev.berth.api.PluginContext} passed
 * to their constructor: no statics, no service lookups.
 */
package dev.berth.api;
