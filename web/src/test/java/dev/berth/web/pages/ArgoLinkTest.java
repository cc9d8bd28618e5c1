package dev.berth.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArgoLinkTest {
  @Test
  void linksTheWorkflowInItsNamespace() {
    assertThat(JobViews.argoLink("https://argo.example.org", "ml", "berth-12"))
        .isEqualTo("https://argo.example.org/workflows/ml/berth-12");
    assertThat(JobViews.argoLink("https://argo.example.org", "ml", "team-a/berth-12"))
        .isEqualTo("https://argo.example.org/workflows/team-a/berth-12");
  }

  @Test
  void noLinkWithoutTheUiOrAReference() {
    assertThat(JobViews.argoLink("", "ml", "berth-12")).isNull();
    assertThat(JobViews.argoLink("https://argo.example.org", "ml", null)).isNull();
  }

  @Test
  void oddCharactersAreEncoded() {
    assertThat(JobViews.argoLink("http://a", "n s", "x?y")).isEqualTo("http://a/workflows/n%20s/x%3Fy");
  }
}
