package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.auth.Role;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written OpenAPI document, as the running server serves it, against the server's own
 * router: valid, every {@code /api/v1} route documented with the role it declares, nothing
 * documented that the router lacks, and every refusal answered with the shared Problem schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
  private static final String PROBLEM = "#/components/schemas/Problem";
  private WebBerth berth;
  private OpenAPI doc;
  /** "METHOD /path" of every documented operation. */
  private final Map<String, Operation> documented = new TreeMap<>();

  @BeforeAll
  void start(@TempDir Path dir) {
    berth = WebBerth.withoutGpus(dir);
    WebHttp.Response r = berth.anonymous.get("/api/v1/openapi.json");
    assertThat(r.status()).as("the document is open to anyone: %s", r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body(), null, options);
    assertThat(parsed.getMessages()).as("swagger-parser's messages").isEmpty();
    doc = parsed.getOpenAPI();
    doc.getPaths().forEach((path, item) ->
        item.readOperationsMap().forEach((method, op) -> documented.put(method.name() + " " + path, op)));
  }

  @AfterAll
  void stop() {
    berth.close();
  }

  @Test
  void theDocumentIsOpenApi3AndCarriesTheServersVersion() {
    assertThat(doc.getOpenapi()).startsWith("3.0.");
    assertThat(doc.getInfo().getVersion()).isNotEqualTo("served").isNotBlank();
    assertThat(doc.getComponents().getSecuritySchemes()).containsOnlyKeys("bearerToken", "basic", "session");
    assertThat(documented).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void theReasonCodesAndSettingTypesAreExactlyTheServersOwn() {
    Map<String, io.swagger.v3.oas.models.media.Schema> schemas = doc.getComponents().getSchemas();
    List<String> codes = enumOf(schemas.get("WaitingReason"), "code");
    assertThat(codes).containsExactly(java.util.Arrays.stream(dev.berth.core.scheduler.ReasonCode.values()).map(Enum::name)
        .toArray(String[]::new));
    List<String> types = enumOf(schemas.get("SettingDescriptor"), "type");
    assertThat(types).containsExactly(java.util.Arrays.stream(dev.berth.api.SettingType.values()).map(Enum::name)
        .toArray(String[]::new));
    assertThat(schemas.get("Job").getProperties()).containsKeys("waitingReasons", "estimatedStartAt", "estimateNote", "score");
    assertThat(schemas.get("ScoreFactor").getProperties()).containsKeys("name", "value", "weight");
  }

  private static List<String> enumOf(io.swagger.v3.oas.models.media.Schema<?> schema, String property) {
    io.swagger.v3.oas.models.media.Schema<?> p = (io.swagger.v3.oas.models.media.Schema<?>) schema.getProperties().get(property);
    return p.getEnum().stream().map(String::valueOf).toList();
  }

  @Test
  void everyApiRouteIsDocumentedWithTheRoleItDeclares() {
    List<String> problems = new ArrayList<>();
    for (Endpoint e : berth.server.routes()) {
      if (!e.path.startsWith("/api/")) {
        continue;
      }
      String key = e.method.name() + " " + e.path;
      Operation op = documented.get(key);
      if (op == null) {
        problems.add(key + " is registered but not in openapi.yaml");
        continue;
      }
      Roles roles = e.metadata(Roles.class);
      Role declared = Role.declaredBy(roles == null ? Set.of() : roles.getRoles()).orElse(null);
      if (!String.valueOf(declared).equals(role(op))) {
        problems.add(key + " declares " + declared + " but is documented as x-berth-role " + role(op));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDocumentedOperationIsRegistered() {
    Set<String> registered = new java.util.HashSet<>();
    for (Endpoint e : berth.server.routes()) {
      registered.add(e.method.name() + " " + e.path);
    }
    List<String> problems = new ArrayList<>();
    documented.forEach((key, op) -> {
      if (!registered.contains(key)) {
        problems.add(key + " is documented but no route answers it");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyOperationDeclaresItsRoleAndTheRefusalsThatComeWithIt() {
    List<String> problems = new ArrayList<>();
    documented.forEach((key, op) -> {
      String role = role(op);
      if (!Set.of("ANYONE", "USER", "ADMIN").contains(role)) {
        problems.add(key + ": x-berth-role must be ANYONE, USER or ADMIN, was " + role);
        return;
      }
      boolean open = op.getSecurity() != null && op.getSecurity().isEmpty();
      if (role.equals("ANYONE") != open) {
        problems.add(key + ": security: [] exactly when x-berth-role is ANYONE");
      }
      if (!role.equals("ANYONE") && !op.getResponses().keySet().containsAll(List.of("401", "403"))) {
        problems.add(key + ": a " + role + " operation lists 401 and 403");
      }
      if (op.getOperationId() == null || op.getSummary() == null) {
        problems.add(key + ": needs an operationId and a summary (client generators name methods after them)");
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void everyErrorAnswerIsAProblem() {
    List<String> problems = new ArrayList<>();
    documented.forEach((key, op) -> op.getResponses().forEach((status, response) -> {
      if (status.startsWith("4") || status.startsWith("5")) {
        ApiResponse resolved = resolve(response);
        MediaType media = resolved.getContent() == null ? null : resolved.getContent().get("application/problem+json");
        if (media == null || !PROBLEM.equals(media.getSchema().get$ref())) {
          problems.add(key + " " + status + ": answers application/problem+json with " + PROBLEM);
        }
      }
    }));
    assertThat(problems).isEmpty();
  }

  @Test
  void everyPathParameterIsDeclared() {
    Pattern braces = Pattern.compile("\\{([^}]+)}");
    List<String> problems = new ArrayList<>();
    doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
      Set<String> declared = new java.util.HashSet<>();
      for (List<Parameter> ps : java.util.Arrays.asList(item.getParameters(), op.getParameters())) {
        if (ps != null) {
          ps.stream().map(this::resolve).filter(p -> "path".equals(p.getIn())).forEach(p -> declared.add(p.getName()));
        }
      }
      Matcher m = braces.matcher(path);
      while (m.find()) {
        if (!declared.contains(m.group(1))) {
          problems.add(method + " " + path + ": path parameter {" + m.group(1) + "} is not declared");
        }
      }
    }));
    assertThat(problems).isEmpty();
  }

  private static String role(Operation op) {
    return op.getExtensions() == null ? null : String.valueOf(op.getExtensions().get("x-berth-role"));
  }

  private ApiResponse resolve(ApiResponse r) {
    return r.get$ref() == null ? r : doc.getComponents().getResponses().get(last(r.get$ref()));
  }

  private Parameter resolve(Parameter p) {
    return p.get$ref() == null ? p : doc.getComponents().getParameters().get(last(p.get$ref()));
  }

  private static String last(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
