package io.rivulet.controlplane.webui;

import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rivulet.controlplane.support.Browser;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The job page in a real headless Chromium against the embedded control plane running a real unbounded job: from
 * the jobs list to the drawn graph, live records/s, checkpoints, a screenshot, and cancel with confirmation.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
class JobPageBrowserTest {
  /** Unbounded, rate-limited, with a keyed exchange so that records cross a task boundary and are counted. */
  static final String UNBOUNDED_SPEC = """
      {"name": "ui-keyed-sequence", "parallelism": 2, "checkpointInterval": "1s", "nodes": [
        {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "rate": 2000}},
        {"id": "check", "type": "fifo-check", "input": "src", "keyBy": "key"},
        {"id": "out", "type": "discard-sink", "input": "check"}]}
      """;

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
  void runningJobFromListToGraphRatesAndCancel() throws Exception {
    String id = submitSpec(UNBOUNDED_SPEC);
    awaitState(id, "RUNNING");

    browser.open("jobs");
    String row = "#jobs-running tr[data-job-id='" + id + "']";
    browser.awaitText(By.cssSelector(row + " td.state"), "RUNNING");
    browser.driver().findElement(By.cssSelector(row + " a.job-link")).click();

    // the graph: one box per vertex, named after its chained operators, and the keyed edge between them
    browser.waiting().withMessage("job graph with two vertices")
        .until(d -> d.findElements(By.cssSelector("svg.job-graph g.vertex")).size() == 2);
    List<String> names = browser.driver().findElements(By.cssSelector("svg.job-graph g.vertex")).stream()
        .map(v -> v.getAttribute("data-name")).toList();
    assertThat(names).containsExactly("src", "check → out");
    assertThat(browser.driver().findElements(By.cssSelector("svg.job-graph g.vertex text.title")))
        .extracting(WebElement::getText).containsExactly("src", "check → out");
    assertThat(browser.textOf(By.cssSelector("svg.job-graph .edge-label text"))).isEqualTo("HASH · DIRECT");
    browser.awaitText(By.id("job-name"), "ui-keyed-sequence");
    browser.awaitText(By.id("job-state"), "RUNNING");

    // records/s from successive polls: the keyed vertex receives what the source sends
    browser.waiting().withMessage("records in/s of the keyed vertex above zero")
        .until(d -> positive(d.findElements(By.cssSelector("#vertex-table td.rate-in"))) >= 1);
    browser.waiting().withMessage("records out/s of the source above zero")
        .until(d -> positive(d.findElements(By.cssSelector("#vertex-table td.rate-out"))) >= 1);
    assertThat(browser.textOf(By.cssSelector("svg.job-graph g.vertex[data-name='src'] text.rates")))
        .matches("out [1-9][0-9,.]* records/s");
    assertThat(browser.textOf(By.cssSelector("#vertex-table td.backpressure"))).matches("(OK|LOW|HIGH) \\d+ %");
    assertThat(browser.textOf(By.cssSelector("#vertex-table td.watermark"))).isEqualTo("—");
    browser.waiting().withMessage("a completed checkpoint on the page")
        .until(d -> !d.findElements(By.cssSelector("#checkpoints .cp-latest-id")).isEmpty());
    assertThat(browser.textOf(By.id("exceptions"))).isEqualTo("No failures.");

    browser.waiting().withMessage("a sparkline per vertex").until(d -> d.findElements(
        By.cssSelector("#vertex-table svg.spark path.stroke")).size() == 2);
    Path shot = browser.screenshot("job-page.png");
    assertThat(Files.size(shot)).isGreaterThan(10_000);

    browser.driver().findElement(By.id("cancel-job")).click();
    browser.waiting().until(d -> {
      try {
        d.switchTo().alert().accept();
        return true;
      } catch (org.openqa.selenium.NoAlertPresentException e) {
        return false;
      }
    });
    browser.awaitText(By.id("job-state"), "CANCELED");
    assertThat(browser.driver().findElement(By.id("cancel-job")).isDisplayed()).isFalse();
    awaitState(id, "CANCELED");
    browser.assertNoScriptErrors();
  }

