package dev.berth.bench.report;

import dev.berth.bench.infra.Machine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/** Everything one run measured, noted and failed, in the order it happened. Thread-safe. */
public final class Results {
  private final Map<String, Object> machine;
  private final String mode;
  private final Instant started;
  private final List<Measurement> measurements = new ArrayList<>();
  private final List<Map<String, String>> failures = new ArrayList<>();
  private final Map<String, List<String>> notes = new LinkedHashMap<>();
  private final Map<String, Object> profiles = new LinkedHashMap<>();
  private final List<String> ran = new ArrayList<>();

  public Results(Map<String, Object> machine, String mode, Instant started) {
    this.machine = machine;
    this.mode = mode;
    this.started = started;
  }

  /** Starts a figure; finish it with {@link Figure#add()}. */
  public Figure figure(String benchmark, String subject, String figure, double value, String unit) {
    return new Figure(benchmark, subject, figure, value, unit);
  }

  /** A figure being described. */
  public final class Figure {
    private final String benchmark;
    private final String subject;
    private final String name;
    private final double value;
    private final String unit;
    private String target;
    private Boolean met;
    private Map<String, Object> details = Map.of();

    private Figure(String benchmark, String subject, String name, double value, String unit) {
      this.benchmark = benchmark;
      this.subject = subject;
      this.name = name;
      this.value = value;
      this.unit = unit;
    }

    /** The target as text, and the test that says whether the value meets it. */
    public Figure target(String text, DoublePredicate meets) {
      this.target = text;
      this.met = Double.isFinite(value) && meets.test(value);
      return this;
    }

    public Figure details(Map<String, Object> more) {
      this.details = more;
      return this;
    }

    public Measurement add() {
      Measurement m = new Measurement(benchmark, subject, name, value, unit, target, met, Machine.loadAverage(), details);
      synchronized (Results.this) {
        measurements.add(m);
      }
      return m;
    }
  }

  /** A sentence about a benchmark for the report (a setting, a caveat, what limits it). */
  public synchronized void note(String benchmark, String text) {
    notes.computeIfAbsent(benchmark, k -> new ArrayList<>()).add(text);
  }

  public synchronized void ran(String benchmark) {
    ran.add(benchmark);
  }

  public synchronized void failed(String benchmark, Throwable error) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("benchmark", benchmark);
    f.put("error", String.valueOf(error));
    failures.add(f);
  }

  /** A profile's summary, under a name such as {@code submit-redis}. */
  public synchronized void profile(String name, Object summary) {
    profiles.put(name, summary);
  }

  public synchronized List<Measurement> measurements() {
    return List.copyOf(measurements);
  }

  public synchronized List<Map<String, String>> failures() {
    return List.copyOf(failures);
  }

  public synchronized Map<String, List<String>> notes() {
    return new LinkedHashMap<>(notes);
  }

  public synchronized Map<String, Object> profiles() {
    return new LinkedHashMap<>(profiles);
  }

  public synchronized List<String> ranBenchmarks() {
    return List.copyOf(ran);
  }

  public Map<String, Object> machine() {
    return machine;
  }

  public String mode() {
    return mode;
  }

  public Instant started() {
    return started;
  }

  /**
   * The benchmarks that ran but produced no number, or failed: what quick mode refuses. Timings
   * themselves are never judged here.
   */
  public synchronized List<String> problems() {
    List<String> out = new ArrayList<>();
    for (Map<String, String> f : failures) {
      out.add(f.get("benchmark") + " failed: " + f.get("error"));
    }
    for (String b : ran) {
      boolean any = measurements.stream().anyMatch(m -> m.benchmark().equals(b) && m.hasNumber());
      if (!any) {
        out.add(b + " produced no number");
      }
    }
    return out;
  }
}
