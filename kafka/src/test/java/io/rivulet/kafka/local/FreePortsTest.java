package io.rivulet.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void neverHandsOutAPortTwice() {
    // the kernel offers a just-released port again readily; two listeners of one broker must still differ
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      assertThat(ports.add(FreePorts.pick())).as("port handed out again after " + i).isTrue();
    }
  }
}
