package io.rivulet.runtime.network.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rivulet.proto.data.Credit;
import io.rivulet.proto.data.DataFrame;
import io.rivulet.runtime.network.RemoteInputChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiving side of one stream from a producer runtime: routes buffers to their channels and sends
 * credit back. Inbound flow control is manual: one message is requested at a time, after the previous one
 * was handed to its channel, so gRPC never queues more than the credit allows.
 */
final class InboundStream implements StreamObserver<Frame> {
  private static final System.Logger LOG = System.getLogger(InboundStream.class.getName());

  private final ServerCallStreamObserver<Frame> responses;
  private final ChannelRegistry registry;
  private final Map<Integer, RemoteInputChannel> byHandle = new ConcurrentHashMap<>();
  private final Map<RemoteInputChannel, Integer> handles = new ConcurrentHashMap<>();
  /** Handles whose attempt was removed: what still arrives for them is dropped (they never come back). */
  private final Set<Integer> released = ConcurrentHashMap.newKeySet();

  InboundStream(ServerCallStreamObserver<Frame> responses, ChannelRegistry registry) {
    this.responses = responses;
    this.registry = registry;
  }

  @Override
  public void onNext(Frame in) {
    if (in.isBuffer()) {
      onBuffer(in);
      return;
    }
    DataFrame frame = in.control();
    switch (frame.getKindCase()) {
      case OPEN -> {
        var o = frame.getOpen();
        registry.onOpen(new ChannelKey(o.getJobId(), o.getAttempt(), o.getEdgeId(), o.getProducerSubtask(),
            o.getConsumerSubtask()), this, o.getHandle());
      }
      case BACKLOG -> {
        RemoteInputChannel channel = byHandle.get(frame.getBacklog().getHandle());
        if (channel != null) {
          channel.onBacklog(frame.getBacklog().getBacklog());
        }
      }
      default -> LOG.log(System.Logger.Level.WARNING, "unexpected frame from a producer: {0}", frame.getKindCase());
    }
    responses.request(1);
  }

  /** A data or event buffer: handed to its channel as it arrived (the marshaller read it into an array of its own). */
  private void onBuffer(Frame frame) {
    RemoteInputChannel channel = byHandle.get(frame.handle());
    if (channel == null && released.contains(frame.handle())) {
      responses.request(1); // in flight when the attempt was released: drop
      return;
    }
    if (channel == null) {
      responses.onError(io.grpc.Status.FAILED_PRECONDITION
          .withDescription("buffer for channel handle " + frame.handle() + " that has no credit").asRuntimeException());
      return;
    }
    channel.onBuffer(frame.buffer(), frame.backlog());
    responses.request(1);
  }

  /** Both sides of a channel are known: route its buffers and grant its initial credit. */
  void bind(int handle, RemoteInputChannel channel) {
    byHandle.put(handle, channel);
    handles.put(channel, handle);
    channel.open(this::announce);
  }

  /** The channel's attempt is over: stop routing to it (its gate and buffers can go). */
  void unbind(int handle) {
    released.add(handle);
    RemoteInputChannel channel = byHandle.remove(handle);
    if (channel != null) {
      handles.remove(channel);
    }
  }

  /** Sends the channel's unannounced credit (called when it went from 0 to n). */
  void announce(RemoteInputChannel channel) {
    Integer handle = handles.get(channel);
    if (handle == null) {
      return;
    }
    synchronized (responses) {
      int credit = channel.credit().takeAnnouncement();
      if (credit > 0) {
        responses.onNext(Frame.control(DataFrame.newBuilder()
            .setCredit(Credit.newBuilder().setHandle(handle).setCredit(credit)).build()));
      }
    }
  }

  /** The producer cancelled the stream (its runtime went away or shut the connection down). */
  void onCancelled() {
    LOG.log(System.Logger.Level.DEBUG, "data stream from a producer was cancelled");
  }

  @Override
  public void onError(Throwable t) {
    LOG.log(System.Logger.Level.DEBUG, "data stream from a producer failed: {0}", t.toString());
  }

  @Override
  public void onCompleted() {
    synchronized (responses) {
      responses.onCompleted();
    }
  }
}
