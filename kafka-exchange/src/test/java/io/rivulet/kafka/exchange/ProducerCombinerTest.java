package io.rivulet.kafka.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.runtime.network.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the consumer-side logic record by record, as the reader would: two producers, two partitions, a log per
 * partition that the test appends to and reads like Kafka (including the reads again after a seek back).
 */
class ProducerCombinerTest {
  private static final int ATTEMPT = 1;
  private final List<String> out = new ArrayList<>();
  private final List<List<byte[]>> logs = List.of(new ArrayList<>(), new ArrayList<>());
  private final long[] readPos = new long[2];
  private ProducerCombiner combiner;
  private DurablePosition lastPosition;

  @BeforeEach
  void setUp() {
    combiner = newCombiner();
  }

  private ProducerCombiner newCombiner() {
    ProducerCombiner c = new ProducerCombiner(new int[] {0, 1}, 2, ATTEMPT);
    c.setActions(new ProducerCombiner.Actions() {
      @Override
      public void event(StreamEvent event) {
        out.add(event.toString());
      }

      @Override
      public void barrier(long id, long timestamp, DurablePosition position) {
        out.add("barrier " + id);
        lastPosition = position;
      }

      @Override
      public void seek(int p, long offset) {
        readPos[p] = offset;
      }
    });
    return c;
  }

  private void write(int partition, EnvelopeKind kind, int producer, long ts, long id) {
    write(partition, kind, producer, ATTEMPT, ts, id);
  }

  private void write(int partition, EnvelopeKind kind, int producer, int attempt, long ts, long id) {
    byte[] payload = kind == EnvelopeKind.RECORD ? ("p" + producer + ":" + ts).getBytes() : new byte[0];
    logs.get(partition).add(EnvelopeCodec.encode(kind, producer, attempt, ts, id, payload, 0, payload.length));
  }

  private void record(int partition, int producer, long value) {
    write(partition, EnvelopeKind.RECORD, producer, value, 0);
  }

  /** A batch of records of one producer in one Kafka record ({@link EnvelopeKind#RECORDS}), as the producer writes. */
  private void batch(int partition, int producer, int attempt, long... values) {
    io.rivulet.api.serialization.DataOutputSerializer body = new io.rivulet.api.serialization.DataOutputSerializer(64);
    for (long v : values) {
      byte[] r = ("p" + producer + ":" + v).getBytes();
      EnvelopeCodec.appendRecord(body, v, r, 0, r.length);
    }
    logs.get(partition).add(EnvelopeCodec.encode(EnvelopeKind.RECORDS, producer, attempt, Long.MIN_VALUE, 0,
        body.buffer(), 0, body.length()));
  }

  /** A latency marker from producer subtask {@code producer}, emitted at {@code emitTime}, on one partition. */
  private String latency(int partition, int producer, int attempt, long emitTime) {
    StreamEvent.LatencyMarker m = new StreamEvent.LatencyMarker(emitTime, 9, producer, "LOCAL");
    logs.get(partition).add(EnvelopeCodec.latency(producer, attempt, m));
    return m.toString();
  }

  /** Reads everything available on partition p (seeks back are followed at once, as the reader does next poll). */
  private void read(int p) throws Exception {
    while (readPos[p] < logs.get(p).size()) {
      long offset = readPos[p]++;
      Envelope e = EnvelopeCodec.decode(logs.get(p).get((int) offset), new Envelope());
      if (combiner.accept(p, offset, e)) {
        if (e.kind() == EnvelopeKind.RECORDS) {
          EnvelopeCodec.RecordsCursor c = new EnvelopeCodec.RecordsCursor().reset(e);
          while (c.next()) {
            out.add(new String(c.buffer(), c.offset(), c.length()));
          }
        } else {
          out.add(new String(e.payload()));
        }
      }
    }
  }

  @Test
  void watermarkIsTheMinimumOverProducersAndPartitions() throws Exception {
    write(0, EnvelopeKind.WATERMARK, 0, 100, 0);
    write(0, EnvelopeKind.WATERMARK, 1, 50, 0);
    write(1, EnvelopeKind.WATERMARK, 0, 100, 0);
    read(0);
    assertThat(out).isEmpty(); // producer 1 has said nothing on partition 1 yet
    write(1, EnvelopeKind.WATERMARK, 1, 70, 0);
    read(1);
    assertThat(out).containsExactly("Watermark[timestamp=50]");
    write(0, EnvelopeKind.WATERMARK, 1, 200, 0);
    read(0);
    assertThat(out).containsExactly("Watermark[timestamp=50]", "Watermark[timestamp=70]");
  }

