package dev.berth.core.auth;

/** How Berth learns who calls it (config {@code auth.mode}). */
public enum AuthMode {
  /** Users and password hashes in the queue store; Basic, API tokens and a session cookie. */
  LOCAL,
  /** A trusted reverse proxy (oauth2-proxy) names the user in headers. */
  PROXY,
  /** Nobody signs in: every caller is an administrator. For a single-user workstation only. */
  NONE
}
