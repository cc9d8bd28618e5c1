package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WorkflowLinksTest {
  @Test
  void linksTheWorkflowInItsNamespace() {
    WorkflowLinks links = new WorkflowLinks("https://argo.example.org", "ml");
    assertThat(links.of("berth-12")).contains(URI.create("https://argo.example.org/workflows/ml/berth-12"));
    assertThat(links.of("team-a/berth-12")).contains(URI.create("https://argo.example.org/workflows/team-a/berth-12"));
  }

  @Test
  void noLinkWithoutTheUiOrAReference() {
    assertThat(new WorkflowLinks("", "ml").of("berth-12")).isEmpty();
    assertThat(new WorkflowLinks("https://argo.example.org", "ml").of(null)).isEmpty();
  }

  @Test
  void oddCharactersAreEncoded() {
    assertThat(new WorkflowLinks("http://a", "n s").of("x?y")).contains(URI.create("http://a/workflows/n%20s/x%3Fy"));
  }
}
