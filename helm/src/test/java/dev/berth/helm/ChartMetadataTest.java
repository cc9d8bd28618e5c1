package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Chart.yaml follows Berth's version, and every value is documented where it stands. */
@ExtendWith(KubeApi.class)
class ChartMetadataTest {
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  @Test
  void appVersionIsBerthsVersionAndTheDefaultImageTag() throws IOException {
    Map<?, ?> chart = yaml.readValue(Chart.directory().resolve("Chart.yaml").toFile(), Map.class);

    assertThat(chart.get("apiVersion")).isEqualTo("v2");
    assertThat(chart.get("appVersion")).isEqualTo(System.getProperty("berth.version"));
    assertThat(Chart.render().get(Deployment.class, "berth").getSpec().getTemplate().getSpec().getContainers().get(0)
        .getImage()).endsWith(":" + System.getProperty("berth.version"));
  }

  /** Sections and their fields (below that sit Kubernetes' own fields, such as resources.limits.memory). */
  @Test
  void everyValueIsDescribedByACommentAboveIt() throws IOException {
    String[] lines = Files.readString(Chart.directory().resolve("values.yaml")).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].matches("^( {2})?[a-zA-Z][a-zA-Z0-9]*:.*")) {
        assertThat(lines[i - 1].trim()).as("the line above '%s'", lines[i]).startsWith("#");
      }
    }
  }
}
