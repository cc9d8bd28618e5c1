package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written instants must be the JDK's, text for text: the columns are compared as text. */
class IsoInstantsTest {
  private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

  @Test
  void writesAndReadsWhatTheJdkDoesForRandomInstants() {
    Random random = new Random(20261205);
    for (int i = 0; i < 200_000; i++) {
      long seconds = i % 2 == 0
          ? 1_700_000_000L + random.nextInt(400_000_000) // around now
          : YEAR_0 - 1000 + (long) (random.nextDouble() * (YEAR_10000 - YEAR_0 + 2000)); // and past both ends
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(seconds, nanos);
      String text = IsoInstants.format(t);
      assertThat(text).isEqualTo(t.toString());
      assertThat(IsoInstants.parse(text)).isEqualTo(t);
    }
  }

  @Test
  void theEdgesOfTheShapeAreTheJdks() {
    for (String text : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
        "2024-02-29T12:00:00.5Z", "2026-12-05T00:40:00.12Z", "2026-12-05T00:40:00.1234Z", "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59Z", "2026-12-05T23:59:60Z", "2026-12-05T00:40:00+01:00", "2026-12-05T00:40:00.Z")) {
      assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void textThatIsNoInstantFailsAsInstantParseDoes() {
    for (String text : List.of("2026-13-05T00:40:00Z", "2026-02-30T00:40:00Z", "2026-12-05T24:40:00Z",
        "2026-12-05T-1:40:00Z", "2026-12-05T00:4x:00Z", "2026-12-05T00:40:00.1234567891Z",
        "2026-12-05 00:40:00Z", "yesterday")) {
      assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
    }
  }
}
