package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Dockerfile and the chart agree: no Docker engine runs here to build the image, so what the
 * chart assumes about it (its user, its entrypoint, where the distribution lies) is checked
 * against the Dockerfile's text and the Maven build's layout.
 */
@ExtendWith(KubeApi.class)
class ImagesTest {
  private static final Path REPO = Path.of(System.getProperty("berth.repo")).toAbsolutePath().normalize();

  @Test
  void imageRunsAsTheUserTheChartExpects() throws IOException {
    List<String> runStage = finalStage();
    PodSecurityContext pod = Chart.render().get(Deployment.class, "berth").getSpec().getTemplate().getSpec()
        .getSecurityContext();

    assertThat(runStage).contains("USER " + pod.getRunAsUser() + ":" + pod.getRunAsGroup());
    assertThat(runStage).anyMatch(l -> l.startsWith("FROM eclipse-temurin:17-jre"));
  }

  @Test
  void entrypointIsTheLauncherWithTheHomeThePluginsAreCopiedFrom() throws IOException {
    List<String> runStage = finalStage();

    assertThat(runStage).contains(
        "ENTRYPOINT [\"java\", \"-Dberth.home=/opt/berth\", \"-cp\", \"/opt/berth/lib/*\", \"dev.berth.core.cli.Launcher\"]",
        "CMD [\"serve\"]",
        "COPY --from=build /src/dist/target/berth/lib/ /opt/berth/lib/",
        "COPY --from=build /src/dist/target/berth/plugins/ /opt/berth/plugins/");
    assertThat(dev.berth.core.cli.Launcher.class.getName()).as("the launcher class exists").isEqualTo("dev.berth.core.cli.Launcher");
  }

  @Test
  void theCopiedLayoutIsTheOneTheDistributionBuilds() throws IOException {
    String distPom = Files.readString(REPO.resolve("dist/pom.xml"));

    assertThat(distPom).contains("<berth.layout>${project.build.directory}/berth</berth.layout>")
        .contains("<outputDirectory>${berth.layout}/lib</outputDirectory>")
        .contains("<outputDirectory>${berth.layout}/plugins</outputDirectory>");
  }

  @Test
  void theDataDirectoryIsTheChartsVolume() throws IOException {
    assertThat(finalStage()).anyMatch(l -> l.contains("BERTH_DATA_DIR=/var/lib/berth"))
        .contains("VOLUME /var/lib/berth");
  }

  @Test
  void buildContextKeepsEveryPomButNoBuildOutput() throws IOException {
    List<String> ignored = Files.readAllLines(REPO.resolve(".dockerignore")).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

    assertThat(ignored).contains("**/target/", ".git/", "data/");
    assertThat(ignored).noneMatch(l -> l.contains("pom.xml") || l.equals("helm/") || l.equals("plugins/"));
  }

  private static List<String> finalStage() throws IOException {
    List<String> lines = Files.readAllLines(REPO.resolve("Dockerfile")).stream().map(String::trim).toList();
    int last = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("FROM ")) {
        last = i;
      }
    }
    return lines.subList(last, lines.size());
  }
}
