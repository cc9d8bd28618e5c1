package dev.berth.api;

/**
 * One term of a job's score, as Slurm's {@code sprio} shows it: {@code points = weight × value}.
 *
 * @param name a stable lower-case name, such as {@code fairshare}, {@code age} or {@code priority}
 * @param value the factor, normally 0 to 1
 * @param weight its weight
 */
public record ScoreFactor(String name, double value, double weight) {
  public double points() {
    return weight * value;
  }
}
