package dev.berth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A personal API token as the {@link IdentityStore} keeps it: only the SHA-256 of the secret, never
 * the secret itself.
 *
 * @param id a short public id, unique, used to list and revoke the token
 * @param username the owner; requests with the token act as this user
 * @param name what the owner called it
 * @param hash lower-case hex SHA-256 of the token's secret, unique
 * @param createdAt when it was created
 * @param lastUsedAt when it last authenticated a request, or null when never
 */
public record ApiToken(String id, String username, String name, String hash, Instant createdAt, Instant lastUsedAt) {
  public ApiToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
