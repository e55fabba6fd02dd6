package io.rivulet.runtime.tasks;

import io.rivulet.api.connector.InputStatus;
import io.rivulet.api.connector.SinkWriter;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.checkpoint.OperatorSubtaskState;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.network.InputChannel;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.LocalChannel;
import io.rivulet.runtime.network.ManagedChannel;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.network.RemoteInputChannel;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.TaskWaker;
import io.rivulet.runtime.network.WatermarkValve;
import io.rivulet.runtime.operators.AbstractOperator;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.OperatorMetrics;
import io.rivulet.runtime.operators.OperatorSnapshot;
import io.rivulet.runtime.operators.SourceMetrics;
import io.rivulet.runtime.operators.SourceOperator;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.operators.TwoInputOperator;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.state.KeyGroups;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parallel instance of a job vertex, run by one thread: a loop that takes input (a source's next batch,
 * or the next buffer or event from the input gates), runs mailbox actions (timers, checkpoints,
 * notifications) between buffers, and waits without spinning when there is nothing to do or no credit to
 * send. Operators therefore never need locks.
 *
 * <p>Back pressure: before taking more input the task checks that every output can take a record; if not it
 * waits until the receiver returns credit. Checkpoints: sources inject barriers when triggered; other tasks
 * align barriers over their input channels (a channel that delivered the barrier is held back until all
 * have), snapshot, forward the barrier, and hand the writing to an I/O thread.
 */
public final class StreamTask implements Runnable {
  private static final System.Logger LOG = System.getLogger(StreamTask.class.getName());

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
  private final TaskWaker waker = new TaskWaker();
  private final Mailbox mailbox = new Mailbox(waker);
  private final InputGate[] gates;
  private final List<JobEdge> outEdges;
  private final Map<Integer, OutputChannel[]> outputChannels = new LinkedHashMap<>();

  private volatile boolean cancelled;
  private volatile boolean jobFinished;
  private volatile State state = State.CREATED;
  private volatile Throwable failure;

  // ---- task thread only
  private OperatorChain chain;
  private final List<RecordWriter> writers = new ArrayList<>();
  private SystemProcessingTimeService time;
  private WatermarkValve[] valves;
  private WatermarkValve.Listener[] valveListeners;
  private SourceOperator<?> source;
  private OneInputOperator<Object, ?> oneInput;
  private TwoInputOperator<Object, Object, ?> twoInput;
  private KeyedStateBackend<Object> keyedBackend;
  private KeySelector<Object, Object>[] keySelectors;
  /** Input channels with state and resources of their own (DURABLE exchange), opened in initialize. */
  private final List<ManagedChannel> managedInputs = new ArrayList<>();
  /** Output channels with resources of their own, opened in initialize. */
  private final List<ManagedChannel> managedOutputs = new ArrayList<>();
  private boolean inputEnded;
  private int nextGate;
  // latency markers (only for jobs that set a marker interval; otherwise none arrive and this costs nothing).
  // They travel on every outgoing edge, DURABLE ones included (a LATENCY envelope on one partition).
  /** The chain holds a sink: markers that reach this task are reported to {@link TaskServices#latency()}. */
  private boolean reportsLatency;
  // barrier alignment
  private long alignmentId = -1;
  private long lastBarrierId = -1;
  private boolean[][] barrierSeen;
  private int barriersSeen;

