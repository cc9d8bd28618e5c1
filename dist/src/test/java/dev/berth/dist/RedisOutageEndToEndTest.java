package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Await;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis killed with {@code kill -9} twice while a client keeps submitting: Berth answers 503
 * problems (never 500) and {@code /readyz} 503 while it is down, the scheduler logs the outage once,
 * not per tick, and everything resumes by itself within 5 s of Redis coming back. Afterwards every
 * submission acknowledged with 201 is there, and every job ran exactly once.
 */
class RedisOutageEndToEndTest {
  private static final Duration T = Duration.ofMinutes(2);
  private static final Duration RECOVERY = Duration.ofSeconds(5);
  private static final String PAUSED = "Store unavailable, scheduling paused";
  private static final String RESUMED = "Store reachable again; scheduling resumed";
  @TempDir Path tmp;

  @Test
  void killingRedisDuringASubmissionLoopLosesNoAcknowledgedJobAndRunsNoneTwice() throws Exception {
    Path runs = tmp.resolve("runs.log");
    try (RedisServerProcess redis = RedisServerProcess.start(tmp.resolve("redis"), RedisServerProcess.Options.durable());
        BerthProcess berth = BerthProcess.serve(
            RedisBerthConfig.write(tmp.resolve("berth.yaml"), redis.url(), false, runs, "a"),
            tmp.resolve("data"), BerthProcess.freePort(), tmp.resolve("berth.log"))) {
      assertThat(berth.http.putJson("/api/v1/settings/scheduler", "{\"maxRunningJobs\": 4}").status()).isEqualTo(200);
      Submitter submitter = new Submitter(berth.http);
      Thread loop = new Thread(submitter, "submission-loop");
      loop.start();
      try {
        for (int outage = 1; outage <= 2; outage++) {
          int ackedBefore = submitter.acknowledged.size();
          Await.until("30 more acknowledged submissions", T, () -> submitter.acknowledged.size() >= ackedBefore + 30);

          redis.kill9();
          Await.until("/readyz to answer 503", T, () -> berth.http.get("/readyz").status() == 503);
          int refusedBefore = submitter.refused.get();
          int expectedLogLines = outage;
          Await.until("the scheduler to log the outage", T,
              () -> count(BerthProcess.read(berth.log), PAUSED) >= expectedLogLines);
          Await.until("submissions to be refused with 503", T, () -> submitter.refused.get() >= refusedBefore + 20);

          redis.restart();
          Await.until("/readyz to answer 200 again", RECOVERY, () -> berth.http.get("/readyz").status() == 200);
          int ackedAfterRestart = submitter.acknowledged.size();
          Await.until("submissions to be acknowledged again", RECOVERY,
              () -> submitter.acknowledged.size() > ackedAfterRestart);
          // The next outage is a new one only once the scheduler has had a good pass again.
          Await.until("the scheduler to resume", T, () -> count(BerthProcess.read(berth.log), RESUMED) >= expectedLogLines);
        }
      } finally {
        submitter.stop.set(true);
        loop.join(Duration.ofMinutes(1).toMillis());
      }

      assertThat(submitter.unexpected).as("answers other than 201 and 503 problems").isEmpty();
      assertThat(berth.process.isAlive()).isTrue();
      String log = BerthProcess.read(berth.log);
      assertThat(count(log, PAUSED)).as("'%s' lines for 2 outages", PAUSED).isEqualTo(2);
      assertThat(count(log, RESUMED)).as("'%s' lines for 2 outages", RESUMED).isEqualTo(2);
      for (String id : submitter.acknowledged) {
        Await.until("acknowledged job " + id + " to complete", T, () -> berth.http.job(id),
            j -> j.get("state").asText().equals("COMPLETED"));
      }
      RedisBerthConfig.Runs ran = RedisBerthConfig.Runs.read(runs);
      assertThat(ran.countById()).allSatisfy((id, n) -> assertThat(n).as("runs of job %s", id).isOne());
      assertThat(ran.countById().keySet()).containsAll(submitter.acknowledged);
      for (String id : submitter.acknowledged) {
        RedisBerthConfig.assertClaimedOnceAndCompleted(berth.http, id);
      }
      System.out.printf("outage loop: %d acknowledged, %d refused with 503%n",
          submitter.acknowledged.size(), submitter.refused.get());
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }

  /** Submits jobs back to back; keeps the ids answered 201 and counts the 503 problems. */
  private static final class Submitter implements Runnable {
    final Http http;
    final List<String> acknowledged = new CopyOnWriteArrayList<>();
    final AtomicInteger refused = new AtomicInteger();
    final Map<Integer, String> unexpected = new ConcurrentHashMap<>();
    final AtomicBoolean stop = new AtomicBoolean();

    Submitter(Http http) {
      this.http = http;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        Http.Response r = http.postJson("/api/v1/jobs", RedisBerthConfig.markJob("alice"));
        if (r.status() == 201) {
          acknowledged.add(r.json().get("id").asText());
        } else if (r.status() == 503 && r.contentType().startsWith("application/problem+json")) {
          refused.incrementAndGet();
        } else {
          unexpected.putIfAbsent(r.status(), r.body());
        }
      }
    }
  }
}
