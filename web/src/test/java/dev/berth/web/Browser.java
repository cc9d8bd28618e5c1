package dev.berth.web;

import dev.berth.testkit.Await;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver: no Selenium Manager, nothing
 * downloaded, a fresh profile for each run.
 */
final class Browser implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path screenshots;

  private Browser(Path profile) {
    // Selenium Manager must never try to reach the network for a driver or a browser.
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows", "--window-size=1200,900", "--user-data-dir=" + profile);
    service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    screenshots = Path.of(System.getProperty("berth.screenshots", "target/screenshots"));
  }

  static Browser start(Path profile) {
    return new Browser(profile);
  }

  /** Whether this machine has the browser; browser tests need it (CI installs it). */
  static boolean available() {
    return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
  }

  /**
   * Waits that ride out live updates: htmx may swap an element out between finding it and reading
   * it, which Chromium reports as a stale element or as "Node with given id does not belong to the
   * document" (a plain WebDriverException). Both mean "look again"; a wait that never succeeds still
   * fails with the last of them as its cause.
   */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Await.DEFAULT_TIMEOUT, Duration.ofMillis(100));
    wait.ignoring(org.openqa.selenium.WebDriverException.class);
    return wait;
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path to = screenshots.resolve(name + ".png");
      Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
