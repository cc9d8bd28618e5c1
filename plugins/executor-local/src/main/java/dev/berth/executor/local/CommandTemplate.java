package dev.berth.executor.local;

import dev.berth.api.JobTemplate;
import dev.berth.api.ParameterKind;
import dev.berth.api.PluginConfig;
import dev.berth.api.TemplateParameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job template as this executor runs it: what users see ({@link #descriptor()}), the argv whose
 * elements may hold placeholders, and an optional working directory below the work root.
 *
 * @param workDir relative to the work root, placeholders allowed; null for the per-job default
 */
record CommandTemplate(JobTemplate descriptor, List<String> command, String workDir) {

  /** Parameter names become placeholders and environment variables; keep them plain. */
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  /**
   * The demo's script. Its values come from the environment, never from placeholders: a placeholder
   * inside a {@code bash -c} script would let a job value such as {@code 1$(id)} run as code.
   */
  private static final String DEMO_SCRIPT =
      """
      case "$BERTH_PARAM_SECONDS" in
        ''|*[!0-9]*) echo "seconds must be a whole number, was '$BERTH_PARAM_SECONDS'" >&2; exit 2 ;;
      esac
      echo "job $BERTH_JOB_ID on $(hostname) CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES"
      i=1
      while [ "$i" -le "$BERTH_PARAM_SECONDS" ]; do echo "step $i"; sleep 1; i=$((i + 1)); done
      """;

  CommandTemplate {
    Objects.requireNonNull(descriptor, "descriptor");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("template " + descriptor.name() + " has an empty command");
    }
  }

  String name() {
    return descriptor.name();
  }

  /**
   * Placeholders that name neither a declared parameter nor a {@code job.*} value: a job can only
   * fill them by setting an undeclared parameter, which the host refuses, so they are likely typos.
   */
  Set<String> undeclaredPlaceholders() {
    Set<String> names = new LinkedHashSet<>();
    command.forEach(element -> names.addAll(Placeholders.names(element)));
    if (workDir != null) {
      names.addAll(Placeholders.names(workDir));
    }
    names.removeAll(LaunchPlan.JOB_PLACEHOLDERS);
    descriptor.parameters().forEach(p -> names.remove(p.name()));
    return names;
  }

  /** The template offered when the config names none, so a fresh install can run something. */
  static CommandTemplate demo() {
    return new CommandTemplate(
        new JobTemplate(
            "demo",
            "Prints where it runs, then counts one step a second. Needs no GPU.",
            List.of(
                new TemplateParameter(
                    "seconds", ParameterKind.TEXT, false, "5", "How many seconds to run."))),
        List.of("bash", "-c", DEMO_SCRIPT),
        null);
  }

  /**
   * Reads one entry of {@code templates}: {@code command} (an argv list), {@code description},
   * {@code workDir}, {@code parameters} and {@code timeLimitMinutes} (the default limit of its jobs;
   * absent: the server's {@code limits.defaultTimeLimitMinutes}).
   *
   * @throws IllegalArgumentException naming the config key that is wrong
   */
  static CommandTemplate fromConfig(String name, PluginConfig section) {
    Object command = section.values().get("command");
    if (!(command instanceof List<?>) || ((List<?>) command).isEmpty()) {
      throw new IllegalArgumentException(
          "config "
              + section.path()
              + ".command must be a non-empty list of arguments (argv),"
              + " was '"
              + command
              + "'");
    }
    List<String> argv = section.getStringList("command");
    String workDir = section.getString("workDir", null);
    PluginConfig parameters = section.section("parameters");
    List<TemplateParameter> declared = new ArrayList<>();
    for (String parameter : parameters.values().keySet()) {
      declared.add(parameter(parameter, parameters.section(parameter)));
    }
    Integer timeLimit = null;
    if (section.values().containsKey("timeLimitMinutes")) {
      long minutes = section.getLong("timeLimitMinutes", 0);
      if (minutes < 1 || minutes > MAX_TIME_LIMIT_MINUTES) {
        throw new IllegalArgumentException(
            "config " + section.path() + ".timeLimitMinutes must be from 1 to " + MAX_TIME_LIMIT_MINUTES
                + ", was " + minutes);
      }
      timeLimit = Math.toIntExact(minutes * 60);
    }
    return new CommandTemplate(
        new JobTemplate(name, section.getString("description", ""), declared, timeLimit), argv, workDir);
  }

  /** Ten years, the longest limit the host accepts. */
  private static final long MAX_TIME_LIMIT_MINUTES = 10L * 366 * 24 * 60;

  private static TemplateParameter parameter(String name, PluginConfig section) {
    if (!PARAMETER_NAME.matcher(name).matches() || name.startsWith("job.")) {
      throw new IllegalArgumentException(
          "config "
              + section.path()
              + ": a parameter name must be letters, digits, '_', '-'"
              + " or '.', and not start with 'job.'");
    }
    return TemplateParameter.fromConfig(name, section);
  }
}
