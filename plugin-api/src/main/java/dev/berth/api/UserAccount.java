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
 * @param shares the user's fair-share weight: a user with 2 shares is entitled to twice the GPU time
 *     of a user with 1 (see {@link FairShareSnapshot}); at least 1
 */
public record UserAccount(
    String username, String passwordHash, boolean admin, boolean disabled, Instant createdAt, int shares) {
  public UserAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
    if (shares < 1) {
      throw new IllegalArgumentException("shares must be at least 1, was " + shares);
    }
  }

  /** A user with the default single share. */
  public UserAccount(String username, String passwordHash, boolean admin, boolean disabled, Instant createdAt) {
    this(username, passwordHash, admin, disabled, createdAt, 1);
  }

  /** This user with {@code shares} shares. */
  public UserAccount withShares(int shares) {
    return new UserAccount(username, passwordHash, admin, disabled, createdAt, shares);
  }
}
