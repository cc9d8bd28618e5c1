package dev.berth.core.api;

import dev.berth.core.errors.FieldError;
import java.util.List;

/**
 * What a failed request is answered with, whether as problem+json or as an HTML page.
 *
 * @param title the problem's title for API clients
 * @param pageTitle the heading an error page shows people
 */
record Failure(int status, String title, String pageTitle, String detail, List<FieldError> errors) {
  Failure(int status, String title, String detail) {
    this(status, title, title, detail, List.of());
  }
}
