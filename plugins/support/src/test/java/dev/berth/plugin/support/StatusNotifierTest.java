package dev.berth.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The push thread both executors share: order kept, repeats dropped only where asked, a failing
 * listener never stops later pushes. Each check waits for the next delivery with a deadline; a
 * dropped push shows as the next delivery being the one after it, never as a timed silence.
 */
class StatusNotifierTest {
  private final StatusNotifier notifier = new StatusNotifier(LoggerFactory.getLogger(StatusNotifierTest.class), "test-status");
  private final BlockingQueue<ExecutionStatus> delivered = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    notifier.close();
  }

  @Test
  void pushesInOrderFromItsOwnThread() throws Exception {
    notifier.listenTo(s -> {
      threads.add(Thread.currentThread().getName());
      delivered.add(s);
    });
    notifier.push(() -> status("1", ExecutionPhase.RUNNING));
    notifier.push(() -> null);
    notifier.push(() -> status("1", ExecutionPhase.SUCCEEDED));

    assertThat(next().phase()).isEqualTo(ExecutionPhase.RUNNING);
    assertThat(next().phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(threads.poll(30, TimeUnit.SECONDS)).isEqualTo("test-status");
  }

  @Test
  void pushChangeDropsARepeatUntilTheJobIsForgotten() throws Exception {
    notifier.listenTo(delivered::add);
    ExecutionStatus running = status("7", ExecutionPhase.RUNNING);
    notifier.pushChange(running);
    notifier.pushChange(running);
    notifier.pushChange(status("8", ExecutionPhase.RUNNING));
    notifier.forget("7");
    notifier.pushChange(running);

    assertThat(next()).isEqualTo(running);
    assertThat(next().jobId()).isEqualTo("8");
    assertThat(next()).isEqualTo(running);
  }

  @Test
  void aFailingListenerDoesNotStopLaterPushes() throws Exception {
    notifier.listenTo(s -> {
      if (s.jobId().equals("bad")) {
        throw new IllegalStateException("listener broke");
      }
      delivered.add(s);
    });
    notifier.pushChange(status("bad", ExecutionPhase.RUNNING));
    notifier.push(() -> {
      throw new IllegalStateException("status unreadable");
    });
    notifier.pushChange(status("good", ExecutionPhase.RUNNING));

    assertThat(next().jobId()).isEqualTo("good");
  }

  @Test
  void pushesAfterCloseAreDroppedQuietly() {
    notifier.close();
    assertThatCode(() -> {
      notifier.push(() -> status("1", ExecutionPhase.RUNNING));
      notifier.pushChange(status("1", ExecutionPhase.RUNNING));
      notifier.forget("1");
    }).doesNotThrowAnyException();
  }

  private ExecutionStatus next() throws InterruptedException {
    ExecutionStatus s = delivered.poll(30, TimeUnit.SECONDS);
    assertThat(s).as("a delivered status within 30 s").isNotNull();
    return s;
  }

  private static ExecutionStatus status(String job, ExecutionPhase phase) {
    return new ExecutionStatus(job, "ref-" + job, phase, null, null, null, null);
  }
}
