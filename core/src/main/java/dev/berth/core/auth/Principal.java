package dev.berth.core.auth;

/**
 * Who a request acts for.
 *
 * @param username the user's name; jobs are submitted and cancelled in it
 * @param admin whether the user may change settings, plugins and users
 * @param via how the request proved it: session, basic, token, proxy or none
 */
public record Principal(String username, boolean admin, String via) {
  /** The caller in {@code auth.mode: none}: nobody signs in, so everyone is an administrator. */
  public static final Principal NOBODY = new Principal("local", true, "none");

  /** Whether this principal may act on something {@code owner} owns. */
  public boolean mayActFor(String owner) {
    return admin || username.equals(owner);
  }
}
