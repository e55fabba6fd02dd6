package io.rivulet.runtime.tasks;

import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.connector.InputStatus;
import io.rivulet.api.connector.SinkWriter;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.checkpoint.OperatorRestore;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.TaskWaker;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.SourceOperator;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.operators.TwoInputOperator;
import io.rivulet.runtime.network.WatermarkValve;
import io.rivulet.runtime.operators.AbstractOperator;
import io.rivulet.runtime.operators.OperatorMetrics;
import io.rivulet.runtime.operators.OperatorSnapshot;
import io.rivulet.runtime.operators.SourceMetrics;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.state.KeyGroups;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parallel instance of a job vertex, run by one thread. The task wires itself up and goes through its life
 * (initialize, run, end of input, wait for the job's end, close); the work is done by parts it composes, all owned by
 * the task thread:
 * <ul>
 *   <li>{@link TaskLoop}: takes input, runs mailbox actions between buffers, waits for input or credit;
 *   <li>{@link InputProcessor}: dispatches the buffers and events of the input gates to the head operator;
 *   <li>{@link BarrierAligner}: holds back channels that delivered a barrier until all have;
 *   <li>{@link SubtaskCheckpointer}: the synchronous and asynchronous snapshot, the acknowledgement or decline;
 *   <li>{@link LatencyMarkers}: emits, forwards and reports latency markers;
 *   <li>{@link ManagedChannels}: the channels with state and resources of their own (DURABLE exchange);
 *   <li>{@link TaskIoMetrics}: what the task counts, for readers on other threads ({@link #metrics()}).
 * </ul>
 * Operators therefore never need locks. Other threads reach the task only through its mailbox and waker, the two
 * flags of its loop, and the volatile state below.
 */
public final class StreamTask implements Runnable {
  /** Lifecycle as reported to listeners and shown in the Web UI. */
  public enum State {
    CREATED,
    INITIALIZING,
    RUNNING,
    FINISHED,
    CANCELED,
    FAILED
  }

  private final TaskInfo info;
  private final TaskServices services;
  private final TaskListener listener;
  private final ClassLoader classLoader;
  private final TaskRestore restore;
  private final InputGate[] gates;
  private final List<JobEdge> outEdges;
  /** Per outgoing edge id; the deploying thread fills the arrays before the task starts. */
  private final Map<Integer, OutputChannel[]> outputChannels = new LinkedHashMap<>();
  private final TaskIoMetrics metrics;
  private final TaskLoop loop;
  private final ManagedChannels managedChannels = new ManagedChannels();

  // ---- task thread writes, any thread reads
  private volatile State state = State.CREATED;
  private volatile Throwable failure;

  // ---- task thread only; set in initialize, before the task thread runs any mail
  private SystemProcessingTimeService time;
  private OperatorChain chain;
  private RecordWriter[] writers;
  /** The head operator if it is a source (then {@link #input} has no gates), else null. */
  private SourceOperator<?> source;
  private InputProcessor input;
  private SubtaskCheckpointer checkpointer;
  private BarrierAligner aligner;

  public StreamTask(TaskInfo info, TaskServices services, TaskListener listener, ClassLoader classLoader,
      TaskRestore restore) {
    this.info = info;
    this.services = services;
    this.listener = listener;
    this.classLoader = classLoader;
    this.restore = restore;
    StreamNode head = info.vertex().head();
    int inputs = head.isSource() ? 0 : head.inputCount();
    var config = info.job().config();
    this.outEdges = info.job().outputsOf(info.vertex().id());
    for (JobEdge e : outEdges) {
      int targets = info.job().vertex(e.targetVertex()).parallelism();
      int channels = e.partitioning() == Partitioning.FORWARD || e.partitioning() == Partitioning.GLOBAL ? 1 : targets;
      outputChannels.put(e.id(), new OutputChannel[channels]);
    }
    this.gates = new InputGate[inputs];
    this.metrics = new TaskIoMetrics(head.isSource(), gates, outputChannels.values());
    this.loop = new TaskLoop(metrics);
    for (int i = 0; i < inputs; i++) {
      gates[i] = new InputGate(i, loop.waker(), config.floatingBuffersPerGate(), config.recordsPerLocalBuffer());
    }
  }

  // ------------------------------------------------------------------ wiring (before start, deploying thread)

  public TaskInfo info() {
    return info;
  }

  public TaskWaker waker() {
    return loop.waker();
  }

  public InputGate inputGate(int input) {
    return gates[input];
  }

  /** Sets the channel through which this task's records on {@code edge} reach downstream channel {@code index}. */
  public void setOutputChannel(JobEdge edge, int index, OutputChannel channel) {
    outputChannels.get(edge.id())[index] = channel;
  }

  // ------------------------------------------------------------------ control and views (any thread)

  public State state() {
    return state;
  }

  public Throwable failure() {
    return failure;
  }

  /** What the task counts about its input and output (records, bytes, queues, credit, waiting, watermark). */
  public TaskIoMetrics metrics() {
    return metrics;
  }

  /** Stops the task as soon as it returns to its loop; it closes operators without committing. */
  public void cancel() {
    loop.cancel();
  }

  /** Every task of the job finished: commit what was staged at the end of input, then close. */
  public void notifyJobFinished() {
    loop.jobFinished();
  }

  public void triggerCheckpoint(long checkpointId, long timestamp) {
    loop.mailbox().post(() -> {
      if (state == State.RUNNING && !loop.inputEnded()) {
        checkpointer.checkpoint(checkpointId, timestamp);
      } else {
        checkpointer.decline(checkpointId, "task " + info.displayName() + " is "
            + (loop.inputEnded() ? "finishing" : state));
      }
    });
  }

  public void notifyCheckpointComplete(long checkpointId) {
    loop.mailbox().post(() -> {
      if (state != State.CANCELED && state != State.FAILED) {
        checkpointer.notifyComplete(checkpointId);
      }
    });
  }

  public void notifyCheckpointAborted(long checkpointId) {
    loop.mailbox().post(() -> {
      aligner.abort(checkpointId);
      checkpointer.notifyAborted(checkpointId);
    });
  }

  // ------------------------------------------------------------------ the task thread

  @Override
  public void run() {
    loop.waker().bindToCurrentThread();
    Thread.currentThread().setContextClassLoader(classLoader);
    state = State.INITIALIZING;
    try {
      initialize();
      state = State.RUNNING;
      listener.onRunning(this);
      loop.run(source, input, writers, info.job().config().bufferTimeoutMillis() * 1_000_000L);
      if (!loop.cancelled()) {
        endOfInput();
        loop.awaitJobEnd();
      }
      if (loop.cancelled()) {
        state = State.CANCELED;
      } else {
        checkpointer.notifyComplete(SinkWriter.END_OF_INPUT);
      }
      closeChain();
      if (!loop.cancelled() && state != State.CANCELED) {
        state = State.FINISHED;
      }
    } catch (Throwable t) {
      Throwable cause = ExceptionForwarder.unwrap(t);
      closeQuietly();
      if (loop.cancelled()) {
        state = State.CANCELED;
      } else {
        failure = cause;
        state = State.FAILED;
        listener.onFailed(this, cause);
      }
    } finally {
      if (time != null) {
        time.shutdown();
      }
      // gracefully only after the whole job finished; see ManagedChannels.close
      managedChannels.close(state == State.FINISHED && !loop.cancelled(), info.displayName(), state);
      listener.onTerminated(this);
    }
  }

  /** Builds the writers, the operator chain and the parts that work on them; opens operators and channels. */
  @SuppressWarnings("unchecked")
  private void initialize() throws Exception {
    var config = info.job().config();
    time = new SystemProcessingTimeService(services.timer(), loop.mailbox());
    writers = new RecordWriter[outEdges.size()];
    List<OperatorChain.EdgeWriter> edgeWriters = new ArrayList<>();
    for (int k = 0; k < writers.length; k++) {
      JobEdge e = SerializedCopy.copy(outEdges.get(k), classLoader); // own key selector instance
      OutputChannel[] channels = outputChannels.get(e.id());
      for (int i = 0; i < channels.length; i++) {
        if (channels[i] == null) {
          throw new IllegalStateException("channel " + i + " of edge " + e.id() + " was not connected");
        }
      }
      writers[k] = new RecordWriter(channels, e.partitioning(), e.keySelector(), config.maxParallelism(),
          loop.waker(), loop::cancelled, config.bufferTimeoutMillis() == 0, info.subtaskIndex());
      edgeWriters.add(new OperatorChain.EdgeWriter(e, writers[k]));
    }
    chain = new OperatorChain(info, edgeWriters, restore, services.stateBackends(), classLoader, time,
        loop.waker()::wakeUp);
    metrics.chainBuilt(writers, chain.metrics().get(0));

    StreamOperator<?> head = chain.head();
    OneInputOperator<Object, ?> oneInput = null;
    TwoInputOperator<Object, Object, ?> twoInput = null;
    if (head instanceof SourceOperator<?> s) {
      source = s;
    } else if (head instanceof OneInputOperator<?, ?> o) {
      oneInput = (OneInputOperator<Object, ?>) o;
    } else if (head instanceof TwoInputOperator<?, ?, ?> t) {
      twoInput = (TwoInputOperator<Object, Object, ?>) t;
    }
    KeySelector<Object, Object>[] keySelectors = new KeySelector[Math.max(1, gates.length)];
    for (int i = 0; i < gates.length; i++) {
      keySelectors[i] = (KeySelector<Object, Object>) chain.headNode().keySelector(i);
    }
    LatencyMarkers latencyMarkers = new LatencyMarkers(this, services.latency(), gates, writers, chain);
    checkpointer = new SubtaskCheckpointer(info, services, chain, writers, managedChannels);
    aligner = new BarrierAligner(gates, checkpointer);
    input = new InputProcessor(gates, oneInput, twoInput, (KeyedStateBackend<Object>) chain.headBackend(),
        keySelectors, aligner, latencyMarkers, metrics);

    chain.initializeAndOpen();
    managedChannels.open(restoredChannelStates(), outputChannels.values(), gates);
    long markerInterval = config.latencyMarkerIntervalMillis();
    if (source != null && markerInterval > 0) {
      // a timer through the mailbox: the source loop itself checks nothing, with or without markers
      time.scheduleAtFixedRate(now -> {
        if (!loop.inputEnded() && !loop.cancelled()) { // none after the end of input
          latencyMarkers.emit();
        }
      }, markerInterval, markerInterval);
    }
  }

  /** The managed channels' state: in the head operator's non-keyed state, under each channel's key. */
  private Map<String, byte[]> restoredChannelStates() {
    OperatorRestore head = restore == null ? null : restore.forOperator(chain.headNode().uid());
    return head == null ? Map.of() : head.operatorState();
  }

  /** All input processed: the operators finish, every consumer learns this partition ended. */
  private void endOfInput() throws Exception {
    chain.finish();
    for (RecordWriter w : writers) {
      w.broadcastEvent(StreamEvent.EndOfPartition.INSTANCE);
    }
    state = State.FINISHED;
    listener.onFinished(this);
  }

  private void closeChain() throws Exception {
    if (chain != null) {
      chain.close();
    }
  }

  private void closeQuietly() {
    try {
      closeChain();
    } catch (Throwable ignored) {
      // the original failure is what matters
    }
  }

  @Override
  public String toString() {
    return info.displayName() + " attempt " + info.attempt() + " [" + state + "]";
  }
}
