package dev.berth.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobTemplate;
import dev.berth.api.LogChunk;
import dev.berth.api.RunLinks;
import dev.berth.testkit.JobBuilder;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The job page's run link comes from whichever executor is active, through {@link RunLinks} only:
 * a third-party executor that implements it gets the link, one that does not gets none, and one
 * that fails does not take the page down.
 */
class ExecutorRunLinksTest {
  private final Job submitted = JobBuilder.job("12").executorRef("run-12").build();

  @Test
  void aThirdPartyExecutorThatOffersLinksGetsItsLink() {
    var links = new ExecutorRunLinks(new LinkingExecutor());

    assertThat(links.of(submitted))
        .contains(new RunLink(URI.create("https://runs.example.org/run-12"), "Open the run on example.org"));
    assertThat(links.of(JobBuilder.job("13").build())).isEmpty();
  }

  @Test
  void anExecutorWithoutLinksGetsNone() {
    assertThat(new ExecutorRunLinks(new PlainExecutor()).of(submitted)).isEmpty();
  }

  @Test
  void anExecutorThatFailsToLinkGetsNoneInsteadOfAnError() {
    JobExecutor broken = new LinkingExecutor() {
      @Override
      public Optional<URI> runLink(Job job) {
        throw new IllegalStateException("no UI today");
      }
    };

    assertThat(new ExecutorRunLinks(broken).of(submitted)).isEmpty();
  }

  /** An executor from no bundled plugin, linking to a made-up UI. */
  private static class LinkingExecutor extends PlainExecutor implements RunLinks {
    @Override
    public Optional<URI> runLink(Job job) {
      return Optional.ofNullable(job.executorRef()).map(ref -> URI.create("https://runs.example.org/" + ref));
    }

    @Override
    public String runLinkLabel() {
      return "Open the run on example.org";
    }
  }

  private static class PlainExecutor implements JobExecutor {
    @Override
    public List<JobTemplate> templates() {
      return List.of();
    }

    @Override
    public String submit(Job job) {
      return "run-" + job.id();
    }

    @Override
    public Optional<ExecutionStatus> status(Job job) {
      return Optional.empty();
    }

    @Override
    public void cancel(Job job) {}

    @Override
    public LogChunk readLog(Job job, long offset, int maxBytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String tailLog(Job job, int lines) {
      return "";
    }

    @Override
    public List<ExecutionStatus> active() {
      return List.of();
    }
  }
}
