package dev.berth.executor.local;

import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import dev.berth.api.TemplateParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything needed to start one job, worked out before anything is started so that a bad template
 * or parameter fails the submission instead of a half-started run.
 *
 * @param argv the command, placeholders replaced, one element per argument
 * @param environment the variables Berth sets for this job (see {@link JobEnvironment} for the rest)
 * @param workDir the working directory, relative to the work root (see {@link WorkDirs})
 */
record LaunchPlan(List<String> argv, Map<String, String> environment, String workDir) {

  /** The parameter a job may set to choose its working directory when its template does not. */
  static final String WORK_DIR_PARAMETER = "work-dir";

  /** The placeholders every template may use besides its parameters. */
  static final Set<String> JOB_PLACEHOLDERS = Set.of("job.id", "job.user", "job.gpus");

  LaunchPlan {
    argv = List.copyOf(argv);
    environment = Map.copyOf(environment);
  }

  /**
   * Works out how to run {@code job} with {@code template}.
   *
   * @throws ExecutionException for a missing required parameter or an unknown placeholder
   */
  static LaunchPlan of(CommandTemplate template, Job job) {
    Map<String, String> parameters = effectiveParameters(template, job);

    Map<String, String> placeholders = new LinkedHashMap<>(parameters);
    placeholders.put("job.id", job.id());
    placeholders.put("job.user", job.user() == null ? "" : job.user());
    placeholders.put("job.gpus", Integer.toString(job.gpus()));
    placeholders.put("job.attempt", Integer.toString(job.attempt()));
    placeholders.put("array.index", job.flow().arrayIndex() == null ? "" : job.flow().arrayIndex().toString());
    placeholders.put("array.id", job.flow().arrayId() == null ? "" : job.flow().arrayId());

    List<String> argv = new ArrayList<>(template.command().size());
    for (String element : template.command()) {
      argv.add(Placeholders.substitute(element, placeholders));
    }

    String workDir;
    if (template.workDir() != null) {
      workDir = Placeholders.substitute(template.workDir(), placeholders);
    } else if (!parameters.getOrDefault(WORK_DIR_PARAMETER, "").isBlank()) {
      workDir = parameters.get(WORK_DIR_PARAMETER);
    } else {
      workDir = "jobs/" + job.id();
    }
    return new LaunchPlan(argv, environment(job, parameters), workDir);
  }

  /** The template's defaults overlaid with what the job set; required ones must be there. */
  private static Map<String, String> effectiveParameters(CommandTemplate template, Job job) {
    Map<String, String> values = new LinkedHashMap<>();
    for (TemplateParameter declared : template.descriptor().parameters()) {
      String value = job.parameters().getOrDefault(declared.name(), declared.defaultValue());
      if (value == null && declared.required()) {
        throw new ExecutionException(
            "template " + template.name() + " needs parameter '" + declared.name() + "'");
      }
      // An optional parameter without a default still expands, to nothing.
      values.put(declared.name(), value == null ? "" : value);
    }
    values.putAll(job.parameters());
    return values;
  }

  private static Map<String, String> environment(Job job, Map<String, String> parameters) {
    Map<String, String> env = new LinkedHashMap<>();
    // Always set, even to "": an unset variable would let a CPU-only job see every GPU.
    env.put(
        "CUDA_VISIBLE_DEVICES",
        job.placement() == null
            ? ""
            : job.placement().gpus().stream()
                .map(String::valueOf)
                .collect(Collectors.joining(",")));
    env.put("BERTH_JOB_ID", job.id());
    env.put("BERTH_USER", job.user() == null ? "" : job.user());
    env.put("BERTH_ATTEMPT", Integer.toString(job.attempt()));
    if (job.flow().arrayIndex() != null) {
      env.put("BERTH_ARRAY_INDEX", job.flow().arrayIndex().toString());
      env.put("BERTH_ARRAY_ID", job.flow().arrayId() == null ? "" : job.flow().arrayId());
    }
    parameters.forEach((name, value) -> env.put(parameterVariable(name), value));
    return env;
  }

  /** {@code work-dir} becomes {@code BERTH_PARAM_WORK_DIR}. */
  static String parameterVariable(String parameter) {
    return "BERTH_PARAM_" + parameter.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
