package io.rivulet.runtime.network;

/**
 * The producing end of a channel to a task in another runtime. The task thread fills a record batch as for a
 * local channel; {@link #send} serializes it into network buffers that queue in {@link OutputCredit} until the
 * receiver's credit lets the transport ship them. The producer side is bounded too: once
 * {@code maxQueuedBuffers} data buffers wait for credit, the channel reports no capacity and the task stops.
 */
public final class RemoteOutputChannel implements OutputChannel {
  private final OutputCredit credit = new OutputCredit();
  private final RecordCodec codec;
  private final int maxQueuedBuffers;
  private final TaskWaker producerWaker;
  /** The one batch the task thread fills; serialized and emptied on send, so it is always free again. */
  private final RecordBatch batch;
  /** Set by the transport: asks it to ship what is sendable (any thread). */
  private volatile Runnable drainer = () -> {};
  /** Set by the transport: the connection's failure, if it broke. */
  private volatile java.util.function.Supplier<Throwable> failureSource = () -> null;
  /** Serialized bytes handed to the transport; task thread adds once per buffer, reporters read. */
  private final java.util.concurrent.atomic.LongAdder bytesSent = new java.util.concurrent.atomic.LongAdder();
  /** Counts and queues one serialized buffer (a field, so that a send allocates no lambda). */
  private final java.util.function.Consumer<NetworkBuffer> enqueue = this::enqueue;

  public RemoteOutputChannel(RecordCodec codec, int recordsPerBatch, int maxQueuedBuffers, TaskWaker producerWaker) {
    this.codec = codec;
    this.maxQueuedBuffers = maxQueuedBuffers;
    this.producerWaker = producerWaker;
    this.batch = new RecordBatch(recordsPerBatch);
  }

  public void setDrainer(Runnable drainer) {
    this.drainer = drainer;
  }

  public void setFailureSource(java.util.function.Supplier<Throwable> source) {
    this.failureSource = source;
  }

  private void checkConnection() {
    Throwable t = failureSource.get();
    if (t != null) {
      throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
    }
  }

  public OutputCredit credit() {
    return credit;
  }

  // ---------------------------------------------------------------- task thread

  /** Room for one more batch; also true when the connection broke, so that the next send reports it. */
  @Override
  public boolean hasCredit() {
    return credit.backlog() < maxQueuedBuffers || failureSource.get() != null;
  }

  @Override
  public RecordBatch tryTakeBuffer() {
    checkConnection();
    return credit.backlog() < maxQueuedBuffers ? batch : null;
  }

  @Override
  public void send(RecordBatch b) {
    checkConnection();
    codec.append(b, enqueue);
    b.clear();
    drainer.run();
  }

  /** Ships the partly filled network buffer too (buffer timeout, idle task, before an event). */
  @Override
  public void flush() {
    checkConnection();
    codec.flush(enqueue);
    drainer.run();
  }

  @Override
  public void sendEvent(StreamEvent event) {
    checkConnection();
    codec.flush(enqueue); // an event never overtakes records
    enqueue(RecordCodec.encodeEvent(event));
    drainer.run();
  }

  private void enqueue(NetworkBuffer buffer) {
    bytesSent.add(buffer.length());
    credit.enqueue(buffer);
  }

  @Override
  public TaskWaker producerWaker() {
    return producerWaker;
  }

  // ---------------------------------------------------------------- metrics (reporter threads)

  @Override
  public long bytesSent() {
    return bytesSent.sum();
  }

  @Override
  public int queuedBuffers() {
    return credit.queued();
  }

  @Override
  public int availableCredit() {
    return credit.credit();
  }

  // ---------------------------------------------------------------- transport

  /** The receiver announced credit. */
  public void onCredit(int n) {
    credit.addCredit(n);
    drainer.run();
  }

  /** The transport shipped a buffer: a producer waiting for capacity may go on. */
  public void onShipped() {
    if (credit.backlog() < maxQueuedBuffers) {
      producerWaker.wakeUp();
    }
  }
}