  @Test
  void triggerSavepointButtonWritesASavepointAndShowsWhere() throws Exception {
    String id = submitSpec(UNBOUNDED_SPEC);
    // a completed checkpoint means every task runs, so the savepoint is not refused
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> io.restassured.RestAssured.given().get("/v1/jobs/" + id + "/checkpoints").then().statusCode(200)
            .extract().jsonPath().getLong("counts.completed") >= 1);

    browser.open("jobs/" + id);
    browser.awaitText(By.id("job-state"), "RUNNING");
    browser.waiting().withMessage("the savepoint button").until(d -> d.findElement(By.id("trigger-savepoint")).isDisplayed());
    browser.driver().findElement(By.id("trigger-savepoint")).click();
    browser.waiting().withMessage("the savepoint's location").until(d ->
        d.findElement(By.id("savepoint-message")).getText().startsWith("Savepoint written to "));
    String location = browser.textOf(By.id("savepoint-message")).substring("Savepoint written to ".length());
    assertThat(Path.of(location).resolve("_metadata")).exists();
    assertThat(Path.of(location).getFileName().toString()).startsWith("savepoint-" + id.substring(0, 6) + "-");
    browser.awaitText(By.cssSelector("#checkpoints .cp-latest-savepoint"), location);

    io.restassured.RestAssured.given().patch("/v1/jobs/" + id + "?mode=cancel").then().statusCode(202);
    browser.awaitText(By.id("job-state"), "CANCELED");
    assertThat(browser.driver().findElement(By.id("trigger-savepoint")).isDisplayed()).isFalse();
    awaitState(id, "CANCELED");
    browser.assertNoScriptErrors();
  }

  @Test
  void failedJobShowsRootCauseAndHistoryWithCollapsibleTraces() throws Exception {
    long overflowsWhenDoubled = 4611686018427387905L; // 2^62 + 1
    String id = submitSpec("""
        {"name": "ui-overflow", "restartStrategy": {"type": "fixed-delay", "attempts": 1, "delay": "10ms"},
         "nodes": [
          {"id": "n", "type": "sequence-source", "params": {"from": %d, "to": %d}},
          {"id": "double", "type": "map", "input": "n", "params": {"function": "multiply", "by": 2}},
          {"id": "out", "type": "discard-sink", "input": "double"}]}
        """.formatted(overflowsWhenDoubled - 10, overflowsWhenDoubled));
    awaitState(id, "FAILED");

    browser.open("jobs/" + id);
    browser.awaitText(By.id("job-state"), "FAILED");
    browser.waiting().withMessage("two failures in the history")
        .until(d -> d.findElements(By.cssSelector("#exceptions details.exception")).size() == 2);
    assertThat(browser.textOf(By.cssSelector("#exceptions .root-cause")))
        .startsWith("java.lang.ArithmeticException: long overflow");
    List<WebElement> traces = browser.driver().findElements(By.cssSelector("#exceptions details.exception"));
    assertThat(traces).allMatch(t -> t.getAttribute("open") == null);
    assertThat(browser.driver().findElement(By.id("cancel-job")).isDisplayed()).isFalse();

    traces.get(0).findElement(By.tagName("summary")).click();
    WebElement trace = traces.get(0).findElement(By.cssSelector("pre.trace"));
    browser.waiting().until(d -> trace.isDisplayed());
    assertThat(trace.getText()).contains("java.lang.ArithmeticException").contains("at ");
    // the next refreshes keep what the reader opened
    String updated = browser.textOf(By.id("status"));
    browser.waiting().until(d -> !updated.equals(browser.textOf(By.id("status"))));
    assertThat(browser.driver().findElements(By.cssSelector("#exceptions details.exception")).get(0)
        .getAttribute("open")).isNotNull();
    browser.screenshot("job-failed.png");
    browser.assertNoScriptErrors();
  }

  /** How many of the cells show a rate above zero (cells carry the number in data-value). */
  static long positive(List<WebElement> cells) {
    return cells.stream().map(c -> c.getAttribute("data-value"))
        .filter(v -> v != null && !v.isEmpty() && Double.parseDouble(v) > 0).count();
  }
}
