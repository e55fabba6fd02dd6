package io.rivulet.runtime.tasks;

import io.rivulet.api.connector.InputStatus;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.WatermarkValve;
import io.rivulet.runtime.operators.AbstractOperator;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.TwoInputOperator;
import io.rivulet.runtime.state.KeyedStateBackend;

/**
 * The input side of a task that is not a source: takes the next buffer or event from its input gates (alternating
 * between two inputs) and hands it on. Records go to the head operator, with the current key set first if it is
 * keyed; watermarks and idleness pass each input's valve; barriers go to the aligner, latency markers to the
 * forwarder; the end of a channel goes to the gate, the valve and the aligner.
 *
 * <p>Task thread only. The per-record loops read only final fields, copied into locals; the head operator's kind is
 * decided once here, so no record pays for a dispatch that the task could have done once.
 */
final class InputProcessor {
  private final InputGate[] gates;
  private final WatermarkValve[] valves;
  private final WatermarkValve.Listener[] valveListeners;
  /** Exactly one of the two is set: the head operator, by its number of inputs. */
  private final OneInputOperator<Object, ?> oneInput;
  private final TwoInputOperator<Object, Object, ?> twoInput;
  /** The head operator's keyed state backend, or null if it is not keyed. */
  private final KeyedStateBackend<Object> keyedBackend;
  /** Per input: how the head operator keys its records (for records that arrive without their key). */
  private final KeySelector<Object, Object>[] keySelectors;
  private final BarrierAligner aligner;
  private final LatencyMarkers latencyMarkers;
  private final TaskIoMetrics metrics;
  /** The gate to poll first next time, so that neither of two inputs starves the other. */
  private int nextGate;

  InputProcessor(InputGate[] gates, OneInputOperator<Object, ?> oneInput, TwoInputOperator<Object, Object, ?> twoInput,
      KeyedStateBackend<Object> keyedBackend, KeySelector<Object, Object>[] keySelectors, BarrierAligner aligner,
      LatencyMarkers latencyMarkers, TaskIoMetrics metrics) {
    this.gates = gates;
    this.oneInput = oneInput;
    this.twoInput = twoInput;
    this.keyedBackend = keyedBackend;
    this.keySelectors = keySelectors;
    this.aligner = aligner;
    this.latencyMarkers = latencyMarkers;
    this.metrics = metrics;
    this.valves = new WatermarkValve[gates.length];
    this.valveListeners = new WatermarkValve.Listener[gates.length];
    for (int g = 0; g < gates.length; g++) {
      valves[g] = new WatermarkValve(gates[g].channelCount());
      valveListeners[g] = valveListener(g);
    }
  }

  /**
   * Takes one buffer or event from the gates: {@link InputStatus#NOTHING_AVAILABLE} if none was queued,
   * {@link InputStatus#END_OF_INPUT} once every channel of every gate has ended, {@link InputStatus#MORE_AVAILABLE}
   * otherwise.
   */
  InputStatus processInput() throws Exception {
    for (int k = 0; k < gates.length; k++) {
      int g = (nextGate + k) % gates.length;
      Object item = gates[g].poll();
      if (item == null) {
        continue;
      }
      nextGate = (g + 1) % gates.length;
      if (item instanceof RecordBatch batch) {
        processBatch(g, batch);
        return InputStatus.MORE_AVAILABLE;
      }
      return processEvent(g, gates[g].lastChannel(), (StreamEvent) item);
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  /** True if a gate has a buffer or event queued. */
  boolean hasData() {
    for (InputGate g : gates) {
      if (g.hasData()) {
        return true;
      }
    }
    return false;
  }

  /** True if every channel of every gate has ended (at once for a task without channels, as GLOBAL edges leave). */
  boolean allFinished() {
    for (InputGate g : gates) {
      if (!g.allFinished()) {
        return false;
      }
    }
    return true;
  }

  private void processBatch(int g, RecordBatch batch) throws Exception {
    int n = batch.size();
    KeyedStateBackend<Object> backend = keyedBackend;
    if (oneInput != null) {
      OneInputOperator<Object, ?> op = oneInput;
      if (backend == null) {
        for (int i = 0; i < n; i++) {
          op.processElement(batch.value(i), batch.timestamp(i));
        }
      } else {
        KeySelector<Object, Object> selector = keySelectors[0];
        for (int i = 0; i < n; i++) {
          Object value = batch.value(i);
          Object key = batch.key(i);
          backend.setCurrentKey(key != null ? key : selector.getKey(value));
          op.processElement(value, batch.timestamp(i));
        }
      }
    } else {
      TwoInputOperator<Object, Object, ?> op = twoInput;
      KeySelector<Object, Object> selector = keySelectors[g];
      for (int i = 0; i < n; i++) {
        Object value = batch.value(i);
        if (backend != null) {
          Object key = batch.key(i);
          backend.setCurrentKey(key != null ? key : selector.getKey(value));
        }
        if (g == 0) {
          op.processElement1(value, batch.timestamp(i));
        } else {
          op.processElement2(value, batch.timestamp(i));
        }
      }
    }
    metrics.addRecordsIn(n);
    gates[g].recycle(batch);
  }

  private InputStatus processEvent(int g, int channel, StreamEvent event) throws Exception {
    if (event instanceof StreamEvent.Watermark w) {
      valves[g].watermark(channel, w.timestamp(), valveListeners[g]);
    } else if (event instanceof StreamEvent.IdleStatus s) {
      valves[g].idle(channel, s.idle(), valveListeners[g]);
    } else if (event instanceof StreamEvent.CheckpointBarrier b) {
      aligner.onBarrier(g, channel, b);
    } else if (event instanceof StreamEvent.LatencyMarker m) {
      latencyMarkers.received(g, channel, m);
    } else if (event instanceof StreamEvent.ChannelFailure f) {
      throw new IllegalStateException("input channel " + f.channel() + " failed: " + f.cause(), f.cause());
    } else if (event instanceof StreamEvent.EndOfPartition) {
      gates[g].markFinished(channel);
      valves[g].finished(channel, valveListeners[g]);
      aligner.onChannelFinished();
      if (allFinished()) {
        return InputStatus.END_OF_INPUT;
      }
    }
    return InputStatus.MORE_AVAILABLE;
  }

  /** Where the valve of gate {@code g} sends what its channels combine to: the head operator's input {@code g}. */
  private WatermarkValve.Listener valveListener(int gate) {
    return new WatermarkValve.Listener() {
      @Override
      public void onWatermark(long watermark) throws Exception {
        if (oneInput != null) {
          oneInput.processWatermark(watermark);
        } else if (gate == 0) {
          twoInput.processWatermark1(watermark);
        } else {
          twoInput.processWatermark2(watermark);
        }
      }

      @Override
      public void onIdle(boolean idle) throws Exception {
        if (oneInput != null) {
          oneInput.processIdle(idle);
        } else if (twoInput instanceof AbstractOperator<?> a) {
          a.processInputIdle(gate, idle);
        }
      }
    };
  }
}
