package io.rivulet.runtime.network.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.serialization.Types;
import io.rivulet.proto.data.DataFrame;
import io.rivulet.runtime.network.FloatingBufferPool;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.RecordCodec;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.network.RemoteInputChannel;
import io.rivulet.runtime.network.RemoteOutputChannel;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.TaskWaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC adapter on gRPC's in-process transport: which frames cross, that data waits for credit, and that
 * returning buffers unblocks the sender.
 */
class GrpcDataExchangeTest {
  private static final ChannelKey KEY = new ChannelKey("job", 0, 7, 0, 0);
  private final List<DataFrame> sent = new CopyOnWriteArrayList<>();
  private final List<DataFrame> received = new CopyOnWriteArrayList<>();
  private final TaskWaker consumer = new TaskWaker();
  private final TaskWaker producer = new TaskWaker();
  private ChannelRegistry registry;
  private Server server;
  private ManagedChannel channel;
  private OutboundConnection connection;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    registry = new ChannelRegistry();
    server = InProcessServerBuilder.forName(name).addService(new DataExchangeService(registry)).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    connection = new OutboundConnection(ClientInterceptors.intercept(channel, new Recorder()), "in-process");
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private RemoteInputChannel consumerChannel(InputGate gate, int exclusive, FloatingBufferPool pool) {
    RemoteInputChannel in = new RemoteInputChannel(gate, 0, new RecordCodec(Types.LONG, 64), exclusive, pool);
    gate.addChannel(in);
    return in;
  }

  private List<DataFrame> credits() {
    return received.stream().filter(DataFrame::hasCredit).toList();
  }

  private List<DataFrame> dataBuffers() {
    return sent.stream().filter(f -> f.hasBuffer() && !f.getBuffer().getEvent()).toList();
  }

  @Test
  void initialCreditIsTheExclusiveBuffersAndNothingFlowsBeforeTheConsumerIsDeployed() {
    RemoteOutputChannel out = new RemoteOutputChannel(new RecordCodec(Types.LONG, 64), 4, 8, producer);
    connection.register(KEY, out);
    out.sendEvent(new StreamEvent.Watermark(3));
    await().atMost(Duration.ofSeconds(120)).until(() -> sent.stream().anyMatch(DataFrame::hasOpen));
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(120))
        .until(() -> sent.stream().noneMatch(DataFrame::hasBuffer));

