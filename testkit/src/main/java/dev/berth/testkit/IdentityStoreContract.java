package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ApiToken;
import dev.berth.api.AuditEntry;
import dev.berth.api.IdentityStore;
import dev.berth.api.UserAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IdentityStore} must show. An implementation subclasses it with a
 * near-empty class that opens the store over fresh storage, and a second instance over the same
 * storage as another Berth process would. Stores are closed after each test when they implement
 * {@link AutoCloseable}.
 */
public abstract class IdentityStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456Z");
  private final OpenedResources opened = new OpenedResources();

  /** The store under test, over fresh storage. */
  protected IdentityStore store;

  /** A store over fresh, empty storage; called once before each test. */
  protected abstract IdentityStore createStore();

  /** Another instance over the same storage as the last {@link #createStore()}. */
  protected abstract IdentityStore openSecondStoreOnSameStorage();

  @BeforeEach
  void openStore() {
    store = remember(createStore());
  }

  @AfterEach
  void closeStores() throws Exception {
    opened.closeAll();
  }

  private IdentityStore remember(IdentityStore s) {
    return opened.track(s);
  }

  private static UserAccount user(String name, boolean admin) {
    return new UserAccount(name, "$2a$10$hash-of-" + name, admin, false, T0);
  }

  @Test
  void aNewStoreHasNoUsers() {
    assertThat(store.users()).isEmpty();
    assertThat(store.user("admin")).isEmpty();
  }

  @Test
  void createdUsersAreReadBackExactlyAndListedByName() {
    assertThat(store.createUser(user("zoe", false))).isTrue();
    assertThat(store.createUser(user("alice", true))).isTrue();
    assertThat(store.user("alice")).contains(user("alice", true));
    assertThat(store.user("Alice")).isEmpty();
    assertThat(store.users()).extracting(UserAccount::username).containsExactly("alice", "zoe");
  }

  @Test
  void aTakenNameIsRefusedWithoutOverwriting() {
    store.createUser(user("alice", false));
    assertThat(store.createUser(new UserAccount("alice", "other", true, false, T0))).isFalse();
    assertThat(store.user("alice")).contains(user("alice", false));
  }

  @Test
  void updatesReplaceTheFieldsOfAnExistingUserOnly() {
    store.createUser(user("alice", false));
    UserAccount changed = new UserAccount("alice", "new-hash", true, true, T0);
    assertThat(store.updateUser(changed)).isTrue();
    assertThat(store.user("alice")).contains(changed);
    assertThat(store.updateUser(user("nobody", false))).isFalse();
    assertThat(store.user("nobody")).isEmpty();
  }

  @Test
  void sharesAreStoredAtCreationAndByAnUpdateAndDefaultToOne() {
    store.createUser(user("alice", false));
    store.createUser(user("bob", false).withShares(3));
    assertThat(store.user("alice")).get().extracting(UserAccount::shares).isEqualTo(1);
    assertThat(store.user("bob")).get().extracting(UserAccount::shares).isEqualTo(3);

    assertThat(store.updateUser(user("alice", false).withShares(1_000_000))).isTrue();

    assertThat(store.user("alice")).contains(user("alice", false).withShares(1_000_000));
    assertThat(store.users()).extracting(UserAccount::shares).containsExactly(1_000_000, 3);
    IdentityStore second = remember(openSecondStoreOnSameStorage());
    assertThat(second.user("bob")).get().extracting(UserAccount::shares).isEqualTo(3);
  }

  @Test
  void theFirstUserIsCreatedOnlyIntoAnEmptyStore() {
    assertThat(store.createFirstUser(user("admin", true))).isTrue();
    assertThat(store.createFirstUser(user("admin2", true))).isFalse();
    assertThat(store.users()).extracting(UserAccount::username).containsExactly("admin");
  }

  @Test
  void ofManyProcessesRacingToCreateTheFirstUserExactlyOneWins() throws Exception {
    IdentityStore second = remember(openSecondStoreOnSameStorage());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        IdentityStore s = i % 2 == 0 ? store : second;
        String name = "admin" + i;
        results.add(pool.submit((Callable<Boolean>) () -> s.createFirstUser(user(name, true))));
      }
      int won = 0;
      for (Future<Boolean> r : results) {
        won += r.get(2, TimeUnit.MINUTES) ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(store.users()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tokensAreFoundByHashListedPerOwnerAndRevokedOnlyByTheirOwner() {
    ApiToken a1 = new ApiToken("t1", "alice", "laptop", "aa11", T0, null);
    ApiToken a2 = new ApiToken("t2", "alice", "ci", "aa22", T0.plusSeconds(1), null);
    ApiToken b1 = new ApiToken("t3", "bob", "laptop", "bb11", T0.plusSeconds(2), null);
    store.addToken(a1);
    store.addToken(a2);
    store.addToken(b1);
    assertThat(store.tokenByHash("aa22")).contains(a2);
    assertThat(store.tokenByHash("nope")).isEmpty();
    assertThat(store.tokens("alice")).containsExactly(a1, a2);
    assertThat(store.tokens("carol")).isEmpty();

    assertThat(store.deleteToken("alice", "t3")).isFalse();
    assertThat(store.tokenByHash("bb11")).contains(b1);
    assertThat(store.deleteToken("alice", "t1")).isTrue();
    assertThat(store.deleteToken("alice", "t1")).isFalse();
    assertThat(store.tokenByHash("aa11")).isEmpty();
    assertThat(store.tokens("alice")).containsExactly(a2);
  }

  @Test
  void aTokensLastUseIsRecordedAndAGoneTokenIgnored() {
    store.addToken(new ApiToken("t1", "alice", "laptop", "aa11", T0, null));
    store.touchToken("t1", T0.plusSeconds(60));
    assertThat(store.tokenByHash("aa11")).get().extracting(ApiToken::lastUsedAt).isEqualTo(T0.plusSeconds(60));
    store.touchToken("gone", T0);
    assertThat(store.tokenByHash("aa11")).isPresent();
  }

  @Test
  void writesAreSeenByAnotherInstanceOnTheSameStorage() {
    store.createUser(user("alice", false));
    store.addToken(new ApiToken("t1", "alice", "laptop", "aa11", T0, null));
    store.appendAudit(new AuditEntry(T0, "alice", "user.create", "bob", ""));
    IdentityStore second = remember(openSecondStoreOnSameStorage());
    assertThat(second.user("alice")).isPresent();
    assertThat(second.tokenByHash("aa11")).isPresent();
    assertThat(second.audit(10)).hasSize(1);
  }

  @Test
  void theAuditLogListsTheNewestEntriesFirst() {
    for (int i = 0; i < 5; i++) {
      store.appendAudit(new AuditEntry(T0.plusSeconds(i), "admin", "settings.update", "scheduler", "change " + i));
    }
    store.appendAudit(new AuditEntry(T0, "bob", "job.cancel", "7", ""));
    List<AuditEntry> newest = store.audit(3);
    assertThat(newest).hasSize(3);
    assertThat(newest.get(0)).isEqualTo(new AuditEntry(T0, "bob", "job.cancel", "7", ""));
    assertThat(newest.get(1).detail()).isEqualTo("change 4");
    assertThat(newest.get(2).detail()).isEqualTo("change 3");
    assertThat(store.audit(100)).hasSize(6);
  }
}
