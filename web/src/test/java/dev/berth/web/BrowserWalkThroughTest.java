package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.JobState;
import dev.berth.testkit.FakeNvidiaSmi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The README walk-through done in a real browser (Debian's headless Chromium) against a real Berth:
 * real plugin jars, SQLite, child processes; the GPU faked only at nvidia-smi, 85 % busy so that GPU
 * jobs wait. The steps build on each other, in order, like a user's session. Each page is saved as
 * a screenshot under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserWalkThroughTest {
  private Path tmp;
  private WebBerth berth;
  private Browser browser;
  private FakeNvidiaSmi smi;
  private String waitingJob;

  @BeforeAll
  void start(@TempDir Path dir) {
    tmp = dir;
    assertThat(Browser.available()).as("browser tests need " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER
        + " (apt-get install chromium chromium-driver)").isTrue();
    smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.gpu(0, 4000, 10240, 85.0));
    berth = WebBerth.start(tmp.resolve("berth"), smi.command(), "");
    berth.services().settings().update("scheduler", Map.of("probeIntervalSeconds", 1), "test");
    browser = Browser.start(tmp.resolve("profile"));
    signIn();
  }

  /** Every page needs a signed-in user: the walk-through signs in as the administrator, as a person would. */
  private void signIn() {
    open("/");
    await(By.id("username")).sendKeys("admin");
    browser.driver.findElement(By.id("password")).sendKeys(WebBerth.ADMIN_PASSWORD);
    browser.driver.findElement(By.id("sign-in")).click();
    await(By.id("me"));
    assertThat(browser.driver.getCurrentUrl()).isEqualTo(berth.base() + "/");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (berth != null) {
      berth.close();
    }
  }

  private void open(String path) {
    browser.driver.get(berth.base() + path);
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser.driver).executeScript(script);
  }

  /** Marks the loaded document: the mark survives htmx swaps and is gone after a page load. */
  private void mark() {
    js("window.berthMark = 'still here';");
  }

  private boolean stillMarked() {
    return "still here".equals(js("return window.berthMark;"));
  }

  /** Waits until the page's server-sent event stream is open. */
  private void awaitLive() {
    browser.waiting().until(d -> Boolean.TRUE.equals(js(
        "const m = document.querySelector('[sse-connect]');"
            + "const s = m && m['htmx-internal-data'] && m['htmx-internal-data'].sseEventSource;"
            + "return !!s && s.readyState === 1;")));
  }

  private WebElement await(By by) {
    return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * The text of the element {@code by} finds once it is visible, read on a fresh find: a live
   * update may replace the element between finding and reading it.
   */
  private String textOf(By by) {
    await(by);
    return browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(by).getText());
  }

  private void awaitText(By by, String text) {
    browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private void chooseDemoTemplate() {
    new Select(await(By.id("template"))).selectByValue("demo");
    await(By.id("param-seconds"));
  }

  @Test
  @Order(1)
  void invalidInputIsShownInlineAndOnlyTheFormIsSwapped() {
    open("/");
    browser.screenshot("queue-empty");
    open("/submit");
    mark();
    chooseDemoTemplate();
    browser.driver.findElement(By.id("user")).clear();
    WebElement gpus = browser.driver.findElement(By.id("gpus"));
    gpus.clear();
    gpus.sendKeys("9");
    browser.driver.findElement(By.id("submit")).click();

    assertThat(textOf(By.id("error-gpus"))).isEqualTo("must be from 0 to 8, was 9");
    assertThat(textOf(By.id("error-user"))).isEqualTo("is required");
    assertThat(browser.driver.findElement(By.id("gpus")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(stillMarked()).as("no page load, the form was swapped").isTrue();
    assertThat(browser.driver.getCurrentUrl()).endsWith("/submit");
    browser.screenshot("submit-errors");
  }

  @Test
  @Order(2)
  void aJobSubmittedThroughTheFormAppearsOnTheQueuePageWithoutReload() {
    open("/");
    awaitLive();
    mark();
    String queueTab = browser.driver.getWindowHandle();

    browser.driver.switchTo().newWindow(WindowType.TAB);
    open("/submit");
    chooseDemoTemplate();
    browser.driver.findElement(By.id("param-seconds")).sendKeys("3");
    browser.driver.findElement(By.id("name")).sendKeys("browser job");
    WebElement user = browser.driver.findElement(By.id("user"));
    user.clear();
    user.sendKeys("alice");
    browser.driver.findElement(By.id("gpus")).clear();
    browser.driver.findElement(By.id("gpus")).sendKeys("1");
    browser.driver.findElement(By.id("submit")).click();

    browser.waiting().until(ExpectedConditions.urlMatches("/jobs/[0-9]+$"));
    String url = browser.driver.getCurrentUrl();
    waitingJob = url.substring(url.lastIndexOf('/') + 1);
    assertThat(textOf(By.cssSelector(".flash-ok"))).contains("Job #" + waitingJob + " queued at position 1");
    awaitText(By.id("waiting"), "GPU 0 utilization 85 % ≥ 80 %");
    awaitText(By.cssSelector("#waiting .code"), "RESOURCES");
    assertThat(textOf(By.id("estimate"))).matches("(starts ≈ \\d\\d:\\d\\d \\((in .+|now)\\)|no estimate: .+)");
    browser.screenshot("job-queued");
    browser.driver.close();

    browser.driver.switchTo().window(queueTab);
    By row = By.cssSelector("#queued tr[data-job='" + waitingJob + "']");
    await(row);
    awaitText(row, "GPU 0 utilization 85 % ≥ 80 %");
    awaitText(By.cssSelector("#queued tr[data-job='" + waitingJob + "'] .why .code"), "RESOURCES");
    // Re-found on each try: a live update may replace the row between finding and reading it.
    awaitText(row, "browser job");
    awaitText(row, "alice");
    assertThat(stillMarked()).as("the queue page updated without a reload").isTrue();
    browser.screenshot("queue");
  }

  @Test
  @Order(3)
  void aQueuedJobIsCancelledAfterConfirmation() {
    String id = berth.http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":1,\"name\":\"second thoughts\"}");
    open("/jobs/" + id + "/cancel");
    await(By.id("confirm-cancel"));
    browser.screenshot("cancel-confirm");

    open("/jobs/" + id);
    // A live update may replace the button between finding and clicking it: find and click at once.
    browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      d.findElement(By.id("cancel")).click();
      return true;
    });
    browser.waiting().until(ExpectedConditions.alertIsPresent());
    assertThat(browser.driver.switchTo().alert().getText()).contains("Cancel job #" + id);
    browser.driver.switchTo().alert().accept();
    awaitText(By.id("job-state"), "CANCELLED");
    assertThat(textOf(By.cssSelector(".flash-ok"))).contains("Job #" + id + " cancelled.");
    assertThat(browser.driver.findElements(By.id("cancel"))).isEmpty();
    assertThat(berth.services().jobs().get(id).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  @Order(4)
  void theResourcesPageShowsTheBusyGpuAndWhy() {
    open("/resources");
    // Each check reads the element afresh: the page's live refresh may replace it in between.
    By gpu0 = By.cssSelector("li.gpu[data-gpu='0']");
    awaitText(gpu0, "utilization 85 % ≥ 80 %");
    awaitText(gpu0, "4000 / 10240 MiB used");
    awaitText(gpu0, "not eligible");
    browser.screenshot("resources");
  }

  @Test
  @Order(5)
  void raisingAThresholdOnTheAdminPageStartsTheBlockedJob() {
    assertThat(waitingJob).as("the job queued by the form").isNotNull();
    open("/jobs/" + waitingJob);
    awaitLive();
    mark();
    String jobTab = browser.driver.getWindowHandle();

    browser.driver.switchTo().newWindow(WindowType.TAB);
    open("/admin/settings");
    WebElement field = await(By.id("thresholds-setting-gpuUtilizationMaxPercent"));
    field.clear();
    field.sendKeys("90");
    browser.driver.findElement(By.id("save-thresholds")).click();
    assertThat(textOf(By.cssSelector(".flash-ok"))).contains("thresholds saved (version 1)");
    awaitText(By.id("audit"), "80 → 90");
    browser.screenshot("settings");
    js("document.getElementById('audit-h').scrollIntoView();");
    browser.screenshot("settings-audit");
    browser.driver.close();

    browser.driver.switchTo().window(jobTab);
    awaitText(By.id("job-state"), "COMPLETED");
    awaitText(By.id("log"), "done");
    assertThat(textOf(By.id("log"))).contains("CUDA_VISIBLE_DEVICES=[0]");
    assertThat(stillMarked()).as("the job page followed the job live").isTrue();
    js("document.getElementById('history-h').scrollIntoView();");
    browser.screenshot("job-completed");
  }

  @Test
  @Order(6)
  void anUploadedPluginJarIsListed() throws Exception {
    Path jar = TestPluginJar.build(Files.createDirectories(tmp.resolve("build")), "lifo");
    open("/admin/plugins");
    browser.driver.findElement(By.id("jar")).sendKeys(jar.toAbsolutePath().toString());
    browser.driver.findElement(By.id("upload-button")).click();
    assertThat(textOf(By.cssSelector(".flash-ok"))).contains("Plugin lifo 1.0.0 installed: STARTED");
    assertThat(textOf(By.cssSelector("tr[data-plugin='lifo']")))
        .contains("QueueOrder", "com.example.lifo.LifoOrder", "takes effect after restart");
    browser.screenshot("plugins");
  }

  @Test
  @Order(7)
  void thePagesFitAPhoneScreen() {
    browser.size(390, 844);
    try {
      for (String page : new String[] {"/", "/submit", "/jobs/" + waitingJob, "/resources", "/admin/settings", "/admin/plugins"}) {
        open(page);
        await(By.tagName("h1"));
        Object overflow = js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow of " + page).isLessThanOrEqualTo(1);
      }
      open("/");
      browser.screenshot("queue-phone");
    } finally {
      browser.size(1200, 900);
    }
  }

  @Test
  @Order(8)
  void anArrayFromTheFormIsOneRowThatOpensAndAHeldJobIsReleasedWithItsButton() {
    open("/submit");
    chooseDemoTemplate();
    browser.driver.findElement(By.id("param-seconds")).sendKeys("30");
    browser.driver.findElement(By.id("name")).sendKeys("sweep of waits");
    browser.driver.findElement(By.id("array")).sendKeys("%1");
    browser.driver.findElement(By.id("sweep")).sendKeys("seconds=30,31,32");
    browser.driver.findElement(By.id("submit")).click();
    browser.waiting().until(ExpectedConditions.urlMatches("/arrays/[0-9]+$"));
    String url = browser.driver.getCurrentUrl();
    String arrayId = url.substring(url.lastIndexOf('/') + 1);
    assertThat(textOf(By.cssSelector(".flash-ok"))).contains("Array #" + arrayId + " queued: 3 jobs");
    assertThat(browser.driver.findElements(By.cssSelector("#array-jobs tbody tr"))).hasSize(3);
    browser.screenshot("array");

    open("/");
    By summary = By.cssSelector("tr[data-array='" + arrayId + "'] summary");
    awaitText(summary, "at most 1 running at once");
    browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      d.findElement(summary).click();
      return d.findElement(By.cssSelector("tr[data-array='" + arrayId + "'] details li")).isDisplayed();
    });
    browser.screenshot("queue-array");

    open("/submit");
    chooseDemoTemplate();
    browser.driver.findElement(By.id("name")).sendKeys("on hold");
    browser.driver.findElement(By.id("hold")).click();
    browser.driver.findElement(By.id("submit")).click();
    browser.waiting().until(ExpectedConditions.urlMatches("/jobs/[0-9]+$"));
    awaitText(By.id("job-state"), "HELD");
    String jobUrl = browser.driver.getCurrentUrl();
    String id = jobUrl.substring(jobUrl.lastIndexOf('/') + 1);
    assertThat(browser.driver.findElements(By.id("hold"))).isEmpty();
    browser.screenshot("job-held");
    // A live update may replace the button between finding and clicking it: find and click at once.
    browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
      d.findElement(By.id("release")).click();
      return true;
    });
    awaitText(By.id("job-state"), "QUEUED");
    assertThat(textOf(By.cssSelector(".flash-ok"))).contains("Job #" + id + " is released");
    await(By.id("hold"));
    berth.services().jobs().cancel(id, "test");
    berth.http.postForm("/arrays/" + arrayId + "/cancel", Map.of(), Map.of());
  }
}
