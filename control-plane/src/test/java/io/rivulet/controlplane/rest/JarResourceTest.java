package io.rivulet.controlplane.rest;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.assertHealthy;
import static io.rivulet.controlplane.support.Api.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.controlplane.support.TestJars;
import io.rivulet.controlplane.testjobs.NeverReturnsJob;
import io.rivulet.controlplane.testjobs.NoExecuteJob;
import io.rivulet.controlplane.testjobs.NoSinkJob;
import io.rivulet.controlplane.testjobs.TinyJob;
import io.rivulet.runtime.serialization.SerializedCopy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.example.gadgets.Gadget;
import org.example.jobs.Tripler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upload, list, run and delete real JARs built from test classes; the jobs run on the embedded engine. */
@QuarkusTest
class JarResourceTest {
  private static Path tinyJar;
  private static Path noManifestJar;
  private static Path badJobsJar;

  @BeforeAll
  static void buildJars() throws Exception {
    tinyJar = TestJars.build("tiny.jar", TinyJob.class, TinyJob.class);
    noManifestJar = TestJars.build("no-main.jar", null, TinyJob.class);
    badJobsJar = TestJars.build("bad-jobs.jar", null, NoSinkJob.class, NoExecuteJob.class, NeverReturnsJob.class);
  }

  /**
   * A main that neither hands over a job nor lets itself be interrupted: the request fails after the main timeout
   * (10 s in tests), the thread that ran it is gone, and no job record is left behind.
   */
  @Test
  void aMainThatTimesOutLeavesNoThreadAndNoJobBehind() {
    String bad = upload(badJobsJar);
    int jobsBefore = given().get("/v1/jobs").then().extract().path("jobs.size()");
    given().contentType(ContentType.JSON).body(Map.of("entryClass", NeverReturnsJob.class.getName()))
        .post("/v1/jars/" + bad + "/run").then().statusCode(400)
        .body("errors[0]", containsString("did not hand over a job within"));
    String name = "rivulet-main " + NeverReturnsJob.class.getName();
    await().atMost(java.time.Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().equals(name) && t.isAlive()));
    given().get("/v1/jobs").then().body("jobs.size()", equalTo(jobsBefore));
  }

  static String upload(Path jar) {
    return given().multiPart("jarfile", jar.toFile(), "application/java-archive").post("/v1/jars/upload")
        .then().statusCode(200).body("status", equalTo("success"))
        .body("filename", endsWith("_" + jar.getFileName()))
        .extract().<String>path("filename").replaceFirst(".*/", "");
  }

  static String run(String jarId, Object body) {
    return given().contentType(ContentType.JSON).body(body).post("/v1/jars/" + jarId + "/run")
        .then().statusCode(200).extract().path("jobid");
  }

  @Test
  void uploadedJarIsListedWithItsEntryClassRunsAndFinishes() {
    String jarId = upload(tinyJar);
    JsonPath list = given().get("/v1/jars").then().statusCode(200).extract().jsonPath();
    assertThat(list.getString("address")).startsWith("http://");
    Map<String, Object> file = list.getList("files", Map.class).stream()
        .filter(f -> jarId.equals(f.get("id"))).findFirst().orElseThrow();
    assertThat(file).containsEntry("name", "tiny.jar");
    assertThat(list.getString("files.find { it.id == '" + jarId + "' }.entry[0].name")).isEqualTo(TinyJob.class.getName());

    String jobId = run(jarId, Map.of("programArgsList", java.util.List.of("250"), "parallelism", 2));
    awaitState(jobId, "FINISHED");
    JsonPath job = given().get("/v1/jobs/" + jobId).then().extract().jsonPath();
    assertThat(job.getString("name")).isEqualTo("tiny-1");
    assertThat(job.getString("origin.kind")).isEqualTo("jar");
    assertThat(job.getString("origin.jarId")).isEqualTo(jarId);
    assertThat(job.getString("origin.entryClass")).isEqualTo(TinyJob.class.getName());
    // parallelism 2 from the request reached the job: both vertices run 2 subtasks; the map read all 250
    assertThat(job.getList("vertices.parallelism")).containsExactly(2, 2);
    assertThat(job.getLong("vertices[1].metrics.read-records")).isEqualTo(250);
  }

  @Test
  void everyRunGetsItsOwnClassLoaderSoJobClassesDoNotLeak() {
    String jarId = upload(tinyJar);
    String first = run(jarId, "{}");
    String second = run(jarId, "{\"programArgs\": \"20\"}");
    awaitState(first, "FINISHED");
    awaitState(second, "FINISHED");
    // TinyJob counts its runs in a static field: a shared class would name the second job tiny-2
    given().get("/v1/jobs/" + first).then().body("name", equalTo("tiny-1"));
    given().get("/v1/jobs/" + second).then().body("name", equalTo("tiny-1"))
        .body("vertices[1].metrics.read-records", equalTo(20));
  }

  @Test
  void flinkStyleQueryParametersWork() {
    String jarId = upload(noManifestJar);
    String jobId = given().queryParam("entry-class", TinyJob.class.getName()).queryParam("parallelism", "3")
        .queryParam("programArg", "30").post("/v1/jars/" + jarId + "/run").then().statusCode(200)
        .extract().path("jobid");
    awaitState(jobId, "FINISHED");
    given().get("/v1/jobs/" + jobId).then().body("vertices[1].parallelism", equalTo(3))
        .body("vertices[1].metrics.read-records", equalTo(30));
  }

  @Test
  void aGraphIsReadWithTheClassesOfItsJarAndNothingElseOutsideTheGraphModel() throws Exception {
    String withTripler = upload(TestJars.build("tripler.jar", null, Tripler.class));
    String withoutTripler = upload(tinyJar);
    byte[] graph = SerializedCopy.serialize(graph(new Tripler()));

    String jobId = given().contentType(ContentType.BINARY).body(graph).post("/v1/jars/" + withTripler + "/graph")
        .then().statusCode(200).extract().path("jobid");
    awaitState(jobId, "FINISHED");
    given().get("/v1/jobs/" + jobId).then().body("vertices[1].metrics.read-records", equalTo(10));

    // the same class, found on the control plane's class path instead of in the JAR, is not the job's
    given().contentType(ContentType.BINARY).body(graph).post("/v1/jars/" + withoutTripler + "/graph").then()
        .statusCode(400).body("errors[0]", containsString("cannot read the job graph with the classes of jar '"
            + withoutTripler + "': the job graph names class org.example.jobs.Tripler, which a job graph may not hold"));

    Gadget gadget = new Gadget();
    byte[] withGadget = SerializedCopy.serialize(graph(x -> gadget.applyAsLong(x)));
    given().contentType(ContentType.BINARY).body(withGadget).post("/v1/jars/" + withTripler + "/graph").then()
        .statusCode(400).body("errors[0]", containsString(
            "the job graph names class org.example.gadgets.Gadget, which a job graph may not hold"));
  }

  /** Ten numbers through {@code function} on a vertex of its own, into a discarding sink. */
  private static JobGraph graph(MapFunction<Long, Long> function) {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.fromSequence(0, 9).rebalance().map(function, Types.LONG).sinkTo(new DiscardingSink<>());
    return env.jobGraph("graph-of-a-jar");
  }

  @Test
  void badRunRequestsAreRefusedWithTheirReason() {
    String tiny = upload(noManifestJar);
    String bad = upload(badJobsJar);
    given().contentType(ContentType.JSON).body("{}").post("/v1/jars/" + tiny + "/run").then().statusCode(400)
        .body("errors[0]", containsString("has no Main-Class in its manifest"));
    given().contentType(ContentType.JSON).body("{\"entryClass\": \"com.example.Missing\"}")
        .post("/v1/jars/" + tiny + "/run").then().statusCode(400)
        .body("errors[0]", equalTo("entry class 'com.example.Missing' not found in jar '" + tiny + "'"));
    given().contentType(ContentType.JSON).body(Map.of("entryClass", NoSinkJob.class.getName()))
        .post("/v1/jars/" + bad + "/run").then().statusCode(400)
        .body("errors[0]", containsString("is invalid: job 'no-sink' has no sink"));
    given().contentType(ContentType.JSON).body(Map.of("entryClass", NoExecuteJob.class.getName()))
        .post("/v1/jars/" + bad + "/run").then().statusCode(400)
        .body("errors[0]", containsString("returned without calling env.execute"));
    given().contentType(ContentType.JSON).body(Map.of("entryClass", TinyJob.class.getName(), "parallelism", 0))
        .post("/v1/jars/" + tiny + "/run").then().statusCode(400)
        .body("errors[0]", equalTo("parallelism must be at least 1, was 0"));
    given().queryParam("parallelism", "-2").queryParam("entry-class", TinyJob.class.getName())
        .post("/v1/jars/" + tiny + "/run").then().statusCode(400)
        .body("errors[0]", equalTo("parallelism must be at least 1, was -2"));
    given().contentType(ContentType.JSON).body("{\"entryClass\": ").post("/v1/jars/" + tiny + "/run").then()
        .statusCode(400).body("errors[0]", containsString("malformed JSON"));
    given().contentType(ContentType.JSON).body("{\"entryClas\": \"x\"}").post("/v1/jars/" + tiny + "/run").then()
        .statusCode(400).body("errors[0]", containsString("entryClas: unknown field"));
    given().contentType(ContentType.JSON).body("{}").post("/v1/jars/00000000-0000-0000-0000-000000000000_x.jar/run")
        .then().statusCode(404).body("errors[0]", containsString("not found"));
    given().contentType(ContentType.JSON).body("{}").post("/v1/jars/..%2F..%2Fetc%2Fpasswd/run").then().statusCode(404);
    assertHealthy();
    awaitState(run(tiny, Map.of("entryClass", TinyJob.class.getName())), "FINISHED");
  }

  @Test
  void notAJarIsRefusedWithTheProblem() throws Exception {
    Path text = TestJars.file("notes.jar", "just some text".getBytes(StandardCharsets.UTF_8));
    given().multiPart("jarfile", text.toFile()).post("/v1/jars/upload").then().statusCode(400)
        .body("errors[0]", containsString("'notes.jar' is not a JAR: it does not start with the ZIP signature"));
    Path empty = TestJars.file("empty.jar", new byte[0]);
    given().multiPart("jarfile", empty.toFile()).post("/v1/jars/upload").then().statusCode(400)
        .body("errors[0]", containsString("the file is empty"));
    Path truncated = TestJars.file("truncated.jar", java.util.Arrays.copyOf(
        java.nio.file.Files.readAllBytes(tinyJar), 40));
    given().multiPart("jarfile", truncated.toFile()).post("/v1/jars/upload").then().statusCode(400)
        .body("errors[0]", containsString("'truncated.jar' is not a readable JAR"));
    given().multiPart("other", tinyJar.toFile()).post("/v1/jars/upload").then().statusCode(400)
        .body("errors[0]", containsString("multipart field 'jarfile' is missing"));
    assertHealthy();
    upload(tinyJar);
  }

  @Test
  void uploadOverTheSizeLimitIs413() throws Exception {
    Path big = TestJars.padded("big.jar", TinyJob.class, 300 * 1024); // the test limit is 256K
    given().multiPart("jarfile", big.toFile()).post("/v1/jars/upload").then().statusCode(413)
        .contentType(ContentType.JSON)
        .body("errors[0]", containsString("above the limit of 262144 bytes (rivulet.jars.max-size)"));
    given().get("/v1/jars").then().body("files.name", not(hasItem("big.jar")));
    assertHealthy();
    upload(tinyJar);
  }

  @Test
  void deletedJarIsGone() {
    String jarId = upload(tinyJar);
    given().delete("/v1/jars/" + jarId).then().statusCode(200);
    given().get("/v1/jars").then().body("files.id", not(hasItem(jarId)));
    given().delete("/v1/jars/" + jarId).then().statusCode(404).body("errors[0]", containsString(jarId));
    given().contentType(ContentType.JSON).body("{}").post("/v1/jars/" + jarId + "/run").then().statusCode(404);
  }
}
