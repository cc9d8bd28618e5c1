package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper runs the command only once released, so a crash in between never runs it unrecorded.
 */
class ProcessLauncherTest {
  @TempDir Path dir;

  @Test
  void wrapperNeverReleasedRunsNothing() throws Exception {
    JobFiles files = JobFiles.of(Files.createDirectories(dir.resolve("jobs")), "1");
    files.prepareForLaunch();
    LaunchPlan plan = new LaunchPlan(List.of("touch", "ran"), Map.of(), "");

    Process wrapper = plainLauncher().spawn("1", plan, dir, files);
    // What a Berth crash before release does: the wrapper's stdin closes without the go-ahead.
    wrapper.getOutputStream().close();

    assertThat(wrapper.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(wrapper.exitValue()).isEqualTo(ProcessLauncher.NOT_RELEASED);
    assertThat(dir.resolve("ran")).doesNotExist();
    assertThat(files.exitCode()).doesNotExist();
  }

  @Test
  void releasedWrapperRecordsTheExitCodeAndAppendsToTheLog() throws Exception {
    JobFiles files = JobFiles.of(Files.createDirectories(dir.resolve("jobs")), "1");
    files.prepareForLaunch();
    Files.writeString(files.log(), "earlier\n");
    LaunchPlan plan =
        new LaunchPlan(List.of("sh", "-c", "echo out; echo err >&2; exit 4"), Map.of(), "");
    ProcessLauncher launcher = plainLauncher();

    Process wrapper = launcher.spawn("1", plan, dir, files);
    launcher.release(wrapper);

    assertThat(wrapper.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(wrapper.exitValue()).isEqualTo(4);
    assertThat(Files.readString(files.exitCode())).isEqualTo("4\n");
    assertThat(Files.readString(files.log())).isEqualTo("earlier\nout\nerr\n");
  }

  private static ProcessLauncher plainLauncher() {
    return new ProcessLauncher(
        new JobEnvironment(System.getenv(), Map.of(), Optional.empty()), Optional.empty());
  }
}
