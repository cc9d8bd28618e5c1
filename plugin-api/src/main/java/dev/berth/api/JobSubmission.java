package dev.berth.api;

import java.util.Map;
import java.util.Objects;

/**
 * A validated request to queue a job. The host validates every field before a store sees it, so a
 * store may trust the values.
 *
 * @param name a short human name
 * @param user who submitted it
 * @param template the executor template to run (for example {@code demo} or {@code proto-gcn})
 * @param parameters template parameters, such as {@code config-file} and {@code work-dir}
 * @param gpus GPUs wanted on one node, 0 to 8; 0 means CPU-only
 * @param priority higher runs earlier under orders that honour priority; FIFO ignores it
 */
public record JobSubmission(
    String name,
    String user,
    String template,
    Map<String, String> parameters,
    int gpus,
    int priority) {
  public JobSubmission {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(template, "template");
    parameters = Map.copyOf(parameters);
  }
}