  // ---- metrics: written by the task thread, read by reporters (stale reads are fine)
  private volatile long recordsIn;
  private volatile long backPressuredNanos;
  private volatile long idleNanos;
  /** The head operator's counters, once the chain is built. */
  private volatile OperatorMetrics headMetrics;

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
    this.gates = new InputGate[inputs];
    for (int i = 0; i < inputs; i++) {
      gates[i] = new InputGate(i, waker, config.floatingBuffersPerGate(), config.recordsPerLocalBuffer());
    }
    this.outEdges = info.job().outputsOf(info.vertex().id());
    for (JobEdge e : outEdges) {
      int targets = info.job().vertex(e.targetVertex()).parallelism();
      int channels = e.partitioning() == Partitioning.FORWARD || e.partitioning() == Partitioning.GLOBAL ? 1 : targets;
      outputChannels.put(e.id(), new OutputChannel[channels]);
    }
  }

  // ------------------------------------------------------------------ wiring (before start, deploying thread)

  public TaskInfo info() {
    return info;
  }

  public TaskWaker waker() {
    return waker;
  }

  public InputGate inputGate(int input) {
    return gates[input];
  }

  /** Sets the channel through which this task's records on {@code edge} reach downstream channel {@code index}. */
  public void setOutputChannel(JobEdge edge, int index, OutputChannel channel) {
    outputChannels.get(edge.id())[index] = channel;
  }

  // ------------------------------------------------------------------ control (any thread)

  public State state() {
    return state;
  }

  public Throwable failure() {
    return failure;
  }

  /** Stops the task as soon as it returns to its loop; it closes operators without committing. */
  public void cancel() {
    cancelled = true;
    mailbox.post(() -> {});
  }

  /** Every task of the job finished: commit what was staged at the end of input, then close. */
  public void notifyJobFinished() {
    jobFinished = true;
    mailbox.post(() -> {});
  }

  public void triggerCheckpoint(long checkpointId, long timestamp) {
    mailbox.post(() -> {
      if (state == State.RUNNING && !inputEnded) {
        performCheckpoint(checkpointId, timestamp);
      } else {
        services.checkpointResponder().decline(info.subtaskId(), info.attempt(), checkpointId,
            "task " + info.displayName() + " is " + (inputEnded ? "finishing" : state));
      }
    });
  }

  public void notifyCheckpointComplete(long checkpointId) {
    mailbox.post(() -> {
      if (chain != null && state != State.CANCELED && state != State.FAILED) {
        for (StreamOperator<?> op : chain.operators()) {
          op.notifyCheckpointComplete(checkpointId);
        }
      }
    });
  }

  public void notifyCheckpointAborted(long checkpointId) {
    mailbox.post(() -> {
      if (alignmentId == checkpointId) {
        endAlignment();
      }
      if (chain != null) {
        for (StreamOperator<?> op : chain.operators()) {
          op.notifyCheckpointAborted(checkpointId);
        }
      }
    });
  }

  public long recordsIn() {
    return recordsIn;
  }

  public long recordsOut() {
    long n = 0;
    for (RecordWriter w : writers) {
      n += w.recordsOut();
    }
    return n;
  }

  public long backPressuredNanos() {
    return backPressuredNanos;
  }

  public long idleNanos() {
    return idleNanos;
  }

  // ------------------------------------------------------------------ metrics (reporter threads, stale is fine)
  // The gates and output channels are fixed before the task starts; these read them without taking part in the
  // task's loop, at the cost of a gate lock per call for queue lengths and buffer counts.

  /** Number of inputs of the head operator (0 for a source, 2 for a two-input operator). */
  public int inputCount() {
    return gates.length;
  }

  /** Serialized bytes received over network channels (local channels hand over objects and count 0). */
  public long bytesIn() {
    long n = 0;
    for (InputGate g : gates) {
      n += g.bytesIn();
    }
    return n;
  }

  /** Serialized bytes sent over network channels (local channels hand over objects and count 0). */
  public long bytesOut() {
    long n = 0;
    for (OutputChannel[] channels : outputChannels.values()) {
      for (OutputChannel c : channels) {
        if (c != null) {
          n += c.bytesSent();
        }
      }
    }
    return n;
  }

  /** Buffers and events queued at this task's inputs, not yet processed. */
  public int inputQueueLength() {
    int n = 0;
    for (InputGate g : gates) {
      n += g.queuedItems();
    }
    return n;
  }

  /** Buffers and events this task sent that the receivers (or the network) have not taken yet. */
  public int outputQueueLength() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels.values()) {
      for (OutputChannel c : channels) {
        if (c != null) {
          n += c.queuedBuffers();
        }
      }
    }
    return n;
  }

  /** Credit over all output channels: buffers the receivers granted that this task has not filled yet. */
  public int outputCredit() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels.values()) {
      for (OutputChannel c : channels) {
        if (c != null) {
          n += c.availableCredit();
        }
      }
    }
    return n;
  }

  /** Output channels without credit: the receivers this task would have to wait for. */
  public int outputChannelsWithoutCredit() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels.values()) {
      for (OutputChannel c : channels) {
        if (c != null && c.availableCredit() == 0) {
          n++;
        }
      }
    }
    return n;
  }

  /** Number of output channels (over all outgoing edges). */
  public int outputChannelCount() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels.values()) {
      n += channels.length;
    }
    return n;
  }

  /** The watermark the head operator has processed (a source: emitted); Long.MIN_VALUE before the first. */
  public long currentWatermark() {
    OperatorMetrics m = headMetrics;
    return m == null ? Long.MIN_VALUE : m.currentWatermark();
  }

  /** What this task's source reader reports (its lag), or null if the task is not a source or not initialized. */
  public SourceMetrics sourceMetrics() {
    OperatorMetrics m = headMetrics;
    return m == null || !info.vertex().head().isSource() ? null : m.source();
  }

  // ------------------------------------------------------------------ the task thread

  @Override
  public void run() {
    waker.bindToCurrentThread();
    Thread.currentThread().setContextClassLoader(classLoader);
    state = State.INITIALIZING;
    try {
      initialize();
      state = State.RUNNING;
      listener.onRunning(this);
      runLoop();
      if (!cancelled) {
        endOfInput();
        awaitJobEnd();
      }
      if (cancelled) {
        state = State.CANCELED;
      } else {
        for (StreamOperator<?> op : chain.operators()) {
          op.notifyCheckpointComplete(SinkWriter.END_OF_INPUT);
        }
      }
      closeChain();
      if (!cancelled && state != State.CANCELED) {
        state = State.FINISHED;
      }
    } catch (Throwable t) {
      Throwable cause = ExceptionForwarder.unwrap(t);
      closeQuietly();
      if (cancelled) {
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
      closeManagedChannels();
      listener.onTerminated(this);
    }
  }

  @SuppressWarnings("unchecked")
  private void initialize() throws Exception {
    var config = info.job().config();
    time = new SystemProcessingTimeService(services.timer(), mailbox);
    List<OperatorChain.EdgeWriter> edgeWriters = new ArrayList<>();
    for (JobEdge original : outEdges) {
      JobEdge e = SerializedCopy.copy(original, classLoader); // own key selector instance
      OutputChannel[] channels = outputChannels.get(e.id());
      for (int i = 0; i < channels.length; i++) {
        if (channels[i] == null) {
          throw new IllegalStateException("channel " + i + " of edge " + e.id() + " was not connected");
        }
      }
      RecordWriter w = new RecordWriter(channels, e.partitioning(), e.keySelector(), config.maxParallelism(), waker,
          () -> cancelled, config.bufferTimeoutMillis() == 0, info.subtaskIndex());
      writers.add(w);
      edgeWriters.add(new OperatorChain.EdgeWriter(e, w));
    }
    chain = new OperatorChain(info, edgeWriters, restore, services.stateBackends(), classLoader, time, waker::wakeUp);
    headMetrics = chain.metrics().get(0);
    StreamOperator<?> head = chain.head();
    StreamNode headNode = chain.headNode();
    if (head instanceof SourceOperator<?> s) {
      source = s;
    } else if (head instanceof OneInputOperator<?, ?> o) {
      oneInput = (OneInputOperator<Object, ?>) o;
    } else if (head instanceof TwoInputOperator<?, ?, ?> t) {
      twoInput = (TwoInputOperator<Object, Object, ?>) t;
    }
    keyedBackend = (KeyedStateBackend<Object>) chain.headBackend();
    keySelectors = new KeySelector[Math.max(1, gates.length)];
    for (int i = 0; i < gates.length; i++) {
      keySelectors[i] = (KeySelector<Object, Object>) headNode.keySelector(i);
    }
    valves = new WatermarkValve[gates.length];
    valveListeners = new WatermarkValve.Listener[gates.length];
    barrierSeen = new boolean[gates.length][];
    for (int g = 0; g < gates.length; g++) {
      valves[g] = new WatermarkValve(gates[g].channelCount());
      valveListeners[g] = valveListener(g);
      barrierSeen[g] = new boolean[gates[g].channelCount()];
    }
    chain.initializeAndOpen();
    openManagedChannels();
    reportsLatency = chain.nodes().stream().anyMatch(StreamNode::isSink);
    long markerInterval = config.latencyMarkerIntervalMillis();
    if (source != null && markerInterval > 0) {
      // a timer through the mailbox: the source loop itself checks nothing, with or without markers
      time.scheduleAtFixedRate(now -> emitLatencyMarker(), markerInterval, markerInterval);
    }
  }

  /** Source task thread, every marker interval: a new marker into the chain's outputs (none after end of input). */
  private void emitLatencyMarker() {
    if (!inputEnded && !cancelled) {
      forwardLatencyMarker(new StreamEvent.LatencyMarker(System.currentTimeMillis(), info.vertex().id(),
          info.subtaskIndex(), ""));
    }
  }

  /**
   * A marker passes the chain at once (it does not wait for the operators, which run on this thread anyway): reported
   * here if the chain holds a sink, and sent on to one channel of each outgoing edge. Not aligned with barriers.
   */
  private void forwardLatencyMarker(StreamEvent.LatencyMarker marker) {
    if (reportsLatency) {
      services.latency().markerArrived(this, marker, System.currentTimeMillis());
    }
    for (int i = 0; i < writers.size(); i++) {
      writers.get(i).emitLatencyMarker(marker);
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

  /**
   * Opens channels that have resources and state of their own (the DURABLE exchange), after the operators, so
   * that nothing arrives before the head operator can take it. Their state lives in the head operator's
   * non-keyed state, under each channel's key.
   */
  private void openManagedChannels() throws Exception {
    Map<String, byte[]> restored = Map.of();
    if (restore != null && restore.forOperator(chain.headNode().uid()) != null) {
      restored = restore.forOperator(chain.headNode().uid()).operatorState();
    }
    for (OutputChannel[] channels : outputChannels.values()) {
      for (OutputChannel c : channels) {
        if (c instanceof ManagedChannel m && !managedOutputs.contains(m)) {
          managedOutputs.add(m);
          m.open(restored.get(m.stateKey()));
        }
      }
    }
    for (InputGate g : gates) {
      for (int c = 0; c < g.channelCount(); c++) {
        if (g.channel(c) instanceof ManagedChannel m) {
          managedInputs.add(m);
          m.open(restored.get(m.stateKey()));
        }
      }
    }
  }

  /**
   * Releases the managed channels' resources, inputs first (stop reading), then outputs (graceful: let the clients
   * finish; after cancel or failure: drop what is pending).
   *
   * <p>A failure here never fails the task. Gracefully, the task got here only after the whole job finished, and the
   * job's results were complete by then: a managed output has every write acknowledged before its task reports that
   * it finished (it flushes at end of input, where a failed write still fails the task), and the consumers finished
   * only after reading every producer's end. What is left is releasing clients and threads, and a problem with that
   * — e.g. the interrupt of a task thread that is still closing a few seconds after the job ended — is no reason to
   * run a finished job again (a restart would replay output into at-least-once sinks). After cancel or failure the
   * task's outcome is decided already.
   */
  private void closeManagedChannels() {
    boolean graceful = state == State.FINISHED && !cancelled;
    List<ManagedChannel> all = new ArrayList<>(managedInputs);
    all.addAll(managedOutputs);
    for (ManagedChannel m : all) {
      try {
        m.close(graceful);
      } catch (Throwable t) {
        LOG.log(graceful ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "closing channel "
            + m.stateKey() + " of " + info.displayName() + " (" + state + ") failed; the task's outcome stands", t);
      }
    }
  }

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

  private void runLoop() throws Exception {
    long timeoutNanos = info.job().config().bufferTimeoutMillis() * 1_000_000L;
    long lastFlush = System.nanoTime();
    if (source == null && allInputsFinished()) {
      inputEnded = true; // e.g. a GLOBAL edge leaves subtasks other than 0 without channels
    }
    while (!inputEnded) {
      if (mailbox.hasMail()) {
        mailbox.runAll();
      }
      if (cancelled) {
        return;
      }
      if (inputEnded) {
        break;
      }
      if (!outputsAvailable()) {
        waitForCredit();
        continue;
      }
      boolean worked;
      long parkLimit = 0;
      if (source != null) {
        InputStatus status = source.emitNext();
        worked = status != InputStatus.NOTHING_AVAILABLE;
        if (status == InputStatus.END_OF_INPUT) {
          inputEnded = true;
        } else if (!worked) {
          parkLimit = 1_000_000L; // poll a quiet source again within 1 ms unless it signals earlier
        }
      } else {
        worked = processInput();
      }
      if (!worked) {
        flushOutputs();
        lastFlush = System.nanoTime();
        idleWait(parkLimit);
      } else if (timeoutNanos > 0) {
        long now = System.nanoTime();
        if (now - lastFlush >= timeoutNanos) {
          flushOutputs();
          lastFlush = now;
        }
      }
    }
  }

  private boolean outputsAvailable() {
    for (int i = 0; i < writers.size(); i++) {
      if (!writers.get(i).isAvailable()) {
        return false;
      }
    }
    return true;
  }

  private void flushOutputs() {
    for (int i = 0; i < writers.size(); i++) {
      writers.get(i).flush();
    }
  }

  private void waitForCredit() {
    long start = System.nanoTime();
    flushOutputs();
    waker.prepareToPark();
    if (outputsAvailable() || mailbox.hasMail() || cancelled) {
      waker.cancelPark();
    } else {
      waker.park(100_000_000L);
    }
    backPressuredNanos += System.nanoTime() - start;
  }

  private void idleWait(long maxNanos) {
    long start = System.nanoTime();
    waker.prepareToPark();
    if (mailbox.hasMail() || cancelled || anyGateHasData()) {
      waker.cancelPark();
    } else {
      waker.park(maxNanos);
    }
    idleNanos += System.nanoTime() - start;
  }

  private boolean anyGateHasData() {
    for (InputGate g : gates) {
      if (g.hasData()) {
        return true;
      }
    }
    return false;
  }

  /** Takes one buffer or event from the gates (alternating between two inputs); false if none was queued. */
  private boolean processInput() throws Exception {
    for (int k = 0; k < gates.length; k++) {
      int g = (nextGate + k) % gates.length;
      Object item = gates[g].poll();
      if (item == null) {
        continue;
      }
      nextGate = (g + 1) % gates.length;
      if (item instanceof RecordBatch batch) {
        processBatch(g, batch);
      } else {
        processEvent(g, gates[g].lastChannel(), (StreamEvent) item);
      }
      return true;
    }
    return false;
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
    recordsIn += n;
    gates[g].recycle(batch);
  }

  private void processEvent(int g, int channel, StreamEvent event) throws Exception {
    if (event instanceof StreamEvent.Watermark w) {
      valves[g].watermark(channel, w.timestamp(), valveListeners[g]);
    } else if (event instanceof StreamEvent.IdleStatus s) {
      valves[g].idle(channel, s.idle(), valveListeners[g]);
    } else if (event instanceof StreamEvent.CheckpointBarrier b) {
      onBarrier(g, channel, b);
    } else if (event instanceof StreamEvent.LatencyMarker m) {
      forwardLatencyMarker(m.crossed(exchangeOf(g, channel)));
    } else if (event instanceof StreamEvent.ChannelFailure f) {
      throw new IllegalStateException("input channel " + f.channel() + " failed: " + f.cause(), f.cause());
    } else if (event instanceof StreamEvent.EndOfPartition) {
      gates[g].markFinished(channel);
      valves[g].finished(channel, valveListeners[g]);
      checkAlignment();
      if (allInputsFinished()) {
        inputEnded = true;
      }
    }
  }

  private boolean allInputsFinished() {
    for (InputGate g : gates) {
      if (!g.allFinished()) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ checkpoints (task thread)

  private void onBarrier(int g, int channel, StreamEvent.CheckpointBarrier barrier) throws Exception {
    if (barrier.id() <= lastBarrierId && barrier.id() != alignmentId) {
      return; // stale: belongs to a checkpoint that was completed or aborted here
    }
    if (barrier.id() > alignmentId && alignmentId >= 0) {
      endAlignment(); // a newer checkpoint overtook an unfinished one: give the old one up
    }
    if (alignmentId < 0) {
      alignmentId = barrier.id();
      lastBarrierId = barrier.id();
      barriersSeen = 0;
      for (boolean[] seen : barrierSeen) {
        java.util.Arrays.fill(seen, false);
      }
    }
    if (!barrierSeen[g][channel]) {
      barrierSeen[g][channel] = true;
      barriersSeen++;
      gates[g].block(channel);
    }
    if (checkAlignment()) {
      performCheckpoint(barrier.id(), barrier.timestamp());
    }
  }

  /** True (and alignment ended) when every live channel delivered the pending barrier. */
  private boolean checkAlignment() {
    if (alignmentId < 0) {
      return false;
    }
    int needed = 0;
    for (int g = 0; g < gates.length; g++) {
      for (int c = 0; c < barrierSeen[g].length; c++) {
        if (barrierSeen[g][c] || !gates[g].isFinished(c)) {
          needed++;
        }
      }
    }
    if (barriersSeen < needed) {
      return false;
    }
    long id = alignmentId;
    endAlignment();
    lastBarrierId = id;
    return true;
  }

  private void endAlignment() {
    alignmentId = -1;
    for (InputGate g : gates) {
      g.unblockAll();
    }
  }

  /**
   * Forwards the barrier, takes the synchronous snapshot of every operator, and lets an I/O thread write
   * the keyed state and acknowledge.
   */
  private void performCheckpoint(long checkpointId, long timestamp) throws Exception {
    StreamEvent.CheckpointBarrier barrier = new StreamEvent.CheckpointBarrier(checkpointId, timestamp);
    for (RecordWriter w : writers) {
      w.broadcastEvent(barrier);
    }
    List<StreamNode> nodes = chain.nodes();
    List<OperatorSnapshot> snapshots = new ArrayList<>(nodes.size());
    for (StreamOperator<?> op : chain.operators()) {
      snapshots.add(op.snapshotState(checkpointId));
    }
    Map<String, byte[]> channelStates = new HashMap<>();
    for (ManagedChannel m : managedInputs) {
      byte[] b = m.snapshot(checkpointId);
      if (b != null) {
        channelStates.put(m.stateKey(), b);
      }
    }
    var range = KeyGroups.rangeForSubtask(info.subtaskIndex(), info.vertex().maxParallelism(), info.vertex().parallelism());
    services.checkpointIo().execute(() -> {
      try {
        Map<String, OperatorSubtaskState> states = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
          OperatorSnapshot s = snapshots.get(i);
          KeyGroupsStateHandle keyed = s.keyedState() == null ? null
              : services.checkpointStorage().writeKeyedState(checkpointId, nodes.get(i).uid(), info.subtaskIndex(),
                  range, s.keyedState());
          Map<String, byte[]> operatorState = s.operatorState();
          if (i == 0 && !channelStates.isEmpty()) { // input channel state goes with the head operator
            operatorState = new HashMap<>(operatorState);
            operatorState.putAll(channelStates);
          }
          if (keyed != null || !operatorState.isEmpty()) {
            states.put(nodes.get(i).uid(), new OperatorSubtaskState(Map.copyOf(operatorState), keyed));
          }
        }
        services.checkpointResponder().acknowledge(info.subtaskId(), info.attempt(), checkpointId,
            new TaskStateSnapshot(states));
      } catch (Throwable t) {
        for (OperatorSnapshot s : snapshots) {
          if (s.keyedState() != null) {
            s.keyedState().release();
          }
        }
        services.checkpointResponder().decline(info.subtaskId(), info.attempt(), checkpointId,
            "writing state failed: " + t);
      }
    });
  }

  // ------------------------------------------------------------------ the end

  private void endOfInput() throws Exception {
    chain.finish();
    for (RecordWriter w : writers) {
      w.broadcastEvent(StreamEvent.EndOfPartition.INSTANCE);
    }
    state = State.FINISHED;
    listener.onFinished(this);
  }

  /** Runs mailbox actions (late checkpoint notifications) until the job ends or the task is cancelled. */
  private void awaitJobEnd() throws Exception {
    while (!jobFinished && !cancelled) {
      if (mailbox.hasMail()) {
        mailbox.runAll();
        continue;
      }
      waker.prepareToPark();
      if (mailbox.hasMail() || jobFinished || cancelled) {
        waker.cancelPark();
      } else {
        waker.park(0);
      }
    }
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