  @Test
  void idleProducersDoNotHoldTheWatermarkBack() throws Exception {
    for (int p = 0; p < 2; p++) {
      write(p, EnvelopeKind.WATERMARK, 0, 10, 0);
      write(p, EnvelopeKind.IDLE, 1, 0, 0);
      read(p);
    }
    assertThat(out).containsExactly("Watermark[timestamp=10]");
  }

  @Test
  void barrierAlignsPerProducerAndHeldBackRecordsAreReadAgainOnce() throws Exception {
    record(0, 0, 1);
    write(0, EnvelopeKind.BARRIER, 0, 5, 7);
    record(0, 0, 2); // after producer 0's barrier: must wait for the checkpoint
    record(0, 1, 3); // before producer 1's barrier: belongs to checkpoint 7
    write(0, EnvelopeKind.BARRIER, 1, 5, 7);
    record(0, 1, 4);
    write(1, EnvelopeKind.BARRIER, 0, 5, 7);
    record(1, 0, 5);
    read(0);
    assertThat(out).containsExactly("p0:1", "p1:3");
    write(1, EnvelopeKind.BARRIER, 1, 5, 7);
    read(1);
    assertThat(out).containsExactly("p0:1", "p1:3", "barrier 7", "p0:5");
    read(0); // the seek back re-reads partition 0 from its first held-back record
    assertThat(out).containsExactly("p0:1", "p1:3", "barrier 7", "p0:5", "p0:2", "p1:4");
    // the position of checkpoint 7 resumes partition 0 at the held-back record, skipping what was taken
    assertThat(lastPosition.resume(0)).isEqualTo(2);
    assertThat(lastPosition.done(0, 1)).isEqualTo(4); // producer 1's record at 3 and barrier at 4 were taken
    assertThat(lastPosition.resume(1)).isEqualTo(1); // producer 0's record 5 was held back there
  }

  @Test
  void restoringAPositionTakesEachRecordOnceAndFencesOtherAttempts() throws Exception {
    record(0, 0, 1);
    write(0, EnvelopeKind.BARRIER, 0, 5, 7);
    record(0, 0, 2);
    record(0, 1, 3);
    write(0, EnvelopeKind.BARRIER, 1, 5, 7);
    write(1, EnvelopeKind.BARRIER, 0, 5, 7);
    write(1, EnvelopeKind.BARRIER, 1, 5, 7);
    read(0);
    read(1);
    read(0);
    assertThat(out).containsExactly("p0:1", "p1:3", "barrier 7", "p0:2");
    DurablePosition atCheckpoint = DurablePosition.fromBytes(lastPosition.toBytes("t"), "t");
    // the failed attempt wrote more, then the restarted attempt (2) writes its own output after the checkpoint
    record(0, 0, 99);
    write(0, EnvelopeKind.RECORD, 0, ATTEMPT + 1, 20, 0);
    out.clear();
    ProducerCombiner restarted = new ProducerCombiner(new int[] {0, 1}, 2, ATTEMPT + 1);
    restarted.setActions(new ProducerCombiner.Actions() {
      @Override
      public void event(StreamEvent event) {
        out.add(event.toString());
      }

      @Override
      public void barrier(long id, long timestamp, DurablePosition position) {}

      @Override
      public void seek(int p, long offset) {}
    });
    restarted.restore(atCheckpoint);
    combiner = restarted;
    readPos[0] = restarted.startOffset(0);
    readPos[1] = restarted.startOffset(1);
    read(0);
    read(1);
    assertThat(out).containsExactly("p0:20");
  }

  @Test
  void aBatchIsHeldBackWholeBehindABarrierAndReadAgainOnceAfterAlignment() throws Exception {
    batch(0, 0, ATTEMPT, 1, 2);
    write(0, EnvelopeKind.BARRIER, 0, 5, 7);
    batch(0, 0, ATTEMPT, 3, 4); // after producer 0's barrier: the whole batch waits for checkpoint 7
    batch(0, 1, ATTEMPT, 10, 11); // before producer 1's barrier: belongs to checkpoint 7
    write(0, EnvelopeKind.BARRIER, 1, 5, 7);
    batch(0, 0, ATTEMPT + 1, 98, 99); // another attempt's batch: fenced
    write(1, EnvelopeKind.BARRIER, 0, 5, 7);
    write(1, EnvelopeKind.BARRIER, 1, 5, 7);
    read(0);
    assertThat(out).containsExactly("p0:1", "p0:2", "p1:10", "p1:11");
    read(1);
    read(0);
    assertThat(out).containsExactly("p0:1", "p0:2", "p1:10", "p1:11", "barrier 7", "p0:3", "p0:4");
    assertThat(lastPosition.resume(0)).isEqualTo(2); // the held-back batch is one offset: read again from it
    assertThat(lastPosition.done(0, 1)).isEqualTo(4);
  }

