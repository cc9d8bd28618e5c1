package dev.berth.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fenwick tree against a plain list, over random appends and changes past its first growth. */
class QueuedPositionsTest {

  @Test
  void countsBeforeEverySequenceAgreeWithAPlainList() {
    Random random = new Random(7);
    QueuedPositions positions = new QueuedPositions();
    List<Boolean> queued = new ArrayList<>();
    for (int step = 0; step < 5_000; step++) {
      if (queued.isEmpty() || random.nextInt(3) > 0) {
        boolean q = random.nextInt(4) > 0;
        queued.add(q);
        positions.append(queued.size(), q);
      } else {
        int sequence = 1 + random.nextInt(queued.size());
        boolean now = !queued.get(sequence - 1);
        queued.set(sequence - 1, now);
        positions.change(sequence, now ? +1 : -1);
      }
      if (step % 97 == 0) {
        long expected = 0;
        for (int sequence = 1; sequence <= queued.size() + 2; sequence++) {
          assertThat(positions.before(sequence)).as("queued before %d at step %d", sequence, step)
              .isEqualTo(expected);
          expected += sequence <= queued.size() && queued.get(sequence - 1) ? 1 : 0;
        }
      }
    }
    assertThat(queued.size()).as("the tree grew past its first size").isGreaterThan(1024);
  }
}
