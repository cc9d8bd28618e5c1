package dev.berth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks real answers of a running Berth against the OpenAPI document that same server serves, so
 * that the document cannot drift from the server: the status must be documented for the operation,
 * and a JSON body must match the response schema structurally (types, nullability, enums, required
 * properties, and no property the schema does not name unless it allows more). For the CLI's
 * end-to-end tests as well as the API's: {@code contract.check("GET", "/api/v1/queue", response)}.
 */
final class OpenApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenAPI doc;

  private OpenApiContract(OpenAPI doc) {
    this.doc = doc;
  }

  /** The document as the server at {@code http} serves it, parsed; fails on any parser message. */
  static OpenApiContract of(Http http) {
    Http.Response r = http.get("/api/v1/openapi.json");
    if (r.status() != 200) {
      throw new AssertionError("GET /api/v1/openapi.json: " + r.status() + " " + r.body());
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);
    if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
      throw new AssertionError("the served OpenAPI document does not parse cleanly: " + parsed.getMessages());
    }
    return new OpenApiContract(parsed.getOpenAPI());
  }

  /** Fails, naming every mismatch, unless {@code r} is an answer the document allows. */
  /** A CLI answer: its path may carry a query, which the document's paths do not. */
  void check(CliTrace.Answer a) {
    String path = a.path().contains("?") ? a.path().substring(0, a.path().indexOf('?')) : a.path();
    List<String> problems = violations(a.method(), path, a.status(), a.contentType(), a.body());
    if (!problems.isEmpty()) {
      throw new AssertionError(a.method() + " " + a.path() + " -> " + a.status() + ": " + problems);
    }
  }

  void check(String method, String path, Http.Response r) {
    List<String> problems = violations(method, path, r.status(), r.contentType(), r.body());
    if (!problems.isEmpty()) {
      throw new AssertionError(method + " " + path + " answered " + r.status() + " " + r.body()
          + "\nwhich the OpenAPI document does not allow:\n  " + String.join("\n  ", problems));
    }
  }

  /** What is wrong with this answer by the document; empty when nothing is. */
  List<String> violations(String method, String path, int status, String contentType, String body) {
    Operation op = operation(method, path.replaceFirst("\\?.*", ""));
    if (op == null) {
      return List.of("no documented operation " + method + " " + path);
    }
    ApiResponse response = op.getResponses().get(Integer.toString(status));
    if (response == null) {
      response = op.getResponses().get("default");
    }
    if (response == null) {
      return List.of("status " + status + " is not documented; documented: " + op.getResponses().keySet());
    }
    response = resolve(response);
    if (response.getContent() == null || response.getContent().isEmpty()) {
      return body == null || body.isEmpty() ? List.of() : List.of("a body where the document says there is none");
    }
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    MediaType media = response.getContent().get(type);
    if (media == null) {
      return List.of("Content-Type " + type + " is not documented; documented: " + response.getContent().keySet());
    }
    if (!type.endsWith("json") || media.getSchema() == null) {
      return List.of();
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return List.of("the body is not JSON: " + e.getMessage());
    }
    List<String> out = new ArrayList<>();
    validate(node, media.getSchema(), "$", out);
    return out;
  }

  private Operation operation(String method, String path) {
    for (Map.Entry<String, PathItem> e : doc.getPaths().entrySet()) {
      if (template(e.getKey()).matcher(path).matches()) {
        Operation op = e.getValue().readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
        if (op != null) {
          return op;
        }
      }
    }
    return null;
  }

  /** {@code /api/v1/jobs/{id}} as a pattern: each parameter is one whole path segment. */
  private static Pattern template(String path) {
    StringBuilder regex = new StringBuilder();
    for (String part : path.split("(?=\\{)|(?<=})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  @SuppressWarnings("rawtypes") // swagger's model hands out raw Schema lists
  private void validate(JsonNode node, Schema<?> schema, String where, List<String> out) {
    schema = resolve(schema);
    if (node == null || node.isNull()) {
      if (!Boolean.TRUE.equals(schema.getNullable())) {
        out.add(where + ": null, but the schema is not nullable");
      }
      return;
    }
    if (schema.getAllOf() != null) {
      schema.getAllOf().forEach(s -> validate(node, s, where, out));
    }
    List<Schema> choices = schema.getOneOf() != null ? schema.getOneOf() : schema.getAnyOf();
    if (choices != null && choices.stream().noneMatch(s -> {
      List<String> tried = new ArrayList<>();
      validate(node, s, where, tried);
      return tried.isEmpty();
    })) {
      out.add(where + ": matches none of the schema's alternatives");
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()
        && schema.getEnum().stream().map(String::valueOf).noneMatch(v -> v.equals(node.asText()))) {
      out.add(where + ": " + node + " is not one of " + schema.getEnum());
    }
    String type = schema.getType();
    if (type == null) {
      return;
    }
    switch (type) {
      case "object" -> object(node, schema, where, out);
      case "array" -> {
        if (!node.isArray()) {
          out.add(where + ": expected an array, got " + node.getNodeType());
        } else if (schema.getItems() != null) {
          for (int i = 0; i < node.size(); i++) {
            validate(node.get(i), schema.getItems(), where + "[" + i + "]", out);
          }
        }
      }
      case "string" -> {
        if (!node.isTextual()) {
          out.add(where + ": expected a string, got " + node.getNodeType());
        } else if ("date-time".equals(schema.getFormat())) {
          try {
            OffsetDateTime.parse(node.asText());
          } catch (DateTimeParseException e) {
            out.add(where + ": " + node + " is not an ISO-8601 date-time");
          }
        }
      }
      case "integer" -> {
        if (!node.isIntegralNumber()) {
          out.add(where + ": expected an integer, got " + node);
        }
      }
      case "number" -> {
        if (!node.isNumber()) {
          out.add(where + ": expected a number, got " + node);
        }
      }
      case "boolean" -> {
        if (!node.isBoolean()) {
          out.add(where + ": expected true or false, got " + node);
        }
      }
      default -> out.add(where + ": the schema has an unknown type " + type);
    }
  }

  @SuppressWarnings("rawtypes") // swagger's model hands out a raw Schema map
  private void object(JsonNode node, Schema<?> schema, String where, List<String> out) {
    if (!node.isObject()) {
      out.add(where + ": expected an object, got " + node.getNodeType());
      return;
    }
    Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
    if (schema.getRequired() != null) {
      for (String name : schema.getRequired()) {
        if (!node.has(name)) {
          out.add(where + ": the required property " + name + " is missing");
        }
      }
    }
    Object more = schema.getAdditionalProperties();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String at = where + "." + f.getKey();
      if (properties.containsKey(f.getKey())) {
        validate(f.getValue(), properties.get(f.getKey()), at, out);
      } else if (more instanceof Schema<?> s) {
        validate(f.getValue(), s, at, out);
      } else if (!properties.isEmpty() && !Boolean.TRUE.equals(more)) {
        // A free-form object (no properties) allows anything; a described one names every field.
        out.add(at + ": the server sends a property the document does not name");
      }
    }
  }

  private Schema<?> resolve(Schema<?> s) {
    while (s.get$ref() != null) {
      s = doc.getComponents().getSchemas().get(last(s.get$ref()));
    }
    return s;
  }

  private ApiResponse resolve(ApiResponse r) {
    return r.get$ref() == null ? r : doc.getComponents().getResponses().get(last(r.get$ref()));
  }

  private static String last(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
