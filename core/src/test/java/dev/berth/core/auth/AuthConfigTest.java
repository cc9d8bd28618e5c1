package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.config.ConfigException;
import dev.berth.core.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
  private static AuthConfig load(Map<String, String> env, Map<String, Object> overrides) {
    return AuthConfig.from(new ConfigLoader().load(null, env, overrides).tree());
  }

  @Test
  void theDefaultIsLocalModeWithARandomAdminPassword() {
    AuthConfig c = load(Map.of(), Map.of());
    assertThat(c.mode()).isEqualTo(AuthMode.LOCAL);
    assertThat(c.initialAdminPassword()).isEmpty();
    assertThat(c.metricsNeedToken()).isFalse();
    assertThat(c.loginMaxFailures()).isEqualTo(10);
    assertThat(c.loginMaxFailuresPerAddress()).isEqualTo(200);
    assertThat(c.loginWindow()).isEqualTo(java.time.Duration.ofMinutes(15));
  }

  @Test
  void theHelmChartsVariableSetsTheFirstAdminPassword() {
    assertThat(load(Map.of("BERTH_ADMIN_PASSWORD", "s3cret-pw"), Map.of()).initialAdminPassword()).isEqualTo("s3cret-pw");
  }

  @Test
  void proxyModeNeedsTrustedAddressesAndBadValuesNameTheirKey() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("auth.mode", "proxy"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("auth.proxy.trustedCidrs");
    assertThat(load(Map.of("BERTH_AUTH_MODE", "proxy", "BERTH_AUTH_PROXY_TRUSTED_CIDRS", "[10.0.0.0/8]"), Map.of())
        .proxyTrusted()).hasSize(1);
    assertThatThrownBy(() -> load(Map.of(), Map.of("auth.mode", "ldap"))).hasMessageContaining("auth.mode");
    assertThatThrownBy(() -> load(Map.of(), Map.of("auth.metrics", "maybe"))).hasMessageContaining("auth.metrics");
  }
}
