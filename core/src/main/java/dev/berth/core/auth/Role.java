package dev.berth.core.auth;

import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;

/**
 * What a route needs of its caller. Every route declares exactly one where it is registered
 * ({@code cfg.routes.get(path, handler, Role.USER)}), and {@link Auth}'s one {@code beforeMatched}
 * gate checks it, so no table of paths can drift from the routes. A route that declares none is
 * refused.
 */
public enum Role implements RouteRole {
  /** Open to everyone, signed in or not (health, sign-in page, static assets). */
  ANYONE,
  /** Any signed-in user. */
  USER,
  /** Signed-in administrators only. */
  ADMIN;

  /** The one Berth role among a route's roles; empty when it declares none, or more than one. */
  public static Optional<Role> declaredBy(Set<RouteRole> roles) {
    Role found = null;
    for (RouteRole r : roles) {
      if (r instanceof Role role) {
        if (found != null) {
          return Optional.empty();
        }
        found = role;
      }
    }
    return Optional.ofNullable(found);
  }
}
