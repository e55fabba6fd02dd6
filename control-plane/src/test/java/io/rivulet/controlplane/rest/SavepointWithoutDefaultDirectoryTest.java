package io.rivulet.controlplane.rest;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code rivulet.savepoints.directory} unset, a request must name its target, and is told so. */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
@TestProfile(SavepointWithoutDefaultDirectoryTest.NoDefault.class)
class SavepointWithoutDefaultDirectoryTest {
  public static final class NoDefault implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("rivulet.savepoints.directory", "");
    }
  }

  @Test
  void aMissingTargetIsRefusedNamingTheField() {
    String job = submitSpec(SavepointResourceTest.ENDLESS);
    given().contentType(ContentType.JSON).body("{}").post("/v1/jobs/" + job + "/savepoints").then().statusCode(400)
        .body("errors[0]", containsString("target-directory: missing, and no default savepoint directory is"
            + " configured (rivulet.savepoints.directory)"));
    given().contentType(ContentType.JSON).body("{\"drain\": false}").post("/v1/jobs/" + job + "/stop").then()
        .statusCode(400).body("errors[0]", containsString("targetDirectory: missing"));
    given().patch("/v1/jobs/" + job + "?mode=cancel").then().statusCode(202);
    awaitState(job, "CANCELED");
  }
}