  @Test
  void endOfPartitionWhenEveryProducerEndedOnEveryPartition() throws Exception {
    for (int p = 0; p < 2; p++) {
      write(p, EnvelopeKind.END, 0, 0, 0);
    }
    write(0, EnvelopeKind.END, 1, 0, 0);
    read(0);
    read(1);
    assertThat(out).isEmpty();
    write(1, EnvelopeKind.END, 1, 0, 0);
    read(1);
    assertThat(out).containsExactly("EndOfPartition[]");
    assertThat(combiner.allEnded()).isTrue();
  }

  @Test
  void anEndedProducerNeedsNoBarrier() throws Exception {
    write(0, EnvelopeKind.END, 1, 0, 0);
    write(1, EnvelopeKind.END, 1, 0, 0);
    write(0, EnvelopeKind.BARRIER, 0, 0, 3);
    write(1, EnvelopeKind.BARRIER, 0, 0, 3);
    read(0);
    read(1);
    assertThat(out).containsExactly("barrier 3");
  }

  @Test
  void aNewerBarrierGivesUpAnUnalignedOneWithoutLosingRecords() throws Exception {
    write(0, EnvelopeKind.BARRIER, 0, 0, 3); // producer 1 never sends 3 (declined upstream)
    record(0, 0, 1);
    write(0, EnvelopeKind.BARRIER, 0, 0, 4);
    record(0, 1, 2);
    write(0, EnvelopeKind.BARRIER, 1, 0, 4);
    for (int x = 0; x < 2; x++) {
      write(1, EnvelopeKind.BARRIER, x, 0, 4);
    }
    read(0);
    read(1);
    read(0);
    assertThat(out).containsExactly("p1:2", "p0:1", "barrier 4");
  }

  @Test
  void aLatencyMarkerIsOneEventInItsPlaceBehindTheRecordsBeforeIt() throws Exception {
    record(0, 0, 1);
    String marker = latency(0, 0, ATTEMPT, 100);
    record(0, 0, 2);
    read(0);
    assertThat(out).containsExactly("p0:1", marker, "p0:2");
    assertThat(marker).as("the exchanges crossed before the topic are kept; the task adds DURABLE")
        .contains("exchanges=LOCAL]").contains("sourceVertex=9").contains("emitTimeMillis=100");
  }

  @Test
  void aLatencyMarkerOfAnotherAttemptIsFenced() throws Exception {
    latency(0, 1, ATTEMPT - 1, 100); // a zombie of the failed attempt
    latency(1, 0, ATTEMPT + 1, 200);
    record(0, 1, 3);
    read(0);
    read(1);
    assertThat(out).containsExactly("p1:3");
  }

  @Test
  void aLatencyMarkerIsHeldBackLikeARecordAndNotTakenTwiceAfterASeekBack() throws Exception {
    write(0, EnvelopeKind.BARRIER, 0, 5, 7);
    String beforeBarrier = latency(0, 1, ATTEMPT, 100); // producer 1 has not sent barrier 7: taken at once
    String held = latency(0, 0, ATTEMPT, 200); // producer 0 sent barrier 7 already: belongs after the checkpoint
    record(0, 0, 3);
    write(0, EnvelopeKind.BARRIER, 1, 5, 7);
    read(0);
    assertThat(out).containsExactly(beforeBarrier);
    for (int x = 0; x < 2; x++) {
      write(1, EnvelopeKind.BARRIER, x, 5, 7);
    }
    read(1);
    read(0); // the seek back re-reads partition 0 from the held-back marker
    assertThat(out).containsExactly(beforeBarrier, "barrier 7", held, "p0:3");
    assertThat(lastPosition.resume(0)).as("the checkpoint resumes at the held-back marker").isEqualTo(2);

    readPos[0] = 0; // read the whole partition again (as after another seek back): nothing is taken twice
    read(0);
    assertThat(out).containsExactly(beforeBarrier, "barrier 7", held, "p0:3");
  }
}
