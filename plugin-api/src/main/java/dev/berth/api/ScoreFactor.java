package dev.berth.api;

/**
 * One term of a job's score, as Slurm's {@code sprio} shows it: {@code points = weight × value}.
 *
 * @param name a stable lower-case name, such as {@code fairshare}, {@code age} or {@code priority}
 * @param value the factor, normally 0 to 1
 * @param weight its weight
 * @param points {@code weight × value}; always computed, whatever is passed
 */
public record ScoreFactor(String name, double value, double weight, double points) {
  public ScoreFactor {
    points = weight * value;
  }

  public ScoreFactor(String name, double value, double weight) {
    this(name, value, weight, 0);
  }
}
