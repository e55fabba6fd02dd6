package io.rivulet.runtime.network.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.rivulet.proto.data.DataFrame;
import io.rivulet.proto.data.OpenChannel;
import io.rivulet.runtime.network.NetworkBuffer;
import io.rivulet.runtime.network.RemoteOutputChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one stream from this runtime to another that carries every channel between them. Ships a channel's
 * buffers only when its {@code OutputCredit} allows and gRPC's transport is ready ({@code isReady} plus the
 * on-ready handler), so neither the receiver nor gRPC ever buffers more than the credit.
 */
public final class OutboundConnection implements ClientResponseObserver<Frame, Frame> {
  private static final System.Logger LOG = System.getLogger(OutboundConnection.class.getName());

  /** A registered channel; handles are never reused on a stream. */
  private record Slot(int handle, ChannelKey key, RemoteOutputChannel channel) {}

  /** Bytes gRPC may queue for sending before isReady() turns false. */
  static final int ON_READY_THRESHOLD = 1 << 20;

  private final String target;
  /** Live channels in registration order (the round robin of {@link #drain}); guarded by {@code this}. */
  private final List<Slot> channels = new ArrayList<>();
  /** Live channels by handle; guarded by {@code this}. */
  private final Map<Integer, Slot> byHandle = new HashMap<>();
  /** Guarded by {@code this}. */
  private int nextHandle;
  private ClientCallStreamObserver<Frame> requests;
  private volatile Throwable failure;
  private int nextToDrain;

  public OutboundConnection(Channel grpcChannel, String target) {
    this.target = target;
    // gRPC's default on-ready threshold (32 KiB) is one network buffer: isReady() would turn false after every
    // frame and each next frame would wait for a hop to the on-ready handler. Credit bounds what is in flight
    // anyway, so let the transport hold a few frames.
    ClientCalls.asyncBidiStreamingCall(grpcChannel.newCall(FrameMarshaller.CONNECT,
        CallOptions.DEFAULT.withOnReadyThreshold(ON_READY_THRESHOLD)), this);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Frame> requestStream) {
    this.requests = requestStream;
    requestStream.disableAutoRequestWithInitial(1);
    requestStream.setOnReadyHandler(this::drain);
  }

  /** Announces a channel to the receiver; its buffers flow once the receiver grants credit. */
  public synchronized void register(ChannelKey key, RemoteOutputChannel channel) {
    int handle = nextHandle++;
    Slot slot = new Slot(handle, key, channel);
    channels.add(slot);
    byHandle.put(handle, slot);
    channel.setDrainer(this::drain);
    channel.setFailureSource(() -> failure);
    requests.onNext(Frame.control(DataFrame.newBuilder().setOpen(OpenChannel.newBuilder().setHandle(handle)
        .setJobId(key.jobId()).setAttempt(key.attempt()).setEdgeId(key.edgeId())
        .setProducerSubtask(key.producerSubtask()).setConsumerSubtask(key.consumerSubtask())).build()));
  }

  /** Ships what credit and the transport allow, round robin over channels. Any thread. */
  public synchronized void drain() {
    if (failure != null || requests == null) {
      return;
    }
    int n = channels.size();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int k = 0; k < n; k++) {
        if (!requests.isReady()) {
          return; // the on-ready handler calls drain again
        }
        Slot slot = channels.get((nextToDrain + k) % n);
        int i = slot.handle();
        RemoteOutputChannel ch = slot.channel();
        int backlog = ch.credit().backlogToAnnounce();
        if (backlog > 0) {
          requests.onNext(Frame.control(DataFrame.newBuilder().setBacklog(io.rivulet.proto.data.Backlog.newBuilder()
              .setHandle(i).setBacklog(backlog)).build()));
          progress = true;
        }
        NetworkBuffer b = ch.credit().pollSendable();
        if (b != null) {
          // the marshaller writes the payload from b's array into gRPC's transport buffer (the only copy); the
          // array belongs to b, which nothing writes to after the codec built it
          requests.onNext(Frame.buffer(i, ch.credit().backlog(), b));
          ch.onShipped();
          progress = true;
        }
      }
      nextToDrain = n == 0 ? 0 : (nextToDrain + 1) % n;
    }
  }

  @Override
  public void onNext(Frame in) {
    DataFrame frame = in.control();
    if (frame != null && frame.hasCredit()) {
      Slot slot;
      synchronized (this) {
        slot = byHandle.get(frame.getCredit().getHandle());
      }
      if (slot != null) { // else the channel's attempt was released meanwhile
        slot.channel().onCredit(frame.getCredit().getCredit());
      }
    }
    requests.request(1);
  }

  @Override
  public void onError(Throwable t) {
    failure = new IllegalStateException("data connection to " + target + " failed: " + t.getMessage(), t);
    LOG.log(System.Logger.Level.WARNING, "data connection to {0} failed: {1}", target, t.toString());
    wakeAll();
  }

  @Override
  public void onCompleted() {
    failure = new IllegalStateException("data connection to " + target + " was closed by the receiver");
    wakeAll();
  }

  private void wakeAll() {
    List<RemoteOutputChannel> copy;
    synchronized (this) {
      copy = channels.stream().map(Slot::channel).toList();
    }
    for (RemoteOutputChannel c : copy) {
      c.producerWaker().wakeUp();
    }
  }

  /**
   * Stops serving the channels of a job attempt that was cancelled or has ended: whatever they still hold is
   * dropped, and credit for them is ignored. The receiver forgets them on its side ({@link ChannelRegistry}).
   */
  public synchronized void removeAttempt(String jobId, int attempt) {
    channels.removeIf(s -> s.key().jobId().equals(jobId) && s.key().attempt() == attempt);
    byHandle.values().removeIf(s -> s.key().jobId().equals(jobId) && s.key().attempt() == attempt);
    nextToDrain = 0;
  }

  /** Channels served on this stream. */
  public synchronized int channelCount() {
    return channels.size();
  }

  public boolean isFailed() {
    return failure != null;
  }

  /** Ends the stream (the runtime shuts down). */
  public synchronized void close() {
    if (requests != null && failure == null) {
      requests.onCompleted();
    }
  }
}
