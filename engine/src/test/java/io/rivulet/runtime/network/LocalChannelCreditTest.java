package io.rivulet.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.api.graph.Partitioning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The credit rules of local channels: buffers only against credit, 0->n wake-ups, floating buffers on backlog. */
class LocalChannelCreditTest {
  private final TaskWaker consumer = new TaskWaker();
  private final TaskWaker producer = new TaskWaker();

  @Test
  void producerGetsExactlyTheExclusiveBuffersAsInitialCredit() {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    LocalChannel ch = gate.addLocalChannel(producer, 2, 4);
    assertThat(ch.credit()).isEqualTo(2);
    assertThat(ch.tryTakeBuffer()).isNotNull();
    assertThat(ch.tryTakeBuffer()).isNotNull();
    assertThat(ch.credit()).isZero();
    assertThat(ch.hasCredit()).isFalse();
    assertThat(ch.tryTakeBuffer()).as("no credit, no floating buffer: nothing").isNull();
    assertThat(ch.wantsFloating).as("backlog announced").isTrue();
  }

  @Test
  void recyclingAtZeroCreditGivesCreditBackAndWakesTheProducer() {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    LocalChannel ch = gate.addLocalChannel(producer, 1, 4);
    RecordBatch b = ch.tryTakeBuffer();
    b.add("x", 1, null);
    ch.send(b);
    assertThat(ch.credit()).isZero();

    producer.prepareToPark(); // the producer is about to wait for credit
    Object polled = gate.poll();
    assertThat(polled).isSameAs(b);
    gate.recycle(b);
    assertThat(ch.credit()).isEqualTo(1);
    assertThat(producer.isWoken()).as("credit 0 -> 1 wakes the producer").isTrue();
    assertThat(b.size()).as("recycled buffers come back empty").isZero();
  }

  @Test
  void recyclingAboveZeroCreditDoesNotWakeTheProducer() {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    LocalChannel ch = gate.addLocalChannel(producer, 2, 4);
    RecordBatch b = ch.tryTakeBuffer();
    ch.send(b);
    assertThat(ch.credit()).isEqualTo(1);
    producer.prepareToPark();
    gate.recycle((RecordBatch) gate.poll());
    assertThat(ch.credit()).isEqualTo(2);
    assertThat(producer.isWoken()).as("only 0 -> n is announced").isFalse();
  }

  @Test
  void floatingBufferIsLentOnBacklogAndReturnedToTheGate() {
    InputGate gate = new InputGate(0, consumer, 1, 4);
    LocalChannel ch = gate.addLocalChannel(producer, 1, 4);
    RecordBatch exclusive = ch.tryTakeBuffer();
    RecordBatch floating = ch.tryTakeBuffer();
    assertThat(floating).as("lent from the gate's pool").isNotNull();
    assertThat(floating.floating).isTrue();
    assertThat(ch.tryTakeBuffer()).as("pool exhausted").isNull();
    ch.send(exclusive);
    ch.send(floating);
    gate.recycle((RecordBatch) gate.poll()); // exclusive: back to the channel
    assertThat(ch.credit()).isEqualTo(1);
    producer.prepareToPark();
    gate.recycle((RecordBatch) gate.poll()); // floating: to the waiting channel
    assertThat(ch.credit()).as("the waiting producer got the floating buffer").isEqualTo(2);
    assertThat(producer.isWoken()).isTrue();
  }

  @Test
  void eventsNeedNoCreditAndStayBehindTheDataSentBeforeThem() {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    LocalChannel ch = gate.addLocalChannel(producer, 1, 4);
    RecordBatch b = ch.tryTakeBuffer();
    b.add(1L, 0, null);
    ch.send(b);
    ch.sendEvent(new StreamEvent.Watermark(5));
    ch.sendEvent(StreamEvent.EndOfPartition.INSTANCE);
    assertThat(gate.poll()).isSameAs(b);
    assertThat(gate.poll()).isEqualTo(new StreamEvent.Watermark(5));
    assertThat(gate.poll()).isEqualTo(StreamEvent.EndOfPartition.INSTANCE);
    assertThat(gate.poll()).isNull();
  }

