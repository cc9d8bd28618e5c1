package dev.berth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A local Berth user as the {@link IdentityStore} keeps it.
 *
 * @param username the sign-in name, unique, as the user typed it at creation
 * @param passwordHash the password's hash in the host's format (bcrypt today); never the password
 * @param admin whether the user may change settings, plugins and users
 * @param disabled a disabled user can neither sign in nor use a token
 * @param createdAt when the user was created
 */
public record UserAccount(String username, String passwordHash, boolean admin, boolean disabled, Instant createdAt) {
  public UserAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
