package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link JobExecutor} must show. An implementation's test extends this class
 * and says how to build the executor over some state, and which jobs succeed, fail, run long or
 * print many lines; the tests here run those jobs for real.
 *
 * <p>"Restart" means closing the executor without cancelling anything and building a new one over
 * the same state, as Berth does when it stops and starts again (or dies and is started again).
 */
public abstract class JobExecutorContract {

  /** The exit code {@link #failingJob} ends with. */
  protected static final int FAILURE_EXIT_CODE = 7;

  @TempDir private Path stateDir;

  private final List<JobExecutor> built = new ArrayList<>();
  private final List<Job> submitted = new ArrayList<>();
  private JobExecutor executor;
  private ExecutorStatusRecorder pushed;

  /**
   * A new executor over {@code stateDir}. Called again with the same directory to model a restart,
   * so everything the executor needs to remember must live there (or outside the JVM).
   */
  protected abstract JobExecutor createExecutor(Path stateDir);

  /** A job that prints the line {@link #greeting greeting(id)} once and exits 0 soon after. */
  protected abstract Job succeedingJob(String id);

  /** A job that ends soon with exit code {@link #FAILURE_EXIT_CODE}. */
  protected abstract Job failingJob(String id);

  /**
   * A job that prints the line {@link #greeting greeting(id)} once, then runs until cancelled (at
   * least as long as {@link #timeout()}).
   */
  protected abstract Job longRunningJob(String id);

  /** A job that prints {@code line 1} to {@code line <lines>}, one a line, and exits 0. */
  protected abstract Job countingJob(String id, int lines);

  /**
   * Whether anything the run started still exists outside the executor's bookkeeping: its
   * processes, its pods. Used to check that a cancel really stops the work.
   */
  protected abstract boolean isRunAlive(Job job, String executorRef);

  /** How long to wait for anything; generous, for a busy machine. Never a measured time. */
  protected Duration timeout() {
    return Duration.ofSeconds(60);
  }

  /** The line the succeeding and long-running jobs print. */
  protected static String greeting(String jobId) {
    return "hello from job " + jobId;
  }