    InputGate gate = new InputGate(0, consumer, 0, 4);
    registry.expect(KEY, consumerChannel(gate, 2, null));
    await().atMost(Duration.ofSeconds(120)).until(() -> credits().size() == 1);
    assertThat(credits().get(0).getCredit().getCredit()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(120)).until(gate::hasData);
    assertThat(gate.poll()).isEqualTo(new StreamEvent.Watermark(3));
  }

  @Test
  void dataWaitsForCreditAndReturnedBuffersUnblockTheSender() throws Exception {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    registry.expect(KEY, consumerChannel(gate, 1, null));
    // two records (17 bytes each) fill a 32-byte buffer: one network buffer per batch of two
    RemoteOutputChannel out = new RemoteOutputChannel(new RecordCodec(Types.LONG, 32), 2, 8, producer);
    connection.register(KEY, out);
    await().atMost(Duration.ofSeconds(120)).until(() -> out.credit().credit() == 1);

    RecordWriter writer = new RecordWriter(new OutputChannel[] {out}, Partitioning.FORWARD, null, 128, producer,
        () -> false, false, 0);
    for (long i = 0; i < 6; i++) {
      writer.emit(i, i * 10); // three batches of two records -> three data buffers
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> dataBuffers().size() == 1);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(120)).until(() -> dataBuffers().size() == 1);
    assertThat(out.credit().credit()).as("zero credit: the other two wait at the sender").isZero();
    assertThat(out.credit().backlog()).isEqualTo(2);
    assertThat(sent.stream().filter(DataFrame::hasBacklog).findFirst()).as("zero credit: backlog announced")
        .hasValueSatisfying(f -> assertThat(f.getBacklog().getBacklog()).isPositive());

    List<Long> values = new ArrayList<>();
    List<Long> timestamps = new ArrayList<>();
    for (int expectedCredits = 2; expectedCredits <= 4; expectedCredits++) {
      await().atMost(Duration.ofSeconds(120)).until(gate::hasData);
      RecordBatch b = (RecordBatch) gate.poll();
      for (int i = 0; i < b.size(); i++) {
        values.add((Long) b.value(i));
        timestamps.add(b.timestamp(i));
      }
      gate.recycle(b);
      int credits = expectedCredits;
      await().atMost(Duration.ofSeconds(120)).until(() -> credits().size() == credits);
      assertThat(credits().get(credits - 1).getCredit().getCredit()).as("one buffer back, one credit").isEqualTo(1);
    }
    assertThat(values).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(timestamps).containsExactly(0L, 10L, 20L, 30L, 40L, 50L);
    assertThat(dataBuffers()).hasSize(3);
  }

  @Test
  void senderReportsNoCapacityWhenItsOwnQueueIsFull() throws Exception {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    registry.expect(KEY, consumerChannel(gate, 1, null));
    RemoteOutputChannel out = new RemoteOutputChannel(new RecordCodec(Types.LONG, 16), 1, 2, producer);
    connection.register(KEY, out);
    await().atMost(Duration.ofSeconds(120)).until(() -> out.credit().credit() == 1);
    RecordWriter writer = new RecordWriter(new OutputChannel[] {out}, Partitioning.FORWARD, null, 128, producer,
        () -> false, false, 0);
    writer.emit(1L, 0); // shipped against the only credit
    writer.emit(2L, 0); // queued
    writer.emit(3L, 0); // queued: the sender's queue holds 2 = its bound
    await().atMost(Duration.ofSeconds(120)).until(() -> dataBuffers().size() == 1);
    assertThat(writer.isAvailable()).as("bounded at the sender too").isFalse();
    gate.recycle((RecordBatch) gate.poll());
    await().atMost(Duration.ofSeconds(120)).until(writer::isAvailable);
  }

  @Test
  void floatingBuffersFollowTheBacklog() throws Exception {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    FloatingBufferPool pool = new FloatingBufferPool(2);
    RemoteInputChannel in = consumerChannel(gate, 1, pool);
    registry.expect(KEY, in);
    RemoteOutputChannel out = new RemoteOutputChannel(new RecordCodec(Types.LONG, 16), 1, 8, producer);
    connection.register(KEY, out);
    await().atMost(Duration.ofSeconds(120)).until(() -> out.credit().credit() == 1);
    RecordWriter writer = new RecordWriter(new OutputChannel[] {out}, Partitioning.FORWARD, null, 128, producer,
        () -> false, false, 0);
    for (long i = 0; i < 4; i++) {
      writer.emit(i, 0);
    }
    // the first buffer went against the only credit; the other three wait, and the sender, at zero credit,
    // announces its backlog; the receiver lends both floating buffers
    await().atMost(Duration.ofSeconds(120)).until(() -> dataBuffers().size() == 3);
    assertThat(sent.stream().filter(DataFrame::hasBacklog).toList()).isNotEmpty();
    assertThat(in.credit().floatingHeld()).isEqualTo(2);
    assertThat(pool.available()).isZero();
    assertThat(credits().get(0).getCredit().getCredit()).as("initial credit").isEqualTo(1);
    assertThat(credits().stream().mapToInt(f -> f.getCredit().getCredit()).sum())
        .as("1 exclusive + 2 floating, never more").isEqualTo(3);
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(120)).until(() -> dataBuffers().size() == 3);
  }

  @Test
  void buffersInFlightForAReleasedAttemptAreDroppedAndTheStreamServesTheOthers() throws Exception {
    ChannelKey next = new ChannelKey("job", 1, 7, 0, 0);
    InputGate oldGate = new InputGate(0, consumer, 0, 4);
    InputGate newGate = new InputGate(0, consumer, 0, 4);
    registry.expect(KEY, consumerChannel(oldGate, 1, null));
    registry.expect(next, consumerChannel(newGate, 1, null));
    RemoteOutputChannel oldOut = new RemoteOutputChannel(new RecordCodec(Types.LONG, 64), 2, 8, producer);
    RemoteOutputChannel newOut = new RemoteOutputChannel(new RecordCodec(Types.LONG, 64), 2, 8, producer);
    connection.register(KEY, oldOut);
    connection.register(next, newOut);
    await().atMost(Duration.ofSeconds(120)).until(() -> oldOut.credit().credit() == 1 && newOut.credit().credit() == 1);
    assertThat(registry.bound()).isEqualTo(2);

    registry.removeAttempt("job", 0); // the receiver is done with attempt 0; the sender does not know yet
    assertThat(registry.bound()).isEqualTo(1);
    RecordWriter oldWriter = new RecordWriter(new OutputChannel[] {oldOut}, Partitioning.FORWARD, null, 128, producer,
        () -> false, false, 0);
    RecordWriter newWriter = new RecordWriter(new OutputChannel[] {newOut}, Partitioning.FORWARD, null, 128, producer,
        () -> false, false, 0);
    oldWriter.emit(1L, 0);
    oldWriter.flush();
    newWriter.emit(2L, 0);
    newWriter.flush();
    // same stream, in order: once the new attempt's buffer arrived, the old one was handled (dropped) before it
    await().atMost(Duration.ofSeconds(120)).until(newGate::hasData);
    assertThat(((RecordBatch) newGate.poll()).value(0)).isEqualTo(2L);
    assertThat(oldGate.hasData()).as("nothing routed to the released channel").isFalse();
    assertThat(connection.isFailed()).as("the shared stream survived").isFalse();

    connection.removeAttempt("job", 0);
    assertThat(connection.channelCount()).isEqualTo(1);
  }

  /** Records the frames the client sends and receives, as the protobuf messages of data.proto. */
  private final class Recorder implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void sendMessage(Q message) {
          sent.add(((Frame) message).toDataFrame()); // as protobuf, at the time it is sent
          super.sendMessage(message);
        }

        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
            @Override
            public void onMessage(R message) {
              received.add(((Frame) message).toDataFrame());
              super.onMessage(message);
            }
          }, headers);
        }
      };
    }
  }
}
