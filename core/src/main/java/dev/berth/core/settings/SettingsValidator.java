package dev.berth.core.settings;

import dev.berth.api.SettingsSchema;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks submitted settings against their descriptors and turns them into stored strings. The rules
 * themselves are {@link SettingsSchema#validate}, shared with the testkit's {@code
 * TestPluginContext}; this only turns its errors into the API's field errors.
 */
final class SettingsValidator {
  private SettingsValidator() {}

  /**
   * @param input keys to values as parsed from JSON or a form (numbers, booleans or strings)
   * @return the normalised values to store, for the keys given
   * @throws ValidationException naming every bad field
   */
  static Map<String, String> validate(SettingsSchema schema, Map<String, ?> input) {
    SettingsSchema.Check check = schema.validate(input);
    if (!check.ok()) {
      List<FieldError> errors = new ArrayList<>();
      check.errors().forEach((key, message) -> errors.add(new FieldError(key, message)));
      throw new ValidationException(errors);
    }
    return check.values();
  }
}