  @Test
  void blockedChannelKeepsItsItemsUntilUnblocked() {
    InputGate gate = new InputGate(0, consumer, 0, 4);
    LocalChannel a = gate.addLocalChannel(producer, 1, 4);
    LocalChannel b = gate.addLocalChannel(producer, 1, 4);
    a.sendEvent(new StreamEvent.CheckpointBarrier(1, 0));
    a.sendEvent(new StreamEvent.Watermark(7));
    b.sendEvent(new StreamEvent.Watermark(3));
    assertThat(gate.poll()).isEqualTo(new StreamEvent.CheckpointBarrier(1, 0));
    gate.block(gate.lastChannel());
    assertThat(gate.poll()).isEqualTo(new StreamEvent.Watermark(3));
    assertThat(gate.poll()).as("channel a is held back").isNull();
    gate.unblockAll();
    assertThat(gate.poll()).isEqualTo(new StreamEvent.Watermark(7));
  }

  @Test
  void writerReportsUnavailableWithoutCreditAndWaitsInsteadOfOverwriting() throws Exception {
    InputGate gate = new InputGate(0, consumer, 0, 2);
    LocalChannel ch = gate.addLocalChannel(producer, 2, 2);
    AtomicBoolean cancelled = new AtomicBoolean();
    RecordWriter writer = new RecordWriter(new OutputChannel[] {ch}, Partitioning.FORWARD, null, 128, producer,
        cancelled::get, false, 0);
    for (long i = 0; i < 4; i++) {
      writer.emit(i, 0); // two full buffers of two records: all credit used
    }
    assertThat(writer.isAvailable()).isFalse();

    AtomicLong emitted = new AtomicLong(4);
    Thread t = new Thread(() -> {
      producer.bindToCurrentThread();
      try {
        writer.emit(4L, 0); // needs a third buffer: must wait for credit
        emitted.incrementAndGet();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    t.start();
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(120)).until(() -> emitted.get() == 4);

    List<Object> received = new ArrayList<>();
    RecordBatch first = (RecordBatch) gate.poll();
    for (int i = 0; i < first.size(); i++) {
      received.add(first.value(i));
    }
    gate.recycle(first);
    t.join(120_000);
    assertThat(emitted.get()).as("credit came back, the record went out").isEqualTo(5);
    assertThat(received).containsExactly(0L, 1L);
  }

  @Test
  void boundedMemoryUnderAFastProducerAndASlowConsumer() throws Exception {
    int exclusive = 2;
    int floatingBuffers = 3;
    InputGate gate = new InputGate(0, consumer, floatingBuffers, 8);
    LocalChannel ch = gate.addLocalChannel(producer, exclusive, 8);
    AtomicBoolean cancelled = new AtomicBoolean();
    RecordWriter writer = new RecordWriter(new OutputChannel[] {ch}, Partitioning.FORWARD, null, 128, producer,
        cancelled::get, false, 0);
    long total = 20_000;
    Thread t = new Thread(() -> {
      producer.bindToCurrentThread();
      try {
        for (long i = 0; i < total; i++) {
          writer.emit(i, 0);
        }
        writer.broadcastEvent(StreamEvent.EndOfPartition.INSTANCE);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    t.start();
    consumer.bindToCurrentThread();
    long expected = 0;
    int maxQueued = 0;
    while (true) {
      maxQueued = Math.max(maxQueued, gate.queuedItems());
      Object item = gate.poll();
      if (item == null) {
        Thread.onSpinWait();
        continue;
      }
      if (item instanceof StreamEvent) {
        break;
      }
      RecordBatch b = (RecordBatch) item;
      for (int i = 0; i < b.size(); i++) {
        assertThat(b.value(i)).isEqualTo(expected++);
      }
      gate.recycle(b);
    }
    t.join();
    assertThat(expected).isEqualTo(total);
    assertThat(maxQueued).as("never more buffers in flight than credit").isLessThanOrEqualTo(exclusive + floatingBuffers + 1);
  }
}
