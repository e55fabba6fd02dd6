package io.rivulet.runtime.network.grpc;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rivulet.proto.data.Buffer;
import io.rivulet.proto.data.DataExchangeGrpc;
import io.rivulet.proto.data.DataFrame;
import io.rivulet.proto.data.OpenChannel;
import io.rivulet.runtime.network.NetworkBuffer;
import io.rivulet.runtime.network.RemoteOutputChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The one stream from this runtime to another that carries every channel between them. Ships a channel's
 * buffers only when its {@code OutputCredit} allows and gRPC's transport is ready ({@code isReady} plus the
 * on-ready handler), so neither the receiver nor gRPC ever buffers more than the credit.
 */
public final class OutboundConnection implements ClientResponseObserver<DataFrame, DataFrame> {
  private static final System.Logger LOG = System.getLogger(OutboundConnection.class.getName());

  private final String target;
  /** Channels by handle; guarded by {@code this}. */
  private final List<RemoteOutputChannel> channels = new ArrayList<>();
  private ClientCallStreamObserver<DataFrame> requests;
  private volatile Throwable failure;
  private int nextToDrain;

  public OutboundConnection(Channel grpcChannel, String target) {
    this.target = target;
    DataExchangeGrpc.newStub(grpcChannel).connect(this);
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<DataFrame> requestStream) {
    this.requests = requestStream;
    requestStream.disableAutoRequestWithInitial(1);
    requestStream.setOnReadyHandler(this::drain);
  }

  /** Announces a channel to the receiver; its buffers flow once the receiver grants credit. */
  public synchronized void register(ChannelKey key, RemoteOutputChannel channel) {
    int handle = channels.size();
    channels.add(channel);
    channel.setDrainer(this::drain);
    channel.setFailureSource(() -> failure);
    requests.onNext(DataFrame.newBuilder().setOpen(OpenChannel.newBuilder().setHandle(handle)
        .setJobId(key.jobId()).setAttempt(key.attempt()).setEdgeId(key.edgeId())
        .setProducerSubtask(key.producerSubtask()).setConsumerSubtask(key.consumerSubtask())).build());
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
        int i = (nextToDrain + k) % n;
        RemoteOutputChannel ch = channels.get(i);
        int backlog = ch.credit().backlogToAnnounce();
        if (backlog > 0) {
          requests.onNext(DataFrame.newBuilder().setBacklog(io.rivulet.proto.data.Backlog.newBuilder()
              .setHandle(i).setBacklog(backlog)).build());
          progress = true;
        }
        NetworkBuffer b = ch.credit().pollSendable();
        if (b != null) {
          requests.onNext(DataFrame.newBuilder().setBuffer(Buffer.newBuilder().setHandle(i).setEvent(b.event())
              .setRecords(b.records()).setBacklog(ch.credit().backlog())
              .setPayload(com.google.protobuf.UnsafeByteOperations.unsafeWrap(b.payload(), 0, b.length()))).build());
          ch.onShipped();
          progress = true;
        }
      }
      nextToDrain = n == 0 ? 0 : (nextToDrain + 1) % n;
    }
  }

  @Override
  public void onNext(DataFrame frame) {
    if (frame.hasCredit()) {
      RemoteOutputChannel ch;
      synchronized (this) {
        ch = channels.get(frame.getCredit().getHandle());
      }
      ch.onCredit(frame.getCredit().getCredit());
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
      copy = List.copyOf(channels);
    }
    for (RemoteOutputChannel c : copy) {
      c.producerWaker().wakeUp();
    }
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
