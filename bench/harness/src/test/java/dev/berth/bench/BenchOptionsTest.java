package dev.berth.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static final Path OUT = Path.of("out");
  private static final Path WORK = Path.of("work");

  @Test
  void defaultsRunEverythingButTheSoak() {
    BenchOptions o = BenchOptions.parse(new String[0], OUT, WORK);

    assertThat(o.quick()).isFalse();
    assertThat(o.clients()).isEqualTo(16);
    assertThat(BenchOptions.IDS).filteredOn(o::runs).doesNotContain("soak").hasSize(BenchOptions.IDS.size() - 1);
  }

  @Test
  void quickModeRunsTheSoakSmokeAndSoakTakesMinutes() {
    assertThat(BenchOptions.parse(new String[] {"--quick"}, OUT, WORK).runs("soak")).isTrue();
    BenchOptions soak = BenchOptions.parse(new String[] {"--soak"}, OUT, WORK);
    assertThat(soak.soakMinutes()).isEqualTo(30);
    assertThat(BenchOptions.parse(new String[] {"--soak=45", "--soak-store=redis"}, OUT, WORK))
        .extracting(BenchOptions::soakMinutes, BenchOptions::soakStore).containsExactly(45, "redis");
  }

  @Test
  void onlyRunsTheNamedOnes() {
    BenchOptions o = BenchOptions.parse(new String[] {"--only=submit,depth", "--profile", "--clients=4"}, OUT, WORK);

    assertThat(BenchOptions.IDS).filteredOn(o::runs).containsExactly("submit", "depth");
    assertThat(o.profile()).isTrue();
    assertThat(o.clients()).isEqualTo(4);
  }

  @Test
  void badArgumentsSayWhatIsWrong() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only=sumbit"}, OUT, WORK))
        .hasMessageContaining("unknown benchmark 'sumbit'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--clients=0"}, OUT, WORK))
        .hasMessageContaining("--clients must be a positive whole number");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}, OUT, WORK))
        .hasMessageContaining("unknown argument '--fast'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--soak-store=mysql"}, OUT, WORK))
        .hasMessageContaining("sqlite or redis");
  }
}
