package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessRulesTest {
  private final AccessRules rules = new AccessRules(false);

  @Test
  void healthAndSignInAreOpenAdminAreasNeedAnAdminEverythingElseAUser() {
    assertThat(rules.roleFor("GET", "/healthz")).isEqualTo(Role.ANYONE);
    assertThat(rules.roleFor("GET", "/readyz")).isEqualTo(Role.ANYONE);
    assertThat(rules.roleFor("POST", "/login")).isEqualTo(Role.ANYONE);
    assertThat(rules.roleFor("GET", "/ui/berth.css")).isEqualTo(Role.ANYONE);
    assertThat(rules.roleFor("GET", "/ui/events")).isEqualTo(Role.USER);
    assertThat(rules.roleFor("GET", "/metrics")).isEqualTo(Role.ANYONE);
    assertThat(new AccessRules(true).roleFor("GET", "/metrics")).isEqualTo(Role.USER);
    assertThat(rules.roleFor("GET", "/api/v1/settings")).isEqualTo(Role.USER);
    assertThat(rules.roleFor("PUT", "/api/v1/settings/thresholds")).isEqualTo(Role.ADMIN);
    assertThat(rules.roleFor("GET", "/api/v1/users")).isEqualTo(Role.ADMIN);
    assertThat(rules.roleFor("PATCH", "/api/v1/users/alice")).isEqualTo(Role.ADMIN);
    assertThat(rules.roleFor("GET", "/api/v1/audit")).isEqualTo(Role.ADMIN);
    assertThat(rules.roleFor("POST", "/admin/plugins")).isEqualTo(Role.ADMIN);
    assertThat(rules.roleFor("GET", "/something/new")).as("secure by default").isEqualTo(Role.USER);
  }

  @Test
  void theReferenceSubmitIsAnApiAndItsFormPageIsAPage() {
    assertThat(AccessRules.isApi("POST", "/submit")).isTrue();
    assertThat(AccessRules.isApi("GET", "/submit")).isFalse();
    assertThat(AccessRules.isApi("GET", "/api/v1/queue")).isTrue();
    assertThat(AccessRules.isApi("GET", "/jobs/1")).isFalse();
  }
}
