package io.rivulet.runtime.network.grpc;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.rivulet.proto.data.DataExchangeGrpc;

/**
 * The gRPC service a runtime serves to the runtimes that send it data: {@code DataExchange.Connect} of
 * {@code data.proto}, bound with {@link FrameMarshaller} instead of the generated marshaller (same bytes on the
 * wire, no payload copies).
 */
public final class DataExchangeService implements BindableService {
  /** Frames requested ahead on a new stream. */
  static final int INBOUND_WINDOW = 8;

  private final ChannelRegistry registry;

  public DataExchangeService(ChannelRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder(DataExchangeGrpc.SERVICE_NAME)
        .addMethod(FrameMarshaller.CONNECT, ServerCalls.asyncBidiStreamingCall(this::connect))
        .build();
  }

  StreamObserver<Frame> connect(StreamObserver<Frame> responseObserver) {
    ServerCallStreamObserver<Frame> responses = (ServerCallStreamObserver<Frame>) responseObserver;
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
