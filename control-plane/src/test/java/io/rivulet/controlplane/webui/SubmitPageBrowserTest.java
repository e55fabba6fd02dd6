package io.rivulet.controlplane.webui;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.rivulet.controlplane.support.Browser;
import io.rivulet.controlplane.support.TempDataDirectory;
import io.rivulet.controlplane.support.TestJars;
import io.rivulet.controlplane.testjobs.TinyJob;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The submit page in headless Chromium: a declarative spec (refused, then accepted) and a JAR uploaded and run. */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
class SubmitPageBrowserTest {
  private static final String TYPO_SPEC = """
      {"name": "ui-typo", "nodes": [
        {"id": "n", "type": "sequence-source", "params": {"from": 1, "to": 10}},
        {"id": "f", "type": "fliter", "input": "n"},
        {"id": "out", "type": "discard-sink", "input": "f"}]}""";
  private static final String GOOD_SPEC = """
      {"name": "ui-submitted", "nodes": [
        {"id": "n", "type": "sequence-source", "params": {"from": 1, "to": 1000}},
        {"id": "out", "type": "discard-sink", "input": "n"}]}""";

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

  private static String jobIdFromUrl() {
    String url = browser.driver().getCurrentUrl();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Test
  void specIsRefusedWithTheApisWordsThenSubmittedAndShown() throws Exception {
    List<String> expected = given().contentType(ContentType.JSON).body(TYPO_SPEC).post("/v1/jobs")
        .then().statusCode(400).extract().jsonPath().getList("errors", String.class);

    browser.open("submit");
    WebElement text = browser.driver().findElement(By.id("spec-text"));
    text.clear();
    text.sendKeys(TYPO_SPEC);
    browser.driver().findElement(By.id("spec-submit")).click();
    browser.waiting().withMessage("the refusal on the page")
        .until(d -> !d.findElements(By.cssSelector("#spec-result.error li")).isEmpty());
    assertThat(browser.driver().findElements(By.cssSelector("#spec-result li")))
        .extracting(WebElement::getText).containsExactlyElementsOf(expected);
    assertThat(expected.get(0)).contains("unknown type 'fliter' (did you mean 'filter'?)");
    browser.screenshot("submit-refused.png");

    text.clear();
    text.sendKeys(GOOD_SPEC);
    browser.driver().findElement(By.id("spec-submit")).click();
    browser.waiting().withMessage("the new job's page").until(d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f]+$"));
    String id = jobIdFromUrl();
    browser.awaitText(By.id("job-name"), "ui-submitted");
    browser.awaitText(By.id("job-state"), "FINISHED");
    awaitState(id, "FINISHED");

    browser.open("jobs");
    browser.awaitText(By.cssSelector("#jobs-completed tr[data-job-id='" + id + "'] a.job-link"), "ui-submitted");
    browser.assertNoScriptErrors();
  }

  @Test
  void jarIsUploadedListedAndRunWithArguments() throws Exception {
    Path jar = TestJars.build("ui-tiny.jar", TinyJob.class, TinyJob.class).toAbsolutePath();

    browser.open("submit");
    browser.driver().findElement(By.id("jar-file")).sendKeys(jar.toString());
    browser.driver().findElement(By.id("jar-upload")).click();
    browser.awaitText(By.id("upload-result"), "Uploaded ui-tiny.jar.");
    String row = "#jar-list tr";
    browser.waiting().withMessage("the uploaded JAR in the list").until(d -> d.findElements(By.cssSelector(row))
        .stream().anyMatch(r -> r.getText().contains("ui-tiny.jar") && r.getText().contains(TinyJob.class.getName())));
    WebElement mine = browser.driver().findElements(By.cssSelector("#jar-list tbody tr")).stream()
        .filter(r -> r.getText().contains("ui-tiny.jar")).findFirst().orElseThrow();
    mine.findElement(By.cssSelector("button.run-jar")).click();

    WebElement entry = browser.driver().findElement(By.id("run-entry"));
    assertThat(entry.getAttribute("value")).isEqualTo(TinyJob.class.getName());
    entry.clear();
    entry.sendKeys("no.such.Job");
    browser.driver().findElement(By.id("run-submit")).click();
    browser.waiting().withMessage("the refused run on the page")
        .until(d -> !d.findElements(By.cssSelector("#run-result.error li")).isEmpty());
    assertThat(browser.textOf(By.cssSelector("#run-result li"))).contains("no.such.Job");
    browser.screenshot("submit-jar.png");

    entry.clear();
    entry.sendKeys(TinyJob.class.getName());
    browser.driver().findElement(By.id("run-args")).sendKeys("500");
    browser.driver().findElement(By.id("run-parallelism")).sendKeys("1");
    browser.driver().findElement(By.id("run-submit")).click();
    browser.waiting().withMessage("the JAR job's page").until(d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f]+$"));
    String id = jobIdFromUrl();
    browser.awaitText(By.id("job-name"), "tiny-1");
    browser.awaitText(By.id("job-state"), "FINISHED");
    assertThat(given().get("/v1/jobs/" + id).then().extract().<List<Integer>>path("vertices.parallelism"))
        .containsOnly(1);
    assertThat(browser.driver().findElement(By.cssSelector(".job-head")).getText())
        .contains(TinyJob.class.getName() + " of an uploaded JAR");
    browser.assertNoScriptErrors();
  }
}
