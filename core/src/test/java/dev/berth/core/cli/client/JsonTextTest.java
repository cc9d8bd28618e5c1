package dev.berth.core.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void readsWhatTheServerSendsAndWritesItBackUnchanged() {
    String text = "{\"id\":\"7\",\"gpus\":1,\"cpu\":12.5,\"big\":12345678901234,\"ok\":true,\"none\":null,"
        + "\"reasons\":[\"GPU 0 utilization 85 % ≥ 80 %\",\"a \\\"quoted\\\" \\\\ word\\n\"],\"empty\":{},\"list\":[]}";
    Node n = JsonText.parse(text);

    assertThat(n.path("id").asText()).isEqualTo("7");
    assertThat(n.path("gpus").asInt()).isEqualTo(1);
    assertThat(n.path("cpu").asDouble()).isEqualTo(12.5);
    assertThat(n.path("big").asLong(0)).isEqualTo(12345678901234L);
    assertThat(n.path("ok").asBoolean()).isTrue();
    assertThat(n.path("none").isNull()).isTrue();
    assertThat(n.path("absent").isMissing()).isTrue();
    assertThat(n.path("absent").asText("fallback")).isEqualTo("fallback");
    assertThat(n.path("reasons").size()).isEqualTo(2);
    assertThat(n.path("reasons").iterator().next().asText()).isEqualTo("GPU 0 utilization 85 % ≥ 80 %");
    assertThat(n.toString()).isEqualTo(text);
    assertThat(JsonText.parse(n.pretty()).toString()).isEqualTo(text);
  }

  @Test
  void unicodeEscapesAndControlCharactersRoundTrip() {
    Node n = JsonText.parse("\"\\u00e9\\t\\u0001\"");
    assertThat(n.asText()).isEqualTo("é\t\u0001");
    assertThat(n.toString()).isEqualTo("\"é\\t\\u0001\"");
  }

  @Test
  void refusesWhatIsNotOneJsonValue() {
    assertThatThrownBy(() -> JsonText.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonText.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonText.parse("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonText.parse("[1,]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonText.parse("\"open")).isInstanceOf(IllegalArgumentException.class);
  }
}
