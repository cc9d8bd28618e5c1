package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.berth.api.Job;
import dev.berth.api.QueueOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link QueueOrder} must do, whatever its ranking: give back exactly the jobs it was
 * given, leave its input alone, and answer the same way for the same queue. An implementation's
 * test extends this class and builds the order with its default configuration.
 *
 * <pre>{@code
 * class MyOrderTest extends QueueOrderContract {
 *   protected QueueOrder createOrder(Path workDir) { ... }
 * }
 * }</pre>
 */
public abstract class QueueOrderContract {

  private static final Instant FIRST_SUBMISSION = Instant.parse("2026-03-01T08:00:00Z");

  /** A fresh directory per test, for the order's data dir if it needs one. */
  @TempDir protected Path workDir;

  /** The order under test, with its default configuration. */
  protected abstract QueueOrder createOrder(Path workDir);

  @Test
  void emptyQueueGivesEmptyOrder() {
    assertThat(createOrder(workDir).order(List.of())).isEmpty();
  }

  @Test
  void singleJobComesBackAlone() {
    Job only = queuedJob(7, 0);

    assertThat(createOrder(workDir).order(List.of(only))).containsExactly(only);
  }

  @Test
  void givesBackExactlyTheJobsItWasGiven() {
    List<Job> queue = mixedQueue(50);

    List<Job> ordered = createOrder(workDir).order(queue);

    assertThat(ordered).hasSameSizeAs(queue).containsExactlyInAnyOrderElementsOf(queue);
  }

  @Test
  void sameQueueGivesSameOrder() {
    QueueOrder order = createOrder(workDir);
    List<Job> queue = mixedQueue(50);

    assertThat(order.order(queue)).containsExactlyElementsOf(order.order(queue));
    assertThat(createOrder(workDir).order(queue)).containsExactlyElementsOf(order.order(queue));
  }

  @Test
  void leavesItsInputUnchanged() {
    List<Job> queue = new ArrayList<>(mixedQueue(20));
    List<Job> before = List.copyOf(queue);

    createOrder(workDir).order(queue);

    assertThat(queue).containsExactlyElementsOf(before);
  }

  @Test
  void acceptsAnUnmodifiableQueue() {
    List<Job> queue = List.copyOf(mixedQueue(20));

    assertThat(createOrder(workDir).order(queue)).hasSize(20);
  }

  @Test
  void handlesAThousandsLongQueue() {
    List<Job> queue = mixedQueue(3000);

    List<Job> ordered = createOrder(workDir).order(queue);

    assertThat(ordered).hasSize(3000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queue);
  }

  @Test
  void anOrderThatKeepsSubmissionOrderReturnsItsInputAsItCame() {
    QueueOrder order = createOrder(workDir);
    assumeThat(order.keepsSubmissionOrder()).as("the order ranks; nothing to promise").isTrue();
    List<Job> queue = mixedQueue(200);

    assertThat(order.order(queue))
        .as("the scheduler reads only as many jobs as it can start, trusting this")
        .containsExactlyElementsOf(queue);
  }

  /**
   * A QUEUED job with id {@code sequence}, submitted {@code sequence} seconds after a fixed instant,
   * with the given priority.
   */
  public static Job queuedJob(long sequence, int priority) {
    Instant submitted = FIRST_SUBMISSION.plus(Duration.ofSeconds(sequence));
    return JobBuilder.job(Long.toString(sequence))
        .name("job-" + sequence)
        .user("user-" + (sequence % 3))
        .parameters(Map.of("seconds", "5"))
        .gpus((int) (sequence % 3))
        .priority(priority)
        .submittedAt(submitted)
        .build();
  }

  /**
   * {@code size} QUEUED jobs in submission order (ids 1..size) with mixed priorities, users and GPU
   * counts, as the store hands them to an order.
   */
  public static List<Job> mixedQueue(int size) {
    List<Job> jobs = new ArrayList<>(size);
    for (long id = 1; id <= size; id++) {
      jobs.add(queuedJob(id, (int) ((id * 7) % 5) - 2));
    }
    return List.copyOf(jobs);
  }
}
