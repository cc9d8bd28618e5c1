package dev.berth.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashes (cost {@value #COST}), through at.favre.lib:bcrypt. */
public final class PasswordHasher {
  /** About 60 ms per hash on one core of a 2020s machine: slow for a guesser, fine for a sign-in. */
  static final int COST = 10;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
  public static final int MAX_BYTES = 72;

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public boolean matches(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    return BCrypt.verifyer().verify(password.toCharArray(), hash.toCharArray()).verified;
  }
}
