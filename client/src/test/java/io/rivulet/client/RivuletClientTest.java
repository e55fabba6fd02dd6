package io.rivulet.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RivuletClientTest {

  /** A control plane that is not there: the message says so and where it was looked for, not "null". */
  @Test
  void anAddressWhereNothingListensIsNamedInTheError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free again once closed: nothing listens there
    }
    RivuletClient client = new RivuletClient("http://127.0.0.1:" + port);
    assertThatThrownBy(() -> client.get("v1/jobs")).isInstanceOf(RivuletClientException.class)
        .hasMessageContaining("cannot reach the control plane at http://127.0.0.1:" + port)
        .hasMessageContaining("nothing answers there")
        .hasMessageNotContaining("null");
  }
}
