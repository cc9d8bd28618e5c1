package dev.berth.order.fifo;

import static dev.berth.testkit.QueueOrderContract.mixedQueue;
import static dev.berth.testkit.QueueOrderContract.queuedJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FIFO specifics, beyond what every order must do (see {@link FifoOrderContractTest}). */
class FifoOrderTest {

  @TempDir Path dir;

  private FifoOrder createOrder(Path workDir) {
    return new FifoOrder(new TestPluginContext("fifo", Map.of(), new SettableClock(), workDir));
  }

  @Test
  void startsJobsInSubmissionOrderWhateverTheirPriority() {
    Job low = queuedJob(1, -5);
    Job high = queuedJob(2, 10);
    Job normal = queuedJob(3, 0);

    assertThat(createOrder(dir).order(List.of(low, high, normal))).containsExactly(low, high, normal);
  }

  @Test
  void comparesIdsAsNumbersNotText() {
    Job nine = queuedJob(9, 0);
    Job ten = queuedJob(10, 0);
    Job hundred = queuedJob(100, 0);

    assertThat(createOrder(dir).order(List.of(hundred, ten, nine))).containsExactly(nine, ten, hundred);
  }

  @Test
  void sortsAShuffledQueueBackIntoSequence() {
    List<Job> queue = mixedQueue(500);
    List<Job> shuffled = new ArrayList<>(queue);
    Collections.shuffle(shuffled, new Random(42));

    assertThat(createOrder(dir).order(shuffled)).containsExactlyElementsOf(queue);
  }
}
