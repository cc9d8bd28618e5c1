package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Await;
import dev.berth.testkit.FakeNvidiaSmi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The usage page against a real Berth with two finished GPU jobs: its tables without JavaScript,
 * and its three uPlot charts drawn in headless Chromium (screenshot target/screenshots/usage.png).
 */
class UsagePageTest {
  @TempDir Path tmp;

  @Test
  void theTablesAreThereWithoutJavaScriptAndTheChartsAreDrawnInABrowser() throws Exception {
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 100, 10240, 0.0), FakeNvidiaSmi.gpu(1, 100, 10240, 0.0));
    try (WebBerth b = WebBerth.start(tmp.resolve("berth"), smi.command(), "")) {
      b.services().settings().update("scheduler", Map.of("probeIntervalSeconds", 1, "maxRunningJobs", 2), "test");
      String[] ids = {
          b.http.submit("{\"user\":\"admin\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"2\"}}"),
          b.http.submit("{\"user\":\"admin\",\"template\":\"demo\",\"gpus\":1,\"parameters\":{\"seconds\":\"1\"}}")};
      for (String id : ids) {
        Await.until("job " + id + " completed", Duration.ofSeconds(60),
            () -> b.http.get("/api/v1/jobs/" + id, Map.of("Accept", "application/json")).body(),
            body -> body.contains("\"state\":\"COMPLETED\""));
      }

      WebHttp.Response page = b.http.get("/usage?since=7d");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("<table id=\"usage-by-user\">", "<th scope=\"row\">admin</th>",
          "<table id=\"usage-by-day\">", "<table id=\"usage-waits\">", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
          "href=\"/usage\" aria-current=\"page\"");
      assertThat(b.http.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);

      try (Browser browser = Browser.start(tmp.resolve("profile"))) {
        browser.driver.get(b.base() + "/");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys("admin");
        browser.driver.findElement(By.id("password")).sendKeys(WebBerth.ADMIN_PASSWORD);
        browser.driver.findElement(By.id("sign-in")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("me")));
        browser.size(1280, 1400);
        browser.driver.get(b.base() + "/usage?since=7d");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#usage-charts.drawn")));
        for (String chart : new String[] {"chart-gpu-hours", "chart-waits", "chart-in-use"}) {
          assertThat(browser.driver.findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).hasSize(1);
        }
        assertThat(browser.driver.findElement(By.id("chart-gpu-hours")).getText()).contains("admin");
        Path shot = browser.screenshot("usage");
        assertThat(Files.size(shot)).isPositive();
      }
    }
  }
}
