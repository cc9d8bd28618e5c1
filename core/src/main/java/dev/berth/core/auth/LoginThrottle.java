package dev.berth.core.auth;

import dev.berth.core.errors.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;

/**
 * Slows password guessing with two separate budgets in one window: failures for one account from
 * anywhere, and failures from one client address for any accounts. The per-address budget is
 * large, because behind a proxy many people share an address: made-up names from one address must
 * not lock the real users out, while one account still cannot be guessed at from many addresses.
 * Kept in memory per process, bounded (see {@link FailureCounts}).
 */
public final class LoginThrottle {
  /** Keys this many accounts and this many addresses at most; the least recently seen are forgotten first. */
  public static final int TRACKED = 10_000;

  private final FailureCounts accounts;
  private final FailureCounts addresses;

  /**
   * @param perAccount failures for one account within {@code window} before it waits
   * @param perAddress failures from one address within {@code window} before it waits
   * @param tracked how many accounts and how many addresses are remembered at most
   */
  public LoginThrottle(Clock clock, int perAccount, int perAddress, Duration window, int tracked) {
    this.accounts = new FailureCounts(clock, window, perAccount, tracked);
    this.addresses = new FailureCounts(clock, window, perAddress, tracked);
  }

  /** @throws TooManyRequestsException when this account or this address must wait */
  public void check(String username, String address) {
    String account = account(username);
    long accountWait = account == null ? 0 : accounts.waitSeconds(account);
    if (accountWait > 0) {
      throw new TooManyRequestsException("too many failed sign-ins for this user; try again in " + accountWait + " s",
          accountWait);
    }
    long addressWait = addresses.waitSeconds(address);
    if (addressWait > 0) {
      throw new TooManyRequestsException("too many failed sign-ins from this address; try again in " + addressWait
          + " s", addressWait);
    }
  }

  /** Counts a failure against the address, and against the account when the name could be one. */
  public void failed(String username, String address) {
    String account = account(username);
    if (account != null) {
      accounts.failed(account);
    }
    addresses.failed(address);
  }

  /** Clears the account's count; the address keeps its own, so one good password cannot reset a guesser's budget. */
  public void succeeded(String username) {
    String account = account(username);
    if (account != null) {
      accounts.clear(account);
    }
  }

  int trackedAccounts() {
    return accounts.size();
  }

  int trackedAddresses() {
    return addresses.size();
  }

  /** The account key, or null for a name no account can have (checked before it takes memory). */
  private static String account(String username) {
    return username == null || username.isEmpty() || username.length() > IdentityService.MAX_USERNAME
        ? null : username;
  }
}
