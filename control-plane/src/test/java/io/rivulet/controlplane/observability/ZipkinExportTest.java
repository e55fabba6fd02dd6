package io.rivulet.controlplane.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code rivulet.traces.zipkin-endpoint} set at run time, spans go to Zipkin and nothing is exported over
 * OTLP (the build is the same one that exports OTLP by default).
 */
@QuarkusTest
@TestProfile(ZipkinExportTest.WithZipkin.class)
class ZipkinExportTest {
  /** Injected by {@link FakeZipkin}. */
  FakeZipkin zipkin;

  public static class WithZipkin implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(FakeZipkin.class), new TestResourceEntry(TempDataDirectory.class));
    }
  }

  @Test
  void requestSpansReachZipkinAndNoneLeaveOverOtlp() {
    given().get("/v1/overview").then().statusCode(200);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(zipkin.posts)
        .as("posts to Zipkin (OTLP connections: %d)", zipkin.otlpConnections.get())
        .anyMatch(p -> p.toLowerCase().contains("/v1/overview")));
    String body = zipkin.posts.stream().filter(p -> p.toLowerCase().contains("/v1/overview")).findFirst().orElseThrow();
    assertThat(body).as("Zipkin v2 JSON with the service's name").contains("\"traceId\"")
        .contains("rivulet-control-plane");
    // a quiet half second proves nothing went out over OTLP; the bound only leaves a busy machine room to poll
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> zipkin.otlpConnections.get() == 0);
  }
}
