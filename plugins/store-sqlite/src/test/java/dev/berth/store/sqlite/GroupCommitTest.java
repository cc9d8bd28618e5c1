package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.testkit.Await;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The line of writers: who leads, what shares a batch, and when a caller may return. */
class GroupCommitTest {
  /** Hang guards only. */
  private static final Duration PATIENT = Duration.ofMinutes(2);

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch firstCommitMayEnd = new CountDownLatch(1);

  /** Runs each write with no connection, and records every batch; the first waits for the test. */
  private final GroupCommit.Committer recording =
      batch -> {
        List<String> actions = new ArrayList<>();
        for (GroupCommit.Write<?> write : batch) {
          actions.add(write.action());
          try {
            write.run(null);
          } catch (SQLException | RuntimeException e) {
            write.fail(e instanceof RuntimeException r ? r : new IllegalStateException(e));
          }
        }
        if (batches.isEmpty()) {
          awaitQuietly(firstCommitMayEnd);
        }
        batches.add(actions);
      };

  private final GroupCommit line = new GroupCommit(recording, 3);

  @AfterEach
  void stopThreads() {
    firstCommitMayEnd.countDown();
    threads.shutdownNow();
  }

  @Test
  void aLoneWriteIsABatchOfOneAndReturnsItsResult() throws Exception {
    firstCommitMayEnd.countDown();

    assertThat(line.<Integer>write("a", connection -> 42, PATIENT)).isEqualTo(42);
    assertThat(batches).containsExactly(List.of("a"));
    assertThat(line.waiting()).isZero();
  }

  @Test
  void writesArrivingDuringACommitShareTheNextInArrivalOrderUpToTheBatchSize() throws Exception {
    Future<String> first = submit("first");
    awaitInLine(1);
    List<Future<String>> later = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      later.add(submit("w" + i));
      awaitInLine(2 + i);
    }

    assertThat(first).as("not before its commit ended").isNotDone();
    assertThat(later).noneMatch(Future::isDone);
    firstCommitMayEnd.countDown();

    assertThat(first.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("first");
    for (int i = 0; i < later.size(); i++) {
      assertThat(later.get(i).get(PATIENT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("w" + i);
    }
    assertThat(batches)
        .containsExactly(List.of("first"), List.of("w0", "w1", "w2"), List.of("w3"));
  }

  @Test
  void aFailedWriteFailsItsOwnCallerOnly() throws Exception {
    Future<String> first = submit("first");
    awaitInLine(1);
    Future<String> failing =
        threads.submit(
            () ->
                line.write(
                    "failing",
                    connection -> {
                      throw new IllegalStateException("boom");
                    },
                    PATIENT));
    awaitInLine(2);
    Future<String> after = submit("after");
    awaitInLine(3);
    firstCommitMayEnd.countDown();

    assertThat(first.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("first");
    assertThat(after.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("after");
    assertThatThrownBy(() -> failing.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("boom");
  }

  @Test
  void aWriteNotTakenWithinItsWaitGivesUpUnrun() throws Exception {
    Future<String> first = submit("first");
    awaitInLine(1);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());

    assertThatThrownBy(
            () ->
                line.write(
                    "impatient",
                    connection -> {
                      ran.add("impatient");
                      return null;
                    },
                    Duration.ofMillis(1)))
        .isInstanceOf(GroupCommit.WaitedTooLong.class);
    firstCommitMayEnd.countDown();
    first.get(PATIENT.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(ran).isEmpty();
    assertThat(line.waiting()).isZero();
    assertThat(line.<String>write("next", connection -> "ok", PATIENT)).isEqualTo("ok");
    assertThat(batches).containsExactly(List.of("first"), List.of("next"));
  }

  @Test
  void aCommitterThatThrowsFailsItsBatchAndTheLineGoesOn() throws Exception {
    GroupCommit broken =
        new GroupCommit(
            batch -> {
              if (batch.get(0).action().equals("doomed")) {
                throw new IllegalStateException("committer bug");
              }
              for (GroupCommit.Write<?> write : batch) {
                try {
                  write.run(null);
                } catch (SQLException e) {
                  write.fail(new IllegalStateException(e));
                }
              }
            },
            3);

    assertThatThrownBy(() -> broken.write("doomed", connection -> 1, PATIENT))
        .hasMessage("committer bug");
    assertThat(broken.<Integer>write("fine", connection -> 2, PATIENT)).isEqualTo(2);
  }

  private Future<String> submit(String action) {
    CompletableFuture<String> result = new CompletableFuture<>();
    threads.submit(
        () -> {
          try {
            result.complete(line.write(action, connection -> action, PATIENT));
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private void awaitInLine(int count) {
    Await.until("" + count + " writes in line", PATIENT, line::waiting, n -> n >= count);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(PATIENT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
