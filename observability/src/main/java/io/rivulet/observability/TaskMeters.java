package io.rivulet.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.rivulet.runtime.tasks.LatencyListener;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.operators.SourceMetrics;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tasks.TaskInfo;
import io.rivulet.runtime.tasks.TaskIoMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The meters of every task this process runs, named {@code rivulet.task.*} (Prometheus: {@code rivulet_task_*}) and
 * tagged {@code job, job_name, vertex, vertex_name, subtask, attempt, runtime}. Registered when a task is deployed
 * and removed when its thread ends.
 *
 * <p>Every meter reads the task's own counters when scraped (function counters and gauges), so a record costs
 * nothing more than what the engine counts anyway. The per-second shares of busy, idle and back-pressured time
 * (as Flink's {@code busyTimeMsPerSecond} ...) come from a sampler thread that reads each task's time counters once a
 * second.
 *
 * <p>Jobs with latency markers ({@code JobConfig.latencyMarkerInterval}) also get a timer
 * {@code rivulet.task.record.latency} on each task with a sink, one per source vertex (tag {@code source_vertex}):
 * the time from a marker's emission at the source to its arrival here, recorded once per marker.
 */
public final class TaskMeters implements TaskObserver, LatencyListener, AutoCloseable {
  /** How often the per-second shares are sampled. */
  static final long SAMPLE_MILLIS = 1_000;

  private final MeterRegistry registry;
  private final String runtimeId;
  private final Map<StreamTask, Bound> bound = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler;

  /** @param runtimeId the {@code runtime} tag: the task runtime's id, or "embedded" in the control plane */
  public TaskMeters(MeterRegistry registry, String runtimeId) {
    this.registry = registry;
    this.runtimeId = runtimeId;
    this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rivulet-metrics-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(this::sampleAll, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void taskDeployed(StreamTask task) {
    Bound b = new Bound(task);
    if (bound.putIfAbsent(task, b) == null) {
      b.register();
    }
  }

  @Override
  public void taskEnded(StreamTask task) {
    Bound b = bound.remove(task);
    if (b != null) {
      b.meters.forEach(registry::remove);
      b.latencyTimers.values().forEach(registry::remove);
    }
  }

  /** Task thread of a sink task, once per marker. */
  @Override
  public void markerArrived(StreamTask task, StreamEvent.LatencyMarker marker, long arrivalMillis) {
    Bound b = bound.get(task);
    if (b != null) {
      b.latencyTimers.computeIfAbsent(marker.sourceVertex(), source -> Timer.builder("rivulet.task.record.latency")
          .tags(b.tags.and("source_vertex", String.valueOf(source)))
          .description("time from a latency marker's emission at the source vertex to its arrival at this sink task")
          .register(registry))
          .record(Duration.ofMillis(Math.max(0, arrivalMillis - marker.emitTimeMillis())));
    }
  }

  /** Tasks with meters now. */
  public int boundTasks() {
    return bound.size();
  }

  private void sampleAll() {
    long now = System.nanoTime();
    for (Bound b : bound.values()) {
      b.sample(now);
    }
  }

  /** Stops sampling and removes every task's meters (the process shuts down). */
  @Override
  public void close() {
    sampler.shutdownNow();
    for (StreamTask t : List.copyOf(bound.keySet())) {
      taskEnded(t);
    }
  }

  /** The tags of one task. */
  static Tags tags(TaskInfo info, String runtimeId) {
    return Tags.of("job", info.jobId(), "job_name", info.job().jobName(),
        "vertex", String.valueOf(info.vertex().id()), "vertex_name", info.vertex().name(),
        "subtask", String.valueOf(info.subtaskIndex()), "attempt", String.valueOf(info.attempt()),
        "runtime", runtimeId);
  }

  /** One task's meters and the state of its per-second shares. */
  private final class Bound {
    private final StreamTask task;
    /** What the meters read; held here because function counters hold it weakly. */
    private final TaskIoMetrics io;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();
    /** By source vertex; created by the task thread on the first marker from that source, removed when it ends. */
    private final Map<Integer, Timer> latencyTimers = new ConcurrentHashMap<>();
    // sampler thread writes, scrapes read
    private volatile double backPressuredMsPerSecond;
    private volatile double idleMsPerSecond;
    private volatile double busyMsPerSecond;
    // sampler thread only
    private long lastSample = System.nanoTime();
    private long lastBackPressured;
    private long lastIdle;

    Bound(StreamTask task) {
      this.task = task;
      this.io = task.metrics();
      this.tags = tags(task.info(), runtimeId);
      this.lastBackPressured = io.backPressuredNanos();
      this.lastIdle = io.idleNanos();
    }

    void sample(long now) {
      long elapsed = now - lastSample;
      if (elapsed <= 0) {
        return;
      }
      long bp = io.backPressuredNanos();
      long idle = io.idleNanos();
      double perSecond = 1_000.0 / elapsed; // nanos waited per nano elapsed, as ms per second
      backPressuredMsPerSecond = clamp((bp - lastBackPressured) * perSecond);
      idleMsPerSecond = clamp((idle - lastIdle) * perSecond);
      busyMsPerSecond = clamp(1_000.0 - backPressuredMsPerSecond - idleMsPerSecond);
      lastSample = now;
      lastBackPressured = bp;
      lastIdle = idle;
    }

    private double clamp(double ms) {
      return Math.max(0, Math.min(1_000, ms));
    }

    void register() {
      counter("rivulet.task.records.in", "records the task took from its inputs (0 for a source)",
          t -> t.recordsIn());
      counter("rivulet.task.records.out", "records the task wrote to its outputs", t -> t.recordsOut());
      counter("rivulet.task.bytes.in", "serialized bytes received from other runtimes (local channels hand over"
          + " objects: 0)", t -> t.bytesIn());
      counter("rivulet.task.bytes.out", "serialized bytes sent to other runtimes (local channels hand over"
          + " objects: 0)", t -> t.bytesOut());
      counter("rivulet.task.back.pressured.ms", "milliseconds the task waited for output credit",
          t -> t.backPressuredNanos() / 1e6);
      counter("rivulet.task.idle.ms", "milliseconds the task waited for input", t -> t.idleNanos() / 1e6);
      meters.add(Gauge.builder("rivulet.task.back.pressured.ms.per.second", this, b -> b.backPressuredMsPerSecond)
          .tags(tags).description("share of the last second the task waited for output credit, in ms")
          .strongReference(true).register(registry));
      meters.add(Gauge.builder("rivulet.task.idle.ms.per.second", this, b -> b.idleMsPerSecond)
          .tags(tags).description("share of the last second the task waited for input, in ms")
          .strongReference(true).register(registry));
      meters.add(Gauge.builder("rivulet.task.busy.ms.per.second", this, b -> b.busyMsPerSecond)
          .tags(tags).description("share of the last second the task worked (neither idle nor back-pressured), in ms")
          .strongReference(true).register(registry));
      gauge("rivulet.task.input.queue.length", "buffers and events queued at the task's inputs",
          t -> t.inputQueueLength());
      gauge("rivulet.task.output.queue.length", "buffers and events sent and not yet taken by the receivers",
          t -> t.outputQueueLength());
      gauge("rivulet.task.output.credit", "buffers the receivers granted that the task has not filled yet",
          t -> t.outputCredit());
      gauge("rivulet.task.output.channels.without.credit", "output channels the task would have to wait for",
          t -> t.outputChannelsWithoutCredit());
      gauge("rivulet.task.output.channels", "output channels of the task", t -> t.outputChannelCount());
      gauge("rivulet.task.current.watermark", "event-time watermark of the task's head operator (epoch ms; NaN"
          + " before the first)", t -> {
            long w = t.currentWatermark();
            return w == Long.MIN_VALUE ? Double.NaN : w;
          });
      for (int g = 0; g < io.inputCount(); g++) {
        InputGate gate = task.inputGate(g);
        Tags gateTags = tags.and("gate", String.valueOf(g));
        buffers("used", "floating", gateTags, gate, InputGate::floatingBuffersInUse,
            "floating buffers of the input gate lent to its channels");
        buffers("capacity", "floating", gateTags, gate, InputGate::floatingBuffersCapacity,
            "floating buffers of the input gate");
        buffers("used", "exclusive", gateTags, gate, InputGate::exclusiveBuffersInUse,
            "exclusive buffers of the gate's channels holding data");
        buffers("capacity", "exclusive", gateTags, gate, InputGate::exclusiveBuffersCapacity,
            "exclusive buffers of the gate's channels");
      }
      if (task.info().vertex().head().isSource()) {
        gauge("rivulet.task.source.lag", "records the source has not read yet, as its reader reports (Kafka: end"
            + " offsets minus positions); NaN when not reported", t -> {
              SourceMetrics s = t.sourceMetrics();
              return s == null || s.lag() < 0 ? Double.NaN : s.lag();
            });
      }
    }

    private void counter(String name, String description, ToDoubleFunction<TaskIoMetrics> value) {
      // function counters hold their object weakly: this binding keeps it until the task ended
      meters.add(FunctionCounter.builder(name, io, value).tags(tags).description(description).register(registry));
    }

    private void gauge(String name, String description, ToDoubleFunction<TaskIoMetrics> value) {
      meters.add(Gauge.builder(name, io, value).tags(tags).description(description)
          .strongReference(true).register(registry));
    }

    private void buffers(String what, String pool, Tags gateTags, InputGate gate, ToDoubleFunction<InputGate> value,
        String description) {
      meters.add(Gauge.builder("rivulet.task.input.buffers." + what, gate, value).tags(gateTags.and("pool", pool))
          .description(description).strongReference(true).register(registry));
    }
  }
}
