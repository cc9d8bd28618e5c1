package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.security.RouteRole;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {
  private enum Other implements RouteRole { X }

  @Test
  void aRouteNeedsExactlyOneBerthRole() {
    assertThat(Role.declaredBy(Set.of(Role.ADMIN))).contains(Role.ADMIN);
    assertThat(Role.declaredBy(Set.of(Role.ANYONE, Other.X))).contains(Role.ANYONE);
    assertThat(Role.declaredBy(Set.of())).as("none: refused").isEmpty();
    assertThat(Role.declaredBy(Set.of(Other.X))).as("only a foreign role: refused").isEmpty();
    assertThat(Role.declaredBy(Set.of(Role.USER, Role.ANYONE))).as("ambiguous: refused").isEmpty();
  }

  @Test
  void theReferenceSubmitIsAnApiAndItsFormPageIsAPage() {
    assertThat(ApiRequests.isApi("POST", "/submit")).isTrue();
    assertThat(ApiRequests.isApi("POST", "/submit/")).isTrue();
    assertThat(ApiRequests.isApi("GET", "/submit")).isFalse();
    assertThat(ApiRequests.isApi("GET", "/api/v1/queue")).isTrue();
    assertThat(ApiRequests.isApi("GET", "/metrics/")).isTrue();
    assertThat(ApiRequests.isApi("GET", "/jobs/1")).isFalse();
  }
}
