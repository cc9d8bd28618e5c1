package dev.berth.core.api;

import dev.berth.core.errors.FieldError;
import java.util.List;

/** An RFC 9457 problem detail, with Berth's {@code errors} extension for field errors. */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
  public static final String CONTENT_TYPE = "application/problem+json";
}
