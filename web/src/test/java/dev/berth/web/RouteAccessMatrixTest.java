package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.auth.Role;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route the running server registered, generated from its router so that a new route cannot
 * be left out: each declares exactly one {@link Role}, and each, with and without a trailing slash,
 * holds that role against anonymous, a user owning the job in the path ("alice"), another user
 * ("bob") and an admin. {@link AccessControlTest} has the exact statuses of each endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteAccessMatrixTest {
  private static final String PASSWORD = "correct-horse-battery";
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private WebBerth berth;

  @BeforeAll
  void start(@TempDir Path dir) {
    berth = WebBerth.withoutGpus(dir);
    for (String user : List.of("alice", "bob")) {
      assertThat(berth.http.postJson("/api/v1/users", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}")
          .status()).isEqualTo(201);
    }
  }

  @AfterAll
  void stop() {
    berth.close();
  }

  /** One route as registered, and the role it declared. */
  record Route(String method, String path, Role role) {
    @Override
    public String toString() {
      return method + " " + path + " (" + role + ")";
    }
  }

  List<Route> routes() {
    List<Route> out = new ArrayList<>();
    for (Endpoint e : berth.server.routes()) {
      Roles roles = e.metadata(Roles.class);
      Role role = Role.declaredBy(roles == null ? Set.of() : roles.getRoles())
          .orElseThrow(() -> new AssertionError(e.method + " " + e.path + " declares no Berth role (or several)"));
      out.add(new Route(e.method.name(), e.path, role));
    }
    return out;
  }

  @Test
  void theMatrixCoversTheWholeRouter() {
    List<Route> routes = routes();
    assertThat(routes).hasSizeGreaterThanOrEqualTo(40);
    assertThat(routes).contains(new Route("GET", "/api/v1/audit", Role.ADMIN), new Route("GET", "/ui/events", Role.USER),
        new Route("POST", "/login", Role.ANYONE), new Route("PUT", "/api/v1/settings/{section}", Role.ADMIN));
  }

  Stream<Route> eachRoute() {
    return routes().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eachRoute")
  void everyCallerGetsWhatTheRouteDeclaresWithAndWithoutATrailingSlash(Route route) {
    for (String slash : route.path().equals("/") ? List.of("") : List.of("", "/")) {
      check(route, slash, null, "anonymous");
      check(route, slash, "alice", "alice (a user, owner of the job)");
      check(route, slash, "bob", "bob (another user)");
      check(route, slash, "admin", "admin");
    }
  }

  private void check(Route route, String slash, String user, String who) {
    String path = concrete(route.path()) + slash;
    int status = call(route.method(), path, user);
    String what = route.method() + " " + path + " by " + who;
    // The gate's refusals: 401 with a challenge (API), or off to the sign-in page. The sign-in form's
    // own 401 for a wrong password has no challenge.
    boolean refusedAsAnonymous = (status == 401 && challenged) || (status == 303 && location.startsWith("/login?next="));
    assertThat(status).as("%s: never a server error", what).isLessThan(500);
    if (user == null) {
      assertThat(refusedAsAnonymous).as("%s (%d): anonymous is refused unless the route is open", what, status)
          .isEqualTo(route.role() != Role.ANYONE);
      return;
    }
    assertThat(refusedAsAnonymous).as("%s (%d): a signed-in caller is not sent to sign in", what, status).isFalse();
    boolean admin = user.equals("admin");
    if (route.role() == Role.ADMIN && !admin) {
      assertThat(status).as("%s: only admins", what).isEqualTo(403);
    } else if (admin || user.equals("alice") || !route.path().contains("{id}")) {
      assertThat(status).as("%s: allowed by its role", what).isNotEqualTo(403);
    }
  }

  private String location = "";
  private boolean challenged;

  /** The path with its parameters filled: a fresh job of alice's for each call that may change it. */
  private String concrete(String pattern) {
    String id = "";
    if (pattern.startsWith("/tokens/") || pattern.startsWith("/api/v1/me/tokens/")) {
      id = "no-such-token";
    } else if (pattern.contains("{id}")) {
      id = berth.anonymous.as("alice", PASSWORD).submit("{\"template\":\"demo\",\"gpus\":1}");
    }
    return pattern.replace("{id}", id).replace("{username}", "bob").replace("{section}", "scheduler");
  }

  /** Calls with an empty body; only the status and Location matter, so a stream is closed at once. */
  private int call(String method, String path, String user) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(berth.base() + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "text/html").method(method, HttpRequest.BodyPublishers.noBody());
    if (!method.equals("GET")) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    if (user != null) {
      String password = user.equals("admin") ? WebBerth.ADMIN_PASSWORD : PASSWORD;
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      location = r.headers().firstValue("Location").orElse("");
      challenged = r.headers().firstValue("WWW-Authenticate").isPresent();
      r.body().close();
      return r.statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The two holes the review found, named so that they stay closed. */
  @Test
  void theAuditLogAndTheEventStreamAreClosedWithATrailingSlash() {
    assertThat(call("GET", "/api/v1/audit/", "alice")).isEqualTo(403);
    assertThat(call("GET", "/api/v1/audit/", null)).isEqualTo(401);
    assertThat(call("GET", "/ui/events/?topics=queue", null)).isEqualTo(303);
    assertThat(location).startsWith("/login?next=");
    assertThat(call("GET", "/api/v1/audit/", "admin")).isEqualTo(200);
  }

  @Test
  void staticAssetsAreOpen() {
    assertThat(call("GET", "/ui/berth.css", null)).isEqualTo(200);
    assertThat(call("GET", "/webjars/htmx.org/2.0.8/dist/htmx.min.js", null)).isEqualTo(200);
  }
}
