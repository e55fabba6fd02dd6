package io.rivulet.runtime.network.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rivulet.api.JobExecutionException;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.serialization.Types;
import org.junit.jupiter.api.Test;

/** The engine alone has no DURABLE exchange (it is a plug-in): a job that needs one says which module is missing. */
class MissingDurableExchangeTest {

  @Test
  void theEngineAloneHasNoDurableExchange() {
    assertThat(DurableExchanges.find()).isEmpty();
  }

  @Test
  void aJobWithADurableEdgeFailsAtDeploymentNamingTheMissingModule() {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2).setKafkaBootstrapServers("localhost:1"); // never contacted: the deployment fails first
    CollectSink<Long> sink = new CollectSink<>();
    env.fromSequence(0, 99).keyBy(x -> x % 3, Types.LONG).durable().reduce(Long::sum).sinkTo(sink);

    Throwable failure = catchThrowable(() -> env.execute("durable without exchange"));

    CollectSink.release(sink.id());
    assertThat(failure).isInstanceOf(JobExecutionException.class);
    // the runtime refused the deployment; the job master's failure quotes its error
    assertThat(failure).rootCause().hasMessageStartingWith("deployment to task runtime embedded-")
        .hasMessageEndingWith("java.lang.IllegalStateException: job 'durable without exchange' has DURABLE edges (0),"
            + " but this process has no DURABLE exchange: put the module io.rivulet:rivulet-kafka-exchange on its"
            + " class path");
  }
}
