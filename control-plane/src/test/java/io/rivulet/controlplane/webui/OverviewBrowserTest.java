package io.rivulet.controlplane.webui;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rivulet.controlplane.support.Browser;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The overview and the task runtimes page in headless Chromium while a job runs. */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
class OverviewBrowserTest {
  private static Browser browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.startForQuarkusTest();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void overviewShowsRuntimesSlotsJobsAndThroughputThenTaskRuntimes() throws Exception {
    String id = submitSpec(JobPageBrowserTest.UNBOUNDED_SPEC.replace("ui-keyed-sequence", "ui-overview"));
    awaitState(id, "RUNNING");
    try {
      browser.open("overview");
      browser.awaitText(By.id("ov-taskmanagers"), "1");
      browser.waiting().withMessage("slots free / total").until(d -> browser.textOf(By.id("ov-slots"))
          .matches("\\d+ / 8"));
      browser.waiting().withMessage("at least one running job")
          .until(d -> Integer.parseInt(browser.textOf(By.id("ov-running"))) >= 1);
      browser.awaitText(By.cssSelector("tr[data-job-id='" + id + "'] a.job-link"), "ui-overview");
      browser.waiting().withMessage("cluster throughput above zero, drawn")
          .until(d -> browser.textOf(By.id("ov-throughput-now")).matches("[1-9][0-9,.]*")
              && !d.findElements(By.cssSelector("#ov-throughput-chart svg path.stroke")).isEmpty());

      browser.screenshot("overview.png");

      browser.driver().findElement(By.cssSelector("nav a[data-page='taskmanagers']")).click();
      browser.awaitText(By.cssSelector("#taskmanagers td.slots"), "8");
      String runtime = given().get("/v1/taskmanagers").then().extract().path("taskmanagers[0].id");
      assertThat(browser.textOf(By.cssSelector("#taskmanagers tr[data-taskmanager-id='" + runtime + "']")))
          .contains("embedded");
      browser.screenshot("taskmanagers.png");
      assertThat(browser.driver().findElement(By.cssSelector("nav a[data-page='taskmanagers']"))
          .getAttribute("aria-current")).isEqualTo("page");
      browser.assertNoScriptErrors();
    } finally {
      given().patch("/v1/jobs/" + id + "?mode=cancel");
      awaitState(id, "CANCELED");
    }
  }

  /** Polling stops while the tab is hidden and resumes when it is shown again (Page Visibility API). */
  @Test
  void pollingPausesWhileTheTabIsHidden() {
    browser.open("taskmanagers");
    browser.awaitText(By.cssSelector("#taskmanagers td.slots"), "8");
    browser.driver().executeScript("""
        window.fetches = 0;
        const realFetch = window.fetch;
        window.fetch = (...args) => { window.fetches++; return realFetch(...args); };
        """);
    browser.waiting().withMessage("polling").until(d -> fetches() >= 1);

    browser.driver().executeScript("""
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
        document.dispatchEvent(new Event('visibilitychange'));
        """);
    long whenHidden = fetches();
    // no fetch for 3.2 s (over three polling periods); each check is a round trip to chromedriver, which on a busy
    // machine can take long, so the bound leaves ample room beyond the 3.2 s (fetches while hidden never reach it)
    await().during(Duration.ofMillis(3200)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> fetches() == whenHidden);

    browser.driver().executeScript("""
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
        document.dispatchEvent(new Event('visibilitychange'));
        """);
    browser.waiting().withMessage("polling again once shown").until(d -> fetches() > whenHidden);
    browser.assertNoScriptErrors();
  }

  private static long fetches() {
    return ((Number) browser.driver().executeScript("return window.fetches;")).longValue();
  }
}
