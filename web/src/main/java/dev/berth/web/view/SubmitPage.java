package dev.berth.web.view;

import java.util.List;
import java.util.Map;

/** The submit form: template, its parameters, GPUs, priority, name, with inline errors. */
public record SubmitPage(Layout layout, Form form) {

  /**
   * The form as shown, with what the user typed and the errors of the last attempt.
   *
   * @param errors field name ({@code user}, {@code gpus}, {@code parameters.work-dir}…) to message
   * @param general errors that belong to no field of the form
   * @param interactive whether the "interactive session" box is ticked
   */
  public record Form(List<Template> templates, String template, String templateDescription, String name, String user,
      String gpus, String priority, List<Parameter> parameters, Map<String, String> errors, List<String> general,
      Flow flow, boolean interactive) {

    public String error(String field) {
      return errors.get(field);
    }

    public boolean hasError(String field) {
      return errors.containsKey(field);
    }

    public boolean hasErrors() {
      return !errors.isEmpty() || !general.isEmpty();
    }

    /** The id of a field's error message, for {@code aria-describedby}. */
    public String errorId(String field) {
      return "error-" + field.replaceAll("[^A-Za-z0-9_-]", "-");
    }
  }

  /**
   * The fields that tie the job to others, as typed.
   *
   * @param after job ids to wait for, such as {@code 12, 13:ended}
   * @param array indexes and cap, such as {@code 0-9%2}
   * @param sweep one {@code name=value1,value2} per line
   */
  public record Flow(String after, String array, String sweep, boolean hold, String maxRetries) {}

  /** A template to choose. */
  public record Template(String name, String description, boolean selected) {}

  /** One parameter of the chosen template. */
  public record Parameter(String name, String kind, boolean required, String defaultValue, String description,
      String value, String error) {

    public String field() {
      return "parameters." + name;
    }

    public String id() {
      return "param-" + name.replaceAll("[^A-Za-z0-9_-]", "-");
    }
  }
}
