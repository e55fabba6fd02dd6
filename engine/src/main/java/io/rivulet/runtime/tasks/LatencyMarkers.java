package io.rivulet.runtime.tasks;

import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.tasks.LatencyListener;
import io.rivulet.runtime.network.InputChannel;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.LocalChannel;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.network.RemoteInputChannel;
import io.rivulet.runtime.network.StreamEvent;

/**
 * Latency markers of one task: a source task emits one every marker interval, every task forwards those it receives,
 * and a task whose chain holds a sink reports them. Only jobs that set a marker interval have markers; otherwise none
 * arrive and this costs nothing. Markers travel on every outgoing edge, DURABLE ones included (a LATENCY envelope on
 * one partition). Task thread only.
 */
final class LatencyMarkers {
  private final StreamTask task;
  private final LatencyListener listener;
  private final InputGate[] gates;
  private final RecordWriter[] writers;
  /** The chain holds a sink: markers that reach this task are reported to {@link TaskServices#latency()}. */
  private final boolean reportsLatency;

  LatencyMarkers(StreamTask task, LatencyListener listener, InputGate[] gates, RecordWriter[] writers,
      OperatorChain chain) {
    this.task = task;
    this.listener = listener;
    this.gates = gates;
    this.writers = writers;
    this.reportsLatency = chain.nodes().stream().anyMatch(StreamNode::isSink);
  }

  /** Source task, every marker interval: a new marker into the chain's outputs. */
  void emit() {
    TaskInfo info = task.info();
    forward(new StreamEvent.LatencyMarker(System.currentTimeMillis(), info.vertex().id(), info.subtaskIndex(), ""));
  }

  /** A marker arrived on input channel {@code channel} of gate {@code g}: it goes on, noting how it came. */
  void received(int g, int channel, StreamEvent.LatencyMarker marker) {
    forward(marker.crossed(exchangeOf(g, channel)));
  }

  /**
   * A marker passes the chain at once (it does not wait for the operators, which run on this thread anyway): reported
   * here if the chain holds a sink, and sent on to one channel of each outgoing edge. Not aligned with barriers.
   */
  private void forward(StreamEvent.LatencyMarker marker) {
    if (reportsLatency) {
      listener.markerArrived(task, marker, System.currentTimeMillis());
    }
    for (RecordWriter w : writers) {
      w.emitLatencyMarker(marker);
    }
  }

  /** The transport of input channel {@code channel} of gate {@code g}, as a marker records it. */
  private String exchangeOf(int g, int channel) {
    InputChannel c = gates[g].channel(channel);
    if (c instanceof RemoteInputChannel) {
      return "DIRECT";
    }
    return c instanceof LocalChannel ? "LOCAL" : "DURABLE";
  }
}
