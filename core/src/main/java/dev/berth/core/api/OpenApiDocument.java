package dev.berth.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.core.auth.Role;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the API's OpenAPI 3 document. It is written by hand as YAML
 * next to the routes ({@code openapi.yaml} in this package's resources, the one source), and
 * converted to JSON once, when the server starts, with {@code info.version} set to the running
 * version. Open to anyone: it holds no data, and client generators fetch it without credentials.
 */
final class OpenApiDocument {
  static final String PATH = "/api/v1/openapi.json";
  private static final String RESOURCE = "openapi.yaml";
  private final byte[] json;

  OpenApiDocument(ObjectMapper mapper, String version) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the core jar");
      }
      ObjectNode doc = (ObjectNode) new YAMLMapper().readTree(in);
      ((ObjectNode) doc.get("info")).put("version", version);
      json = mapper.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled " + RESOURCE + " cannot be read", e);
    }
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get(PATH, ctx -> ctx.contentType("application/json").result(json), Role.ANYONE);
  }
}
