package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/proto-gcn/berth-train, the command the WorkflowTemplate runs, run as a real process
 * against a Proto-GCN checkout stand-in, with a stand-in torchrun on PATH that records how it was
 * started (the only part that needs a GPU).
 */
class BerthTrainScriptTest {
  private static final Path SCRIPT =
      Path.of(System.getProperty("berth.repo"), "examples/proto-gcn/berth-train").toAbsolutePath().normalize();

  @TempDir Path dir;
  private Path checkout;
  private Path bin;
  private Path recorded;

  @BeforeEach
  void standIns() throws IOException {
    checkout = Files.createDirectories(dir.resolve("proto-gcn"));
    Files.createDirectories(checkout.resolve("configs/ntu60_xsub"));
    Files.writeString(checkout.resolve("configs/ntu60_xsub/j.py"), "work_dir = './work_dirs/ntu60_xsub/j'\n");
    bin = Files.createDirectories(dir.resolve("bin"));
    recorded = dir.resolve("torchrun.args");
    Path torchrun = bin.resolve("torchrun");
    Files.writeString(torchrun, "#!/usr/bin/env bash\nprintf '%s\\n' \"$PWD\" \"$@\" > '" + recorded + "'\n");
    Files.setPosixFilePermissions(torchrun, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void startsOneProcessPerGpuWithAConfigThatMovesTheWorkDir() throws Exception {
    Path work = dir.resolve("work_dirs/alice/j1");

    Result result = run("--config", "configs/ntu60_xsub/j.py", "--work-dir", work.toString(), "--gpus", "2");

    assertThat(result.code).as(result.stderr).isZero();
    List<String> args = Files.readAllLines(recorded);
    assertThat(args.get(0)).isEqualTo(checkout.toString());
    assertThat(args.get(1)).isEqualTo("--nproc_per_node=2");
    assertThat(args.get(2)).startsWith("--master_port=");
    assertThat(args.subList(3, args.size())).containsExactly("tools/train.py", work.resolve("berth_config.py").toString(),
        "--launcher", "pytorch", "--validate", "--test-last", "--test-best");
    assertThat(Files.readAllLines(work.resolve("berth_config.py"))).contains(
        "_base_ = ['" + checkout.resolve("configs/ntu60_xsub/j.py") + "']",
        "work_dir = '" + work + "'");
  }

  @Test
  void optionsAfterTheSeparatorGoToTrainPy() throws Exception {
    Result result = run("--config", "configs/ntu60_xsub/j.py", "--work-dir", dir.resolve("w").toString(),
        "--", "--seed", "7");

    assertThat(result.code).as(result.stderr).isZero();
    assertThat(Files.readAllLines(recorded)).endsWith("--launcher", "pytorch", "--seed", "7")
        .contains("--nproc_per_node=1");
  }

  @Test
  void quotesInPathsStayPythonStrings() throws Exception {
    Path work = dir.resolve("it's");

    assertThat(run("--config", "configs/ntu60_xsub/j.py", "--work-dir", work.toString()).code).isZero();
    assertThat(Files.readString(work.resolve("berth_config.py"))).contains("work_dir = '" + dir + "/it\\'s'");
  }

  @Test
  void refusesBadInputWithAMessage() throws Exception {
    assertThat(run("--work-dir", "w").stderr).contains("usage: berth-train");
    assertThat(run("--config", "configs/none.py", "--work-dir", dir.resolve("w").toString()).stderr)
        .contains("config configs/none.py not found");
    Result noGpu = run("--config", "configs/ntu60_xsub/j.py", "--work-dir", dir.resolve("w").toString(), "--gpus", "0");
    assertThat(noGpu.code).isEqualTo(2);
    assertThat(noGpu.stderr).contains("trains on GPUs");
    assertThat(run("--config", "c", "--work-dir", "w", "--gpus", "two").stderr).contains("--gpus must be a whole number");
    assertThat(Files.exists(recorded)).isFalse();
  }

  private Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("PROTOGCN_HOME", checkout.toString());
    Process process = builder.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("berth-train did not finish");
    }
    return new Result(process.exitValue(), stderr);
  }

  private record Result(int code, String stderr) {}
}
