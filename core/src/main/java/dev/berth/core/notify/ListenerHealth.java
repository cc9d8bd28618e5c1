package dev.berth.core.notify;

import java.time.Instant;

/**
 * How one listener's deliveries went, for the admin plugins page.
 *
 * @param delivered events it accepted (on any try)
 * @param failed events given up on after the last try, or dropped because the queue was full
 * @param lastError the last failure's message (never a secret: listeners report URLs without
 *     credentials); null when none
 * @param lastErrorAt when that was, by the server's clock
 */
public record ListenerHealth(String listener, long delivered, long failed, String lastError, Instant lastErrorAt) {}
