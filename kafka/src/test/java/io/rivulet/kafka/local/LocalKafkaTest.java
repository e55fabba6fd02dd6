package io.rivulet.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** A broker of its own (not the shared one): start, answer, create a topic, stop and clean up. */
class LocalKafkaTest {

  @Test
  void startsAnswersAndCleansUp() throws Exception {
    Path dir;
    try (LocalKafka kafka = LocalKafka.builder().start()) {
      dir = kafka.dir();
      assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(Files.readString(dir.resolve("server.properties")))
          .contains("process.roles=broker,controller", "transaction.state.log.min.isr=1", "log.retention.ms=-1");
      kafka.createTopic("launcher-check", 3);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        TopicDescription d = admin.describeTopics(java.util.List.of("launcher-check")).allTopicNames()
            .get(60, TimeUnit.SECONDS).get("launcher-check");
        assertThat(d.partitions()).hasSize(3);
        assertThat(admin.describeCluster().nodes().get(60, TimeUnit.SECONDS)).hasSize(1);
      }
      assertThat(kafka.isAlive()).isTrue();
    }
    assertThat(dir).doesNotExist();
  }

  /** What a lost port looks like to the start-up: the broker's log names it, and a port given is not replaced. */
  @Test
  void aGivenPortThatIsTakenFailsTheStartUpWithTheBrokersReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> LocalKafka.builder().port(taken.getLocalPort()).start())
          .hasMessageContaining("another process holds one")
          .hasMessageContaining("port " + taken.getLocalPort() + " was given");
    }
  }
}
