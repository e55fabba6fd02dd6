package io.rivulet.taskruntime;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.ControlPlaneGrpc;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.HeartbeatRequest;
import io.rivulet.proto.control.HeartbeatResponse;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.proto.control.RegisterResponse;
import io.rivulet.proto.control.TaskRuntimeGrpc;
import io.rivulet.proto.control.TaskStateReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A control plane for tests, on a loopback port over the same gRPC stack as the real one: records what runtimes
 * send (registrations, heartbeats, task states, checkpoint answers), can refuse registrations or forget
 * runtimes, and opens TaskRuntime stubs to the runtimes that registered, to drive them like a job master.
 */
public final class FakeControlPlane implements AutoCloseable {
  public final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
  public final List<RegisterRequest> refused = new CopyOnWriteArrayList<>();
  public final List<HeartbeatRequest> heartbeats = new CopyOnWriteArrayList<>();
  public final List<TaskStateReport> states = new CopyOnWriteArrayList<>();
  public final List<CheckpointAck> acks = new CopyOnWriteArrayList<>();
  public final List<CheckpointDecline> declines = new CopyOnWriteArrayList<>();
  /** Runtimes registered and not forgotten. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Server server;
  public volatile boolean accept = true;
  public volatile long heartbeatIntervalMillis = 50;

  private FakeControlPlane(int port) throws IOException {
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .addService(new Service()).build().start();
  }

  public static FakeControlPlane start() throws IOException {
    return new FakeControlPlane(0);
  }

  public static FakeControlPlane startOn(int port) throws IOException {
    return new FakeControlPlane(port);
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** As after a restart of the control plane: the runtime's next heartbeat is answered with known=false. */
  public void forget(String runtimeId) {
    known.remove(runtimeId);
  }

  public void forgetAll() {
    known.clear();
  }

  public boolean knows(String runtimeId) {
    return known.contains(runtimeId);
  }

  public long registrationsOf(String runtimeId) {
    return registrations.stream().filter(r -> r.getRuntimeId().equals(runtimeId)).count();
  }

  public long heartbeatsOf(String runtimeId) {
    return heartbeats.stream().filter(h -> h.getRuntimeId().equals(runtimeId)).count();
  }

  /** The states reported for one subtask, in order. */
  public List<String> statesOf(String jobId, int attempt, int vertexId, int subtask) {
    return states.stream().filter(s -> s.getJobId().equals(jobId) && s.getAttempt() == attempt
        && s.getVertexId() == vertexId && s.getSubtask() == subtask).map(r -> r.getState().name()).toList();
  }

  /** How many subtasks of the attempt reported {@code state}. */
  public long subtasksIn(String jobId, int attempt, String state) {
    return states.stream().filter(s -> s.getJobId().equals(jobId) && s.getAttempt() == attempt
        && s.getState().name().equals(state)).map(s -> s.getVertexId() + "#" + s.getSubtask()).distinct().count();
  }

  public Optional<TaskStateReport> failureOf(String jobId) {
    return states.stream().filter(s -> s.getJobId().equals(jobId) && s.getState() == ExecutionState.FAILED).findFirst();
  }

  /** A stub to the TaskRuntime service of a registered runtime. */
  public TaskRuntimeGrpc.TaskRuntimeBlockingStub runtime(String runtimeId) {
    RegisterRequest r = registrations.stream().filter(x -> x.getRuntimeId().equals(runtimeId)).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalStateException(runtimeId + " never registered"));
    ManagedChannel ch = channels.computeIfAbsent(runtimeId,
        id -> NettyChannelBuilder.forAddress(r.getHost(), r.getControlPort()).usePlaintext().build());
    return TaskRuntimeGrpc.newBlockingStub(ch);
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    server.shutdownNow();
  }

  private final class Service extends ControlPlaneGrpc.ControlPlaneImplBase {
    @Override
    public void register(RegisterRequest r, StreamObserver<RegisterResponse> out) {
      if (accept) {
        registrations.add(r);
        known.add(r.getRuntimeId());
        out.onNext(RegisterResponse.newBuilder().setAccepted(true).setHeartbeatIntervalMs(heartbeatIntervalMillis)
            .build());
      } else {
        refused.add(r);
        out.onNext(RegisterResponse.newBuilder().setAccepted(false).setMessage("not now").build());
      }
      out.onCompleted();
    }

    @Override
    public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatResponse> out) {
      heartbeats.add(r);
      out.onNext(HeartbeatResponse.newBuilder().setKnown(known.contains(r.getRuntimeId())).build());
      out.onCompleted();
    }

    @Override
    public void reportTaskState(TaskStateReport r, StreamObserver<Ack> out) {
      states.add(r);
      ok(out);
    }

    @Override
    public void acknowledgeCheckpoint(CheckpointAck r, StreamObserver<Ack> out) {
      acks.add(r);
      ok(out);
    }

    @Override
    public void declineCheckpoint(CheckpointDecline r, StreamObserver<Ack> out) {
      declines.add(r);
      ok(out);
    }

    private void ok(StreamObserver<Ack> out) {
      out.onNext(Ack.newBuilder().setOk(true).build());
      out.onCompleted();
    }
  }
}
