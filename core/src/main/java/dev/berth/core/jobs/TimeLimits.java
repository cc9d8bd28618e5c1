package dev.berth.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.JobTemplate;
import dev.berth.api.Settings;
import dev.berth.core.settings.LimitSettings;

/**
 * The time limits in force ({@code limits.defaultTimeLimitMinutes}, {@code
 * limits.maxTimeLimitMinutes}) and how a request's {@code timeLimit} is read against them: an
 * integer number of seconds, or a duration string in {@link TimeLimitFormat}'s forms.
 */
public record TimeLimits(int defaultSeconds, int maxSeconds) {
  /** The settings' own defaults: one day, at most a week. */
  public static final TimeLimits DEFAULTS = new TimeLimits(1440 * 60, 10080 * 60);

  public static TimeLimits from(Settings limits) {
    return new TimeLimits(
        Math.toIntExact(LimitSettings.defaultTimeLimitMinutes(limits) * 60),
        Math.toIntExact(LimitSettings.maxTimeLimitMinutes(limits) * 60));
  }

  /**
   * The limit of a job that names none: the template's default, else the server's; cut to the
   * maximum, so that lowering the maximum below a template's default does not refuse every job of
   * that template.
   */
  public int defaultFor(JobTemplate template) {
    Integer own = template == null ? null : template.defaultTimeLimitSeconds();
    return Math.min(own != null ? own : defaultSeconds, maxSeconds);
  }

  /**
   * The limit {@code value} asks for, in seconds.
   *
   * @throws IllegalArgumentException with a message fit for a field error: not a number or duration,
   *     below 1 second, or above the maximum
   */
  public int parse(JsonNode value) {
    long seconds;
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(
          "must be a whole number of seconds or a duration such as 90s, 30m, 2h, 1d, 02:30:00 or 1-12:00:00");
    } else if (value.isIntegralNumber()) {
      if (!value.canConvertToLong() || value.longValue() < 1) {
        throw new IllegalArgumentException("must be at least 1 second, was " + value.asText());
      }
      seconds = value.longValue();
    } else if (value.isTextual()) {
      seconds = TimeLimitFormat.parse(value.textValue());
    } else {
      throw new IllegalArgumentException(
          "must be a whole number of seconds or a duration such as 90s, 30m, 2h, 1d, 02:30:00 or 1-12:00:00");
    }
    if (seconds > maxSeconds) {
      throw new IllegalArgumentException("must be at most " + TimeLimitFormat.format(maxSeconds)
          + " (limits." + LimitSettings.MAX_TIME_LIMIT_MINUTES + " = " + maxSeconds / 60 + "), was "
          + TimeLimitFormat.format(seconds));
    }
    return (int) seconds;
  }
}
