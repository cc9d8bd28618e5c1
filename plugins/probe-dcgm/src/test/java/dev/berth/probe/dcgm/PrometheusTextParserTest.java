package dev.berth.probe.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {

  @Test
  void readsHelpTypeLabelsValuesAndTimestamps() {
    PrometheusExposition e = PrometheusTextParser.parse("""
        # HELP http_requests_total The total number of HTTP requests.\\nSecond line, with a \\\\ backslash.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000
        # A plain comment.

        metric_without_timestamp_and_labels 12.47
        something_weird{problem="division by zero"} +Inf -3982045
        """);

    assertThat(e.errors()).isEmpty();
    assertThat(e.types()).containsEntry("http_requests_total", "counter");
    assertThat(e.help().get("http_requests_total"))
        .isEqualTo("The total number of HTTP requests.\nSecond line, with a \\ backslash.");
    assertThat(e.samples()).hasSize(4);
    PrometheusSample first = e.samples().get(0);
    assertThat(first.name()).isEqualTo("http_requests_total");
    assertThat(first.labels()).containsExactly(Map.entry("method", "post"), Map.entry("code", "200"));
    assertThat(first.value()).isEqualTo(1027.0);
    assertThat(first.timestampMillis()).isEqualTo(1395066363000L);
    assertThat(e.samples().get(1).value()).isEqualTo(3.0);
    assertThat(e.samples().get(2).labels()).isEmpty();
    assertThat(e.samples().get(2).timestampMillis()).isNull();
    assertThat(e.samples().get(3).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(e.samples().get(3).timestampMillis()).isEqualTo(-3982045L);
  }

  @Test
  void unescapesLabelValues() {
    PrometheusExposition e = PrometheusTextParser.parse(
        "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\n");

    assertThat(e.errors()).isEmpty();
    PrometheusSample s = e.samples().get(0);
    assertThat(s.label("path")).isEqualTo("C:\\DIR\\FILE.TXT");
    assertThat(s.label("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
    assertThat(s.value()).isEqualTo(1.458255915e9);
  }

  @Test
  void toleratesSpacesAroundLabelsATrailingCommaAndCrlf() {
    PrometheusExposition e = PrometheusTextParser.parse(
        "a{ x = \"1\" , y=\"2\", } 1\r\nb {z=\"\"} -0.5e-3\r\nc{} NaN\r\n\td 4\n");

    assertThat(e.errors()).isEmpty();
    assertThat(e.samples()).extracting(PrometheusSample::name).containsExactly("a", "b", "c", "d");
    assertThat(e.samples().get(0).labels()).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
    assertThat(e.samples().get(1).label("z")).isEmpty();
    assertThat(e.samples().get(1).value()).isEqualTo(-0.0005);
    assertThat(e.samples().get(2).value()).isNaN();
  }

  @Test
  void badLinesAreReportedWithTheirNumberAndTheRestStillCounts() {
    PrometheusExposition e = PrometheusTextParser.parse("""
        good 1
        {no_name="x"} 1
        unterminated{a="x} 1
        twice{a="1",a="2"} 1
        escape{a="\\q"} 1
        novalue{a="1"}
        value_bad 1.2.3x
        trailing 1 2 3
        # TYPE good sideways
        also_good{le="0.5"} 2
        """);

    assertThat(e.samples()).extracting(PrometheusSample::name).containsExactly("good", "also_good");
    assertThat(e.errors()).hasSize(8);
    assertThat(e.errors().get(0)).startsWith("line 2 not understood (no metric name)");
    assertThat(e.errors().get(1)).contains("line 3").contains("unterminated label value");
    assertThat(e.errors().get(2)).contains("label 'a' given twice");
    assertThat(e.errors().get(3)).contains("bad escape");
    assertThat(e.errors().get(4)).contains("line 6").contains("no value");
    assertThat(e.errors().get(5)).contains("bad value '1.2.3x'");
    assertThat(e.errors().get(6)).contains("unexpected text after the timestamp");
    assertThat(e.errors().get(7)).contains("line 9").contains("unknown metric type 'sideways'");
  }

  @Test
  void aFloodOfBadLinesIsSummarised() {
    StringBuilder page = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      page.append("<html>\n");
    }

    PrometheusExposition e = PrometheusTextParser.parse(page.toString());

    assertThat(e.errors()).hasSize(21);
    assertThat(e.errors().get(20)).isEqualTo("30 more lines not understood");
  }

  @Test
  void readsTheRealExporterFixturesWithoutErrors() {
    for (String fixture : new String[] {
        "four-v100-hostname-capital.txt", "a30-mig-hostname-lower.txt", "two-hosts.txt"}) {
      PrometheusExposition e = PrometheusTextParser.parse(Fixtures.text(fixture));
      assertThat(e.errors()).as(fixture).isEmpty();
      assertThat(e.samples()).as(fixture).isNotEmpty();
    }
    PrometheusExposition mig = PrometheusTextParser.parse(Fixtures.text("a30-mig-hostname-lower.txt"));
    assertThat(mig.samples().get(mig.samples().size() - 1).label("note"))
        .isEqualTo("model \"bert\" at C:\\models\nline two");
  }
}
