package dev.berth.core.fairshare;

import dev.berth.api.IdentityStore;
import dev.berth.api.QueueStore;
import dev.berth.api.UserAccount;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every account's fair-share shares, read from the identity store when there is one. */
public final class AccountShares {
  private AccountShares() {}

  /** Reads the accounts on each call; without an identity store, nobody has more than 1 share. */
  public static Supplier<Map<String, Integer>> of(QueueStore store) {
    if (!(store instanceof IdentityStore identities)) {
      return Map::of;
    }
    return () -> {
      Map<String, Integer> shares = new HashMap<>();
      for (UserAccount u : identities.users()) {
        shares.put(u.username(), u.shares());
      }
      return shares;
    };
  }
}
