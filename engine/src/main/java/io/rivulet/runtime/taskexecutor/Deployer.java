package io.rivulet.runtime.taskexecutor;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.proto.control.TaskPlacement;
import io.rivulet.runtime.checkpoint.CheckpointFormat;
import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.deploy.AttemptChannels;
import io.rivulet.runtime.deploy.ClusterWiring;
import io.rivulet.runtime.deploy.Placement;
import io.rivulet.runtime.deploy.TaskLocation;
import io.rivulet.runtime.metrics.LatencySpans;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.tasks.LatencyListener;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tasks.TaskInfo;
import io.rivulet.runtime.tasks.TaskServices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link DeployRequest} into running tasks: the job's class loader (its JAR fetched and checked), the
 * job graph read with it, one {@link StreamTask} per deployed subtask (restored if the request carries state),
 * channels wired by {@link ClusterWiring}, threads started. Runs on the gRPC thread that serves the request.
 */
final class Deployer {
  private static final AttributeKey<String> JAR_URL = AttributeKey.stringKey("rivulet.jar.url");
  private static final AttributeKey<Long> LOCAL_CHANNELS = AttributeKey.longKey("rivulet.channels.local");
  private static final AttributeKey<Long> REMOTE_IN = AttributeKey.longKey("rivulet.channels.remote_in");
  private static final AttributeKey<Long> REMOTE_OUT = AttributeKey.longKey("rivulet.channels.remote_out");

  private final SharedServices shared;
  private final WorkDirStateBackends stateBackends;
  /** Where latency markers that reach sink tasks go: a span each, and the observer's timer if it keeps one. */
  private final LatencyListener latency;

  Deployer(SharedServices shared) {
    this.shared = shared;
    this.stateBackends = new WorkDirStateBackends(shared.rocksDbDirectory());
    this.latency = LatencyListener.both(new LatencySpans(shared.tracer()), LatencyListener.of(shared.taskObserver()));
  }

  /**
   * Deploys into {@code attempt}; on any exception nothing of the request keeps running and the caller must
   * {@link DeployedAttempt#discard()} it.
   */
  void deploy(DeployRequest request, DeployedAttempt attempt) throws IOException {
    String jobId = request.getJobId();
    JobClassLoaders.Lease lease = request.getJarUrl().isEmpty() ? shared.classLoaders().builtIn() : fetchJar(request);
    attempt.useClassLoader(lease);
    ClassLoader loader = lease.classLoader();
    JobGraph graph = SerializedCopy.readJobGraph(request.getJobGraph().toByteArray(), loader, lease.jobClasses());
    Placement placement = placement(request, graph);
    TaskServices services = new TaskServices(stateBackends, new CheckpointStorage(checkpointRoot(request)),
        shared.timer(), shared.checkpointIo(), new ReportingCheckpointResponder(jobId, shared.reports()),
        latency);
    Map<SubtaskId, StreamTask> tasks = new LinkedHashMap<>();
    for (TaskDeployment d : request.getTasksList()) {
      JobVertex vertex = graph.vertex(d.getVertexId());
      if (d.getSubtask() < 0 || d.getSubtask() >= vertex.parallelism()) {
        throw new IllegalArgumentException("vertex '" + vertex.name() + "' has no subtask " + d.getSubtask());
      }
      TaskRestore restore = CheckpointFormat.restoreOf(d, "the restore state of subtask " + vertex.name() + " #"
          + d.getSubtask());
      TaskInfo info = new TaskInfo(jobId, graph, vertex, d.getSubtask(), request.getAttempt());
      if (tasks.put(info.subtaskId(), new StreamTask(info, services, attempt, loader, restore)) != null) {
        throw new IllegalArgumentException("subtask " + info.displayName() + " is deployed twice");
      }
    }
    AttemptChannels channels = new ClusterWiring(graph, jobId, request.getAttempt(), placement, shared.runtimeId(),
        shared.dataExchange()).wire(tasks);
    Span.current().addEvent("channels wired", Attributes.of(LOCAL_CHANNELS, (long) channels.localChannels(),
        REMOTE_IN, (long) channels.remoteInputChannels(), REMOTE_OUT, (long) channels.remoteOutputChannels()));
    tasks.values().forEach(shared.taskObserver()::taskDeployed);
    attempt.start(tasks, channels);
  }

  /** The job's JAR, fetched (or found cached) and checked, traced as its own span. */
  private JobClassLoaders.Lease fetchJar(DeployRequest request) throws IOException {
    Span span = shared.tracer().spanBuilder("fetch job JAR").setAttribute(JAR_URL, request.getJarUrl()).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return shared.classLoaders().acquire(request.getJarUrl(), request.getJarSha256());
    } catch (IOException | RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.toString());
      throw e;
    } finally {
      span.end();
    }
  }

  /** The job's checkpoint storage: the directory the control plane named, else {@code <default root>/<job>}. */
  private Path checkpointRoot(DeployRequest request) {
    return request.getCheckpointDirectory().isEmpty() ? shared.checkpointsDirectory().resolve(request.getJobId())
        : Path.of(request.getCheckpointDirectory());
  }

  private static Placement placement(DeployRequest request, JobGraph graph) {
    Placement.Builder builder = Placement.builder();
    for (TaskPlacement p : request.getPlacement().getPlacementsList()) {
      builder.place(p.getVertexId(), p.getSubtask(), new TaskLocation(p.getRuntimeId(), p.getHost(), p.getDataPort()));
    }
    return builder.build(graph);
  }
}
