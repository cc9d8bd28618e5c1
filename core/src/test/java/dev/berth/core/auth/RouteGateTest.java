package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.core.api.ProblemResponses;
import dev.berth.core.config.ConfigLoader;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access gate over real HTTP, in none mode, where every caller is an administrator: even so, a
 * route registered without a role is refused, so forgetting one cannot open it.
 */
class RouteGateTest {
  private Javalin http;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    AuthConfig config = AuthConfig.from(new ConfigLoader().load(null, Map.of(), Map.of("auth.mode", "none")).tree());
    Clock clock = Clock.systemUTC();
    Auth auth = new Auth(config, null, new Sessions(clock, Duration.ofHours(1), Duration.ofHours(12)), new AuditLog(null, clock));
    http = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      ProblemResponses.register(cfg, auth);
      auth.register(cfg);
      cfg.routes.get("/declared", ctx -> ctx.result("ok"), Role.ADMIN);
      cfg.routes.get("/forgotten", ctx -> ctx.result("should never be seen"));
    }).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    http.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aRouteWithoutARoleIsRefusedEvenToAnAdministrator() throws Exception {
    assertThat(get("/declared").statusCode()).isEqualTo(200);
    assertThat(get("/declared/").statusCode()).isEqualTo(200);
    HttpResponse<String> forgotten = get("/forgotten");
    assertThat(forgotten.statusCode()).isEqualTo(403);
    assertThat(forgotten.body()).contains("declares no access rule").doesNotContain("should never be seen");
    assertThat(get("/forgotten/").statusCode()).isEqualTo(403);
  }
}
