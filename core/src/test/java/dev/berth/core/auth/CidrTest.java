package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void blocksMatchTheirAddressesOnly() {
    Cidr net = Cidr.parse("10.1.0.0/16");
    assertThat(net.contains("10.1.200.3")).isTrue();
    assertThat(net.contains("10.2.0.1")).isFalse();
    assertThat(Cidr.parse("10.1.2.3").contains("10.1.2.3")).isTrue();
    assertThat(Cidr.parse("10.1.2.3").contains("10.1.2.4")).isFalse();
    assertThat(Cidr.parse("192.168.1.128/25").contains("192.168.1.200")).isTrue();
    assertThat(Cidr.parse("192.168.1.128/25").contains("192.168.1.100")).isFalse();
    assertThat(Cidr.parse("::1").contains("[::1]")).isTrue();
    assertThat(Cidr.parse("fd00::/8").contains("fd12::5")).isTrue();
    assertThat(Cidr.parse("fd00::/8").contains("10.0.0.1")).as("IPv4 against IPv6").isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
  }

  @Test
  void hostNamesAndBadPrefixesAreConfigErrors() {
    assertThatThrownBy(() -> Cidr.parse("proxy.example.com")).isInstanceOf(ConfigException.class).hasMessageContaining("trustedCidrs");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(ConfigException.class).hasMessageContaining("prefix");
    assertThat(Cidr.parse("10.0.0.0/8").contains("not-an-address")).isFalse();
  }
}
