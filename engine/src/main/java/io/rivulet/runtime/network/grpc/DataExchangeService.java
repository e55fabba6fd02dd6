package io.rivulet.runtime.network.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.rivulet.proto.data.DataExchangeGrpc;
import io.rivulet.proto.data.DataFrame;

/** The gRPC service a runtime serves to the runtimes that send it data. */
public final class DataExchangeService extends DataExchangeGrpc.DataExchangeImplBase {
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
    responses.request(1);
    return stream;
  }
}
