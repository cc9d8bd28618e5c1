package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress behindProxy = new ClientAddress(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")));

  @Test
  void forwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
    assertThat(behindProxy.of("203.0.113.5", List.of("198.51.100.7"))).isEqualTo("203.0.113.5");
    assertThat(new ClientAddress(List.of()).of("127.0.0.1", List.of("198.51.100.7"))).isEqualTo("127.0.0.1");
  }

  @Test
  void theNearestUntrustedHopIsTheClientSoAClaimedAddressCannotBeChosen() {
    assertThat(behindProxy.of("10.0.0.2", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
    assertThat(behindProxy.of("10.0.0.2", List.of("1.2.3.4, 198.51.100.7, 10.0.0.3"))).isEqualTo("198.51.100.7");
    assertThat(behindProxy.of("10.0.0.2", List.of("1.2.3.4", "198.51.100.7:51234"))).as("two headers, a port")
        .isEqualTo("198.51.100.7");
    assertThat(behindProxy.of("::1", List.of("[2001:db8::7]:443"))).isEqualTo("2001:db8::7");
  }

  @Test
  void withoutAUsableHopItIsTheLastTrustedAddress() {
    assertThat(behindProxy.of("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    assertThat(behindProxy.of("10.0.0.2", List.of("10.0.0.3"))).isEqualTo("10.0.0.3");
    assertThat(behindProxy.of("10.0.0.2", List.of("not-an-address, 10.0.0.3"))).isEqualTo("10.0.0.3");
    assertThat(behindProxy.of("10.0.0.2", List.of("unknown"))).isEqualTo("10.0.0.2");
  }
}
