package dev.berth.core.api;

import io.javalin.router.EndpointMetadata;

/**
 * A route's own cap on its request body, declared with the route, for the few that take more than
 * {@code api.maxBodyBytes} (a plugin upload). {@link RequestLimits} enforces it.
 *
 * @param refusal what the 413 answer says, in the route's own terms ("a plugin jar of at most 64 MiB")
 */
public record BodyLimit(long bytes, String refusal) implements EndpointMetadata {}
