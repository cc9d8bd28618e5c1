package dev.berth.core.auth;

/** What a route needs of its caller; {@link AccessRules} assigns one to every request. */
public enum Role {
  /** Open to everyone, signed in or not (health, sign-in page, static assets). */
  ANYONE,
  /** Any signed-in user. */
  USER,
  /** Signed-in administrators only. */
  ADMIN
}
