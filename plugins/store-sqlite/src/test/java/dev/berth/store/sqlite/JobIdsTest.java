package dev.berth.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobIdsTest {

  @Test
  void onlyPlainDecimalsInLongRangeAreIds() {
    assertThat(JobIds.parse("42")).hasValue(42);
    assertThat(JobIds.parse("9223372036854775807")).hasValue(Long.MAX_VALUE);
    for (String notAnId :
        new String[] {null, "", "-1", "+1", " 1", "1 ", "0x10", "1e3", "9223372036854775808"}) {
      assertThat(JobIds.parse(notAnId)).as("'%s'", notAnId).isEmpty();
    }
  }

  @Test
  void aCursorThatIsNoIdIsRejected() {
    assertThat(JobIds.parseCursor("17")).isEqualTo(17);
    assertThatThrownBy(() -> JobIds.parseCursor("next-please"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("next-please");
  }
}
