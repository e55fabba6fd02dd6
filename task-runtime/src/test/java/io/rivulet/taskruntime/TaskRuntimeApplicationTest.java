package io.rivulet.taskruntime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rivulet.proto.control.RegisterRequest;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The packaged application: boots, registers with the control plane, heartbeats and becomes ready. */
@QuarkusTest
@QuarkusTestResource(value = FakeControlPlaneResource.class, restrictToAnnotatedClass = true)
class TaskRuntimeApplicationTest {
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(120);

  /** Injected by {@link FakeControlPlaneResource}. */
  FakeControlPlane controlPlane;

  @Test
  void registersHeartbeatsAndIsReady() {
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.registrationsOf("quarkus-runtime") >= 1);
    RegisterRequest registration = controlPlane.registrations.stream()
        .filter(r -> r.getRuntimeId().equals("quarkus-runtime")).findFirst().orElseThrow();
    assertThat(registration.getSlots()).isEqualTo(3);
    assertThat(registration.getHost()).isEqualTo("127.0.0.1");
    assertThat(registration.getControlPort()).isPositive();
    assertThat(registration.getDataPort()).isPositive().isNotEqualTo(registration.getControlPort());
    // the configured test port, not a literal: the suite can run on another one (-Dquarkus.http.test-port=...)
    int httpPort = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    assertThat(registration.getHttpUrl()).isEqualTo("http://127.0.0.1:" + httpPort);
    long before = controlPlane.heartbeatsOf("quarkus-runtime");
    await().atMost(LONG_ENOUGH).until(() -> controlPlane.heartbeatsOf("quarkus-runtime") >= before + 3);

    await().atMost(LONG_ENOUGH).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    given().get("/v1/runtime").then().statusCode(200)
        .body("id", equalTo("quarkus-runtime"))
        .body("slots", equalTo(3))
        .body("registered", equalTo(true))
        .body("controlPort", equalTo(registration.getControlPort()))
        .body("dataPort", equalTo(registration.getDataPort()))
        .body("tasks.size()", equalTo(0));
    given().get("/q/metrics").then().statusCode(200)
        .body(containsString("rivulet_runtime_registered 1.0"))
        .body(containsString("rivulet_runtime_slots 3.0"));
    given().get("/q/health/live").then().statusCode(200)
        .body("checks.find { it.name == 'task-runtime' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'task-runtime' }.data.loops", equalTo("alive"));
  }

  @Test
  void notReadyWhileTheControlPlaneDoesNotAcceptIt() {
    await().atMost(LONG_ENOUGH).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    controlPlane.accept = false;
    controlPlane.forgetAll(); // as after a control-plane restart: the next heartbeat is answered known=false
    try {
      await().atMost(LONG_ENOUGH).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
          .body("checks[0].name", equalTo("control-plane registration")));
      int refusedSoFar = controlPlane.refused.size();
      await().atMost(LONG_ENOUGH).until(() -> controlPlane.refused.size() > refusedSoFar);
      given().get("/v1/runtime").then().body("registered", equalTo(false));
    } finally {
      controlPlane.accept = true;
    }
    await().atMost(LONG_ENOUGH).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    assertThat(controlPlane.registrationsOf("quarkus-runtime")).isGreaterThan(1);
    given().get("/v1/runtime").then().body("registered", equalTo(true)).body("slots", greaterThan(0));
  }
}
