package dev.berth.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code PATCH /api/v1/jobs/{id}}: the fields of a job its owner may change after
 * submitting it. Today that is {@code timeLimit} alone; every field is checked before anything is
 * written.
 *
 * @param timeLimitSeconds the new limit, already checked against the maximum
 */
public record JobPatch(int timeLimitSeconds) {
  private static final Set<String> FIELDS = Set.of("timeLimit");

  /** @throws ValidationException naming every bad field */
  public static JobPatch parse(JsonNode body, TimeLimits limits) {
    if (body == null || !body.isObject()) {
      throw ValidationException.of("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError(field, "unknown field; a job's owner may change: " + String.join(", ", FIELDS)));
      }
    }
    int seconds = 0;
    if (!body.has("timeLimit")) {
      errors.add(new FieldError("timeLimit", "is required"));
    } else {
      try {
        seconds = limits.parse(body.get("timeLimit"));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("timeLimit", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new JobPatch(seconds);
  }
}
