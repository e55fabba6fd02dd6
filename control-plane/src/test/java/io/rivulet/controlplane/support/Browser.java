package io.rivulet.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.eclipse.microprofile.config.ConfigProvider;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium, with a fresh
 * profile. Missing Chromium fails the test (never skips it): {@code .ci/run} installs it with apt.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Upper bound of every wait on the page; the UI polls every 1.5 s. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Selenium warns that it has no DevTools binding for this Chromium's version; the tests use WebDriver only. Held
   * here so that the level sticks (java.util.logging keeps loggers weakly).
   */
  private static final java.util.logging.Logger CDP_VERSION_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_VERSION_LOG.setLevel(Level.SEVERE);
  }

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final String baseUrl;

  private Browser(ChromeDriverService service, ChromeDriver driver, Path profile, String baseUrl) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.baseUrl = baseUrl;
  }

  /** Starts Chromium for the UI of the control plane that the running {@code @QuarkusTest} started. */
  public static Browser startForQuarkusTest() throws IOException {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    return start("http://localhost:" + port + "/");
  }

  /** Starts Chromium for the UI at {@code baseUrl} (the control plane's root, ending in '/'). */
  public static Browser start(String baseUrl) throws IOException {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        fail(p + " is missing: the Web UI tests need Debian's chromium and chromium-driver"
            + " (apt-get update && apt-get install -y chromium chromium-driver; .ci/run does this)");
      }
    }
    Path profile = Files.createTempDirectory("rivulet-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-dev-shm-usage", "--window-size=1400,1300",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    return new Browser(service, driver, profile, baseUrl);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a page of the UI by its hash route, e.g. {@code "jobs"}. */
  public void open(String route) {
    driver.get(baseUrl + "#/" + route);
  }

  public WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  /** Waits until the element's text is exactly {@code text}; returns the element. */
  public WebElement awaitText(By by, String text) {
    waiting().withMessage(() -> by + " never read '" + text + "' (last: '" + textOf(by) + "')")
        .until(d -> text.equals(textOf(by)));
    return driver.findElement(by);
  }

  /** The element's text, or null while it is not there. */
  public String textOf(By by) {
    List<WebElement> found = driver.findElements(by);
    return found.isEmpty() ? null : found.get(0).getText();
  }

  /** Writes a PNG of the window to {@code target/screenshots/<name>}; returns its path. */
  public Path screenshot(String name) throws IOException {
    Path out = Path.of("target", "screenshots", name);
    Files.createDirectories(out.getParent());
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  /** No uncaught script error reached the console (network errors of refused requests are expected). */
  public void assertNoScriptErrors() {
    List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Uncaught") || m.contains("Error:") && !m.contains("Failed to load resource"))
        .toList();
    assertThat(errors).as("script errors in the browser console").isEmpty();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      TempDataDirectory.deleteRecursively(profile);
    }
  }
}