  /** A SCHEDULED job of user {@code alice} placed on node {@code local} and {@code gpus}. */
  protected static Job scheduledJob(
      String id, String template, Map<String, String> parameters, List<Integer> gpus) {
    return JobBuilder.job(id)
        .name("contract job " + id)
        .template(template)
        .parameters(parameters)
        .scheduledOn("local", gpus, Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  @BeforeEach
  void buildExecutor() {
    startExecutor();
  }

  @AfterEach
  void stopJobsAndClose() throws Exception {
    try {
      for (Job job : submitted) {
        executor.cancel(job);
      }
      for (Job job : submitted) {
        String ref = ref(job);
        if (ref != null) {
          awaitTrue("run of job " + job.id() + " gone", () -> !isRunAlive(job, ref));
        }
      }
    } finally {
      for (JobExecutor e : built) {
        if (e instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
  }

  @Test
  void offersAtLeastOneTemplateWithADistinctName() {
    List<JobTemplate> templates = executor.templates();

    assertThat(templates).isNotEmpty();
    assertThat(templates)
        .extracting(JobTemplate::name)
        .doesNotHaveDuplicates()
        .allMatch(name -> !name.isBlank());
  }

  @Test
  void succeedingJobEndsSucceededWithExitCodeZero() {
    Job job = succeedingJob("1");

    String ref = submit(job);
    ExecutionStatus end = awaitEnd(job);

    assertThat(ref).isNotBlank();
    assertThat(end.phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(end.exitCode()).isZero();
    assertThat(end.jobId()).isEqualTo("1");
    assertThat(end.executorRef()).isEqualTo(ref);
  }

  @Test
  void failingJobEndsFailedWithItsExitCodeAndAMessage() {
    Job job = failingJob("1");

    submit(job);
    ExecutionStatus end = awaitEnd(job);

    assertThat(end.phase()).isEqualTo(ExecutionPhase.FAILED);
    assertThat(end.exitCode()).isEqualTo(FAILURE_EXIT_CODE);
    assertThat(end.message()).isNotBlank();
  }

  @Test
  void listenerHearsRunningAndThenTheEnd() {
    Job quick = succeedingJob("1");
    Job slow = longRunningJob("2");

    submit(quick);
    submit(slow);

    assertThat(pushed.awaitFinished("1", timeout()).phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    pushed.awaitPhase("2", ExecutionPhase.RUNNING, timeout());
    executor.cancel(slow);
    assertThat(pushed.awaitFinished("2", timeout()).phase())
        .isIn(ExecutionPhase.CANCELLED, ExecutionPhase.FAILED);
    for (String id : List.of("1", "2")) {
      assertThat(afterFirstEnd(pushed.of(id)))
          .as("statuses pushed for job %s after its end", id)
          .allMatch(s -> s.phase().isFinished());
    }
  }

  @Test
  void submittingTheSameJobAgainReturnsTheSameRunWithoutStartingAnother() {
    Job job = succeedingJob("1");

    String first = submit(job);
    String second = executor.submit(job);
    awaitEnd(job);
    String third = executor.submit(job);

    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    assertThat(occurrences(wholeLog(job), greeting("1"))).isEqualTo(1);
    assertThat(executor.status(job)).map(ExecutionStatus::phase).contains(ExecutionPhase.SUCCEEDED);
  }

  @Test
  void aRetryIsARunOfItsOwnAndEachAttemptKeepsItsLog() {
    Job first = succeedingJob("1");
    Job retry = first.withFlow(first.flow().withAttempt(2));

    submit(first);
    ExecutionStatus firstEnd = awaitEnd(first);
    submit(retry);
    ExecutionStatus retryEnd = awaitEnd(retry);

    assertThat(firstEnd.attempt()).isEqualTo(1);
    assertThat(retryEnd.attempt()).as("the retry is not the run before it").isEqualTo(2);
    assertThat(retryEnd.phase()).isEqualTo(ExecutionPhase.SUCCEEDED);
    assertThat(executor.status(first)).map(ExecutionStatus::attempt).contains(1);
    assertThat(occurrences(wholeLog(first), greeting("1"))).as("attempt 1's log").isEqualTo(1);
    assertThat(occurrences(wholeLog(retry), greeting("1"))).as("attempt 2's log").isEqualTo(1);
  }

  @Test
  void concurrentSubmissionsOfOneJobStartOneRun() throws Exception {
    Job job = longRunningJob("1");
    submitted.add(job);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(() -> executor.submit(job));
      }
      Set<String> refs = new HashSet<>();
      for (Future<String> ref : threads.invokeAll(calls)) {
        refs.add(ref.get());
      }
      assertThat(refs).hasSize(1);
    } finally {
      threads.shutdown();
      assertThat(threads.awaitTermination(timeout().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }
    awaitLogContains(job, greeting("1"));

    assertThat(executor.active()).filteredOn(s -> s.jobId().equals("1")).hasSize(1);
    assertThat(occurrences(executor.readLog(job, 0, 1 << 20).text(), greeting("1"))).isEqualTo(1);
  }

  @Test
  void cancelStopsARunningJob() {
    Job job = longRunningJob("1");
    String ref = submit(job);
    awaitLogContains(job, greeting("1"));

    executor.cancel(job);
    ExecutionStatus end = awaitEnd(job);

    assertThat(end.phase()).isIn(ExecutionPhase.CANCELLED, ExecutionPhase.FAILED);
    assertThat(end.executorRef()).isEqualTo(ref);
    awaitTrue("run of the cancelled job gone", () -> !isRunAlive(job, ref));
    assertThat(executor.active()).noneMatch(s -> s.jobId().equals("1"));
  }

  @Test
  void cancelOfAFinishedJobChangesNothing() {
    Job job = succeedingJob("1");
    submit(job);
    ExecutionStatus end = awaitEnd(job);

    executor.cancel(job);

    assertThat(executor.status(job)).contains(end);
  }

  @Test
  void unknownJobHasNoStatusNoLogAndCancelIgnoresIt() {
    Job job = succeedingJob("42");

    executor.cancel(job);

    assertThat(executor.status(job)).isEmpty();
    assertThat(executor.readLog(job, 0, 1024)).isEqualTo(new LogChunk("", 0, true));
    assertThat(executor.tailLog(job, 10)).isEmpty();
    assertThat(executor.active()).isEmpty();
  }

  @Test
  void activeListsRunningJobsOnly() {
    Job done = succeedingJob("1");
    Job going = longRunningJob("2");
    submit(done);
    String ref = submit(going);
    awaitEnd(done);
    awaitLogContains(going, greeting("2"));

    List<ExecutionStatus> active = executor.active();

    assertThat(active).extracting(ExecutionStatus::jobId).containsExactly("2");
    assertThat(active.get(0).phase()).isEqualTo(ExecutionPhase.RUNNING);
    assertThat(active.get(0).executorRef()).isEqualTo(ref);
  }

  @Test
  void readLogPagesThroughTheWholeLogAndSaysWhenItIsFinished() {
    Job job = countingJob("1", 300);
    submit(job);
    awaitEnd(job);

    StringBuilder text = new StringBuilder();
    long offset = 0;
    int chunks = 0;
    LogChunk chunk;
    do {
      chunk = executor.readLog(job, offset, 100);
      assertThat(chunk.nextOffset()).isGreaterThanOrEqualTo(offset);
      assertThat(chunks++).as("chunks read").isLessThan(10_000);
      text.append(chunk.text());
      offset = chunk.nextOffset();
    } while (!chunk.finished());

    assertThat(chunks).isGreaterThan(1);
    assertThat(text.toString().lines()).containsExactlyElementsOf(countedLines(1, 300));
    assertThat(executor.readLog(job, offset, 100)).isEqualTo(new LogChunk("", offset, true));
  }

  @Test
  void readLogOfARunningJobIsNotFinished() {
    Job job = longRunningJob("1");
    submit(job);

    LogChunk chunk = awaitLogContains(job, greeting("1"));
    LogChunk rest = executor.readLog(job, chunk.nextOffset(), 1024);

    assertThat(chunk.finished()).isFalse();
    assertThat(rest.finished()).isFalse();
  }

  @Test
  void tailLogGivesTheLastLines() {
    Job job = countingJob("1", 50);
    submit(job);
    awaitEnd(job);

    assertThat(executor.tailLog(job, 3).lines()).containsExactly("line 48", "line 49", "line 50");
    assertThat(executor.tailLog(job, 1000).lines()).containsExactlyElementsOf(countedLines(1, 50));
  }

  @Test
  void afterARestartFinishedJobsKeepTheirStatusAndLog() {
    Job good = succeedingJob("1");
    Job bad = failingJob("2");
    String goodRef = submit(good);
    String badRef = submit(bad);
    ExecutionStatus goodEnd = awaitEnd(good);
    ExecutionStatus badEnd = awaitEnd(bad);

    restartExecutor();

    assertThat(executor.status(good)).contains(goodEnd);
    assertThat(executor.status(bad)).contains(badEnd);
    assertThat(executor.submit(good)).isEqualTo(goodRef);
    assertThat(executor.submit(bad)).isEqualTo(badRef);
    assertThat(occurrences(wholeLog(good), greeting("1"))).isEqualTo(1);
    assertThat(executor.active()).isEmpty();
  }

  @Test
  void afterARestartARunningJobIsAdoptedAndCanStillBeCancelled() {
    Job job = longRunningJob("1");
    String ref = submit(job);
    awaitLogContains(job, greeting("1"));

    restartExecutor();

    assertThat(executor.status(job)).map(ExecutionStatus::phase).contains(ExecutionPhase.RUNNING);
    assertThat(executor.active()).extracting(ExecutionStatus::executorRef).containsExactly(ref);
    assertThat(executor.submit(job)).isEqualTo(ref);
    executor.cancel(job);
    assertThat(pushed.awaitFinished("1", timeout()).phase())
        .isIn(ExecutionPhase.CANCELLED, ExecutionPhase.FAILED);
    assertThat(awaitEnd(job).executorRef()).isEqualTo(ref);
    awaitTrue("run of the cancelled job gone", () -> !isRunAlive(job, ref));
    assertThat(occurrences(executor.readLog(job, 0, 1 << 20).text(), greeting("1"))).isEqualTo(1);
  }

  // ---- for subclasses' own tests ----

  /** The executor under test; replaced by {@link #restartExecutor()}. */
  protected final JobExecutor executor() {
    return executor;
  }

  /** What the current executor pushed to its listener. */
  protected final ExecutorStatusRecorder pushed() {
    return pushed;
  }

  /** Closes the executor without cancelling anything and builds a new one on the same state. */
  protected final void restartExecutor() {
    if (executor instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new AssertionError("closing the executor failed", e);
      }
    }
    startExecutor();
  }

  /** Submits {@code job}, remembering it so that it is cancelled after the test. */
  protected final String submit(Job job) {
    submitted.add(job);
    return executor.submit(job);
  }

  /** Polls {@link JobExecutor#status} until the job has ended. */
  protected final ExecutionStatus awaitEnd(Job job) {
    return awaitValue(
            "job " + job.id() + " to end",
            () -> executor.status(job),
            s -> s.isPresent() && s.get().phase().isFinished())
        .orElseThrow();
  }

  /** Polls the log from its start until it contains {@code text}. */
  protected final LogChunk awaitLogContains(Job job, String text) {
    return awaitValue(
        "log of job " + job.id() + " to contain '" + text + "'",
        () -> executor.readLog(job, 0, 1 << 20),
        chunk -> chunk.text().contains(text));
  }

  /**
   * Polls {@code probe} every few milliseconds until {@code done} holds, for {@link #timeout()}.
   */
  protected final <T> T awaitValue(String what, Supplier<T> probe, Predicate<T> done) {
    return Await.until(what, timeout(), probe, done);
  }

  /** Polls {@code condition} until it holds, for {@link #timeout()}. */
  protected final void awaitTrue(String what, Supplier<Boolean> condition) {
    awaitValue(what, condition, Boolean::booleanValue);
  }

  /** The whole log of a job, read in one go. */
  protected final String wholeLog(Job job) {
    return executor.readLog(job, 0, 1 << 24).text();
  }

  protected static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  private void startExecutor() {
    executor = createExecutor(stateDir);
    built.add(executor);
    pushed = new ExecutorStatusRecorder();
    executor.start(pushed);
  }

  private String ref(Job job) {
    return executor.status(job).map(ExecutionStatus::executorRef).orElse(null);
  }

  private static List<ExecutionStatus> afterFirstEnd(List<ExecutionStatus> statuses) {
    int end =
        IntStream.range(0, statuses.size())
            .filter(i -> statuses.get(i).phase().isFinished())
            .findFirst()
            .orElse(statuses.size());
    return statuses.subList(end, statuses.size());
  }

  private static List<String> countedLines(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.toList());
  }
}
