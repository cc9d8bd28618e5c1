package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservationsTest {
  private final Reservations held = new Reservations();

  @Test
  void aLayerSeesWhatIsHeldAndKeepsItsOwnReservationsToItself() {
    held.reserve("1", new Placement("a", List.of(0)));
    Reservations pass = held.layer();

    pass.reserve("2", new Placement("a", List.of(1)));

    assertThat(pass.holder("a", 0)).isEqualTo("1");
    assertThat(pass.holder("a", 1)).isEqualTo("2");
    assertThat(held.holder("a", 1)).as("a dropped pass leaves nothing behind").isNull();
  }

  @Test
  void releaseFreesOnlyTheGpusOfThatJob() {
    held.reserve("1", new Placement("a", List.of(0, 1)));
    held.reserve("2", new Placement("a", List.of(2)));

    held.release("1", new Placement("a", List.of(0, 1, 2)));

    assertThat(held.holder("a", 0)).isNull();
    assertThat(held.holder("a", 1)).isNull();
    assertThat(held.holder("a", 2)).isEqualTo("2");
    held.release("9", new Placement("elsewhere", List.of(0)));
    assertThat(held.holder("elsewhere", 0)).isNull();
  }

  @Test
  void anyIndexIsHeldAndReleasedWhateverItsSize() {
    held.reserve("1", new Placement("a", List.of(3, 40)));
    held.reserve("2", new Placement("a", List.of(-1, 100_000)));
    Reservations pass = held.layer();
    pass.reserve("3", new Placement("a", List.of(5, 70_000)));

    assertThat(pass.holder("a", 3)).isEqualTo("1");
    assertThat(pass.holder("a", 40)).isEqualTo("1");
    assertThat(pass.holder("a", -1)).isEqualTo("2");
    assertThat(pass.holder("a", 100_000)).isEqualTo("2");
    assertThat(pass.holder("a", 70_000)).isEqualTo("3");
    assertThat(pass.holder("a", 41)).isNull();
    assertThat(held.holder("a", 5)).isNull();

    held.release("2", new Placement("a", List.of(-1, 100_000, 3)));
    assertThat(held.holder("a", -1)).isNull();
    assertThat(held.holder("a", 100_000)).isNull();
    assertThat(held.holder("a", 3)).as("held by another job").isEqualTo("1");
  }
}
