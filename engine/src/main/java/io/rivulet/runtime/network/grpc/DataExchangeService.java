package io.rivulet.runtime.network.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rivulet.proto.data.DataExchangeGrpc;
import io.rivulet.proto.data.DataFrame;

/** The gRPC service a runtime serves to the runtimes that send it data. */
public final class DataExchangeService extends DataExchangeGrpc.DataExchangeImplBase {
  /** Frames requested ahead on a new stream. */
  static final int INBOUND_WINDOW = 8;

  private final ChannelRegistry registry;

  public DataExchangeService(ChannelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public StreamObserver<DataFrame> connect(StreamObserver<DataFrame> responseObserver) {
    ServerCallStreamObserver<DataFrame> responses = (ServerCallStreamObserver<DataFrame>) responseObserver;
    responses.disableAutoRequest();
    InboundStream stream = new InboundStream(responses, registry);
    // with a cancel handler, credit sent on a stream the producer gave up is dropped instead of throwing into
    // whoever granted it (a consumer task, or a runtime deploying one); the producer side reports the failure
    responses.setOnCancelHandler(stream::onCancelled);
    // a few frames may be delivered ahead of the one being handled: credit already bounds the data frames,
    // so this only saves a thread hop per frame (each handled frame requests one more)
    responses.request(INBOUND_WINDOW);
    return stream;
  }
}
