package dev.berth.core.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.JobTemplate;
import dev.berth.api.Placement;
import dev.berth.api.Settings;
import dev.berth.api.SubmissionPreview;
import dev.berth.core.api.JsonMapperFactory;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.host.BundledPlugins;
import dev.berth.core.host.PluginHost;
import dev.berth.core.jobs.SubmissionParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth render}: prints what the executor would submit for a job file (for the argo
 * executor, the Workflow as YAML), without submitting anything or contacting a cluster. The job
 * file has the form of the {@code POST /api/v1/jobs} body and is checked by the same rules. Any
 * executor that implements {@link SubmissionPreview} can render; the core names none.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Print what the executor would submit for a job (an Argo Workflow as YAML, say), without submitting it.")
class RenderCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Option(names = "--executor", paramLabel = "PLUGIN",
      description = "The executor plugin to render with (default: extensions.executor of the config).")
  String executorId;

  @Option(names = "--job-file", required = true, paramLabel = "FILE",
      description = "The job, as the JSON body of POST /api/v1/jobs.")
  Path jobFile;

  @Option(names = "--job-id", paramLabel = "ID", defaultValue = "0",
      description = "The job id to render with (the queue assigns the real one; default ${DEFAULT-VALUE}).")
  String jobId;

  @Option(names = "--node", paramLabel = "NODE",
      description = "Render as if the scheduler placed the job on this node.")
  String node;

  @Override
  public Integer call() {
    BerthConfig config;
    try {
      config = options.load();
    } catch (ConfigException e) {
      System.err.println("berth: " + e.getMessage());
      return 2;
    }
    if (!jobId.matches("[0-9]{1,18}")) {
      System.err.println("berth: --job-id must be a decimal number, was '" + jobId + "'");
      return 2;
    }
    JsonNode body;
    try {
      body = JsonMapperFactory.create().readTree(Files.readString(jobFile));
    } catch (JacksonException e) {
      System.err.println("berth: " + jobFile + " is not valid JSON: " + e.getOriginalMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("berth: cannot read " + jobFile + ": " + e.getMessage());
      return 2;
    }
    BundledPlugins.seed(Launcher.bundledPlugins(), config.pluginsDir());
    try (PluginHost host = new PluginHost(config, Clock.systemUTC(), section -> new Settings(section, 0, Map.of()))) {
      host.loadAll();
      String pluginId = executorId(config);
      JobExecutor executor = host.extension(JobExecutor.class, pluginId);
      if (!(executor instanceof SubmissionPreview preview)) {
        System.err.println("berth: the executor plugin " + pluginId + " cannot show a submission before running it");
        return 2;
      }
      SubmissionParser parser = new SubmissionParser(name -> template(executor, name), config.defaultTemplate());
      JobSubmission submission = parser.parse(body);
      System.out.print(preview.preview(job(submission)));
      System.out.flush();
      return 0;
    } catch (ValidationException e) {
      for (FieldError error : e.errors()) {
        System.err.println("berth: " + jobFile + ": " + error.field() + ": " + error.message());
      }
      return 2;
    } catch (ConfigException | ExecutionException | IllegalArgumentException e) {
      System.err.println("berth: " + e.getMessage());
      return 2;
    }
  }

  /** The plugin to render with: {@code --executor}, else the configured executor. */
  String executorId(BerthConfig config) {
    return executorId != null ? executorId : config.extensions().executor();
  }

  private static JobTemplate template(JobExecutor executor, String name) {
    return executor.templates().stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }

  /** The job as the scheduler would hand it over: SCHEDULED, on {@code --node} when given. */
  private Job job(JobSubmission s) {
    Instant now = Instant.now();
    Placement placement =
        node == null ? null : new Placement(node, IntStream.range(0, s.gpus()).boxed().toList());
    return new Job(jobId, s.name(), s.user(), s.template(), s.parameters(), s.gpus(), s.priority(),
        JobState.SCHEDULED, now, now, null, null, placement, null, null, null, s.timeLimitSeconds());
  }
}
