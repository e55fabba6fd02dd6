package io.rivulet.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry the build unpacked runs on this JVM's Java and answers its system endpoint. */
@ExtendWith(LocalApicurioExtension.class)
class LocalApicurioTest {

  @Test
  void answersSystemInfo(LocalApicurio registry) throws Exception {
    HttpResponse<String> info = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(registry.apiUrl() + "/system/info")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.body()).contains("\"version\":\"3.0.9\"", "In Memory");
    assertThat(registry.apiUrl()).isEqualTo("http://127.0.0.1:" + registry.port() + "/apis/registry/v3");
  }

  /** What a lost port looks like to the start-up (Quarkus's words in the log); a port given is not replaced. */
  @Test
  void aGivenPortThatIsTakenFailsTheStartUpWithTheReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalApicurio.builder().port(taken.getLocalPort()).start())
          .hasMessageContaining("another process holds it")
          .hasMessageContaining("port " + taken.getLocalPort() + " was given");
    }
  }
}
