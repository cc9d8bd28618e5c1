package dev.berth.executor.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a job starts with. It is built from scratch, never copied from Berth's own:
 * Berth's environment holds its secrets ({@code BERTH_ADMIN_PASSWORD}, store passwords, cloud
 * credentials), and a job is code its user wrote.
 *
 * <p>From Berth's environment only {@link #isPassedThrough locale, search path, home, time zone and
 * CUDA settings} pass; then come {@code executor.local.environment}, the run-as user's identity,
 * and last the job's own variables, so that no setting can widen a job's GPUs.
 */
final class JobEnvironment {
  /** A search path for a server started with none, such as by a bare init system. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Map<String, String> passedThrough;
  private final Map<String, String> configured;
  private final Optional<RunAsUser> runAs;

  /**
   * @param server Berth's own environment, of which only the allow-listed part is kept
   * @param configured {@code executor.local.environment}
   */
  JobEnvironment(Map<String, String> server, Map<String, String> configured, Optional<RunAsUser> runAs) {
    Map<String, String> kept = new LinkedHashMap<>();
    server.forEach(
        (name, value) -> {
          if (isPassedThrough(name)) {
            kept.put(name, value);
          }
        });
    kept.putIfAbsent("PATH", DEFAULT_PATH);
    this.passedThrough = Map.copyOf(kept);
    this.configured = Map.copyOf(configured);
    this.runAs = runAs;
  }

  /**
   * Whether a variable of Berth's environment reaches jobs: what programs need to find commands,
   * print text and times, and use CUDA. {@code CUDA_VISIBLE_DEVICES} is always replaced by the job's.
   */
  static boolean isPassedThrough(String name) {
    return name.equals("PATH")
        || name.equals("HOME")
        || name.equals("LANG")
        || name.equals("TZ")
        || name.startsWith("LC_")
        || name.startsWith("CUDA_");
  }

  /** Everything the job sees, given the variables Berth sets for this job. */
  Map<String, String> forJob(Map<String, String> jobVariables) {
    Map<String, String> env = new LinkedHashMap<>(passedThrough);
    env.putAll(configured);
    runAs.ifPresent(
        user -> {
          // Its own home and name, not Berth's: tools write caches and configs under $HOME.
          env.put("HOME", user.home().toString());
          env.put("USER", user.name());
          env.put("LOGNAME", user.name());
        });
    env.putAll(jobVariables);
    return env;
  }
}
