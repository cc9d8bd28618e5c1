package dev.berth.core.auth;

import dev.berth.core.config.DataDirectory;
import dev.berth.api.IdentityStore;
import dev.berth.api.UserAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@code admin} user on the first start with no users, as Jenkins does: with {@code
 * BERTH_ADMIN_PASSWORD} when set, else a random password written to {@code
 * <dataDir>/secrets/initial-admin-password} (mode 0600) and logged once. The store's
 * create-first-user is a compare-and-set, so of several replicas starting together exactly one
 * creates it. The file is created only together with the user and never rewritten.
 */
public final class InitialAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);
  public static final String USERNAME = "admin";

  private InitialAdmin() {}

  public static Path passwordFile(Path dataDir) {
    return DataDirectory.secrets(dataDir).resolve("initial-admin-password");
  }

  /** @return whether this call created the administrator */
  public static boolean ensure(IdentityStore store, PasswordHasher hasher, Path dataDir, String presetPassword, Clock clock) {
    if (!store.users().isEmpty()) {
      return false;
    }
    boolean preset = presetPassword != null && !presetPassword.isEmpty();
    String password = preset ? presetPassword : Secrets.random(18);
    if (!store.createFirstUser(new UserAccount(USERNAME, hasher.hash(password), true, false, clock.instant()))) {
      return false;
    }
    if (preset) {
      LOG.info("Created the administrator '{}' with the password from BERTH_ADMIN_PASSWORD", USERNAME);
      return true;
    }
    Path file = passwordFile(dataDir);
    try {
      DataDirectory.createSecrets(dataDir);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (FileAlreadyExistsException e) {
        LOG.warn("{} exists and is left alone; the new administrator's password is only in this log", file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the initial administrator password to " + file, e);
    }
    LOG.warn("""

        *************************************************************
        Berth created the administrator '{}' with the password:

            {}

        It is also in {} (readable by this user only).
        Sign in at /login, then change it (Users page, or PATCH /api/v1/users/admin).
        *************************************************************""", USERNAME, password, file);
    return true;
  }
}
