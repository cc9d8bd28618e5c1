package dev.berth.bench.plugin;

import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import dev.berth.api.JobTemplate;
import dev.berth.api.ParameterKind;
import dev.berth.api.TemplateParameter;
import java.util.List;
import java.util.Map;

/**
 * The templates the no-op executor offers, and how a job's parameters become a {@link RunPlan}.
 *
 * <ul>
 *   <li>{@code noop}: ends at once.
 *   <li>{@code sleep}: ends after {@code millis} milliseconds.
 *   <li>{@code hold}: runs until cancelled (a job that keeps a run slot busy).
 * </ul>
 *
 * Each also takes {@code exitCode} (default 0), {@code print} (a line the run prints first) and
 * {@code lines} (then prints {@code line 1} … {@code line N}).
 */
final class RunTemplates {
  static final String NOOP = "noop";
  static final String SLEEP = "sleep";
  static final String HOLD = "hold";

  /** Upper bounds that keep a typo from holding a slot for a year or filling memory with log. */
  static final long MAX_MILLIS = 24L * 3600 * 1000;
  static final int MAX_LINES = 1_000_000;

  private static final List<TemplateParameter> COMMON = List.of(
      new TemplateParameter("exitCode", ParameterKind.TEXT, false, "0", "Exit code the run ends with, 0-255"),
      new TemplateParameter("print", ParameterKind.TEXT, false, "", "A line the run prints first"),
      new TemplateParameter("lines", ParameterKind.TEXT, false, "0", "Then prints 'line 1' to 'line N'"));

  static final List<JobTemplate> DESCRIPTORS = List.of(
      new JobTemplate(NOOP, "Benchmark: a virtual run that ends at once", COMMON),
      new JobTemplate(SLEEP, "Benchmark: a virtual run that ends after 'millis' ms",
          with(new TemplateParameter("millis", ParameterKind.TEXT, false, "10", "How long the run lasts, in ms"))),
      new JobTemplate(HOLD, "Benchmark: a virtual run that lasts until cancelled", COMMON));

  private RunTemplates() {}

  /**
   * The plan of {@code job}.
   *
   * @throws ExecutionException for an unknown template or a malformed number, naming it
   */
  static RunPlan plan(Job job) {
    return plan(job.template(), job.parameters());
  }

  /** The plan of a run of {@code template} with {@code p}; see {@link #plan(Job)}. */
  static RunPlan plan(String template, Map<String, String> p) {
    RunPlan.Lasting lasting;
    long millis = 0;
    switch (template == null ? "" : template) {
      case NOOP -> lasting = RunPlan.Lasting.INSTANT;
      case SLEEP -> {
        lasting = RunPlan.Lasting.TIMED;
        millis = number(p, "millis", "10", 0, MAX_MILLIS);
      }
      case HOLD -> lasting = RunPlan.Lasting.UNTIL_CANCELLED;
      default -> throw new ExecutionException("unknown template '" + template + "'; this executor offers "
          + List.of(NOOP, SLEEP, HOLD));
    }
    int exitCode = (int) number(p, "exitCode", "0", 0, 255);
    int lines = (int) number(p, "lines", "0", 0, MAX_LINES);
    return new RunPlan(lasting, millis, exitCode, log(p.getOrDefault("print", ""), lines));
  }

  private static String log(String print, int lines) {
    StringBuilder text = new StringBuilder();
    if (!print.isEmpty()) {
      text.append(print).append('\n');
    }
    for (int i = 1; i <= lines; i++) {
      text.append("line ").append(i).append('\n');
    }
    return text.toString();
  }

  private static long number(Map<String, String> parameters, String name, String fallback, long min, long max) {
    String text = parameters.getOrDefault(name, fallback).trim();
    long value;
    try {
      value = Long.parseLong(text.isEmpty() ? fallback : text);
    } catch (NumberFormatException e) {
      throw new ExecutionException("parameter '" + name + "' must be a whole number, was '" + text + "'");
    }
    if (value < min || value > max) {
      throw new ExecutionException("parameter '" + name + "' must be from " + min + " to " + max + ", was " + value);
    }
    return value;
  }

  private static List<TemplateParameter> with(TemplateParameter extra) {
    return java.util.stream.Stream.concat(COMMON.stream(), java.util.stream.Stream.of(extra)).toList();
  }
}
