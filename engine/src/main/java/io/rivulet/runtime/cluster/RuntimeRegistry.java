package io.rivulet.runtime.cluster;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.rivulet.proto.control.TaskRuntimeGrpc;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.tracing.Tracing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The task runtimes the control plane knows: registration, heartbeats, slot allocation and loss detection
 * (no heartbeat within the timeout). Thread-safe: gRPC threads register and heartbeat, job masters allocate,
 * the monitor expires.
 */
public final class RuntimeRegistry implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RuntimeRegistry.class.getName());

  /** A registered runtime and what the control plane knows of it. */
  public final class Entry {
    private final RuntimeInfo info;
    private final ManagedChannel channel;
    private final TaskRuntimeGrpc.TaskRuntimeBlockingStub stub;
    private volatile long lastHeartbeat;
    private volatile List<TaskSummary> tasks = List.of();
    /** Slots per job id; guarded by the registry. */
    private final Map<String, Integer> allocated = new HashMap<>();
    private final long registeredAt = clock.getAsLong();

    Entry(RuntimeInfo info) {
      this.info = info;
      this.channel = NettyChannelBuilder.forAddress(info.host(), info.controlPort()).usePlaintext()
          .intercept(tracing.clientInterceptor()).build();
      this.stub = TaskRuntimeGrpc.newBlockingStub(channel);
      this.lastHeartbeat = clock.getAsLong();
    }

    public RuntimeInfo info() {
      return info;
    }

    /** Calls with a deadline: a runtime that does not answer must not hang a job master. */
    public TaskRuntimeGrpc.TaskRuntimeBlockingStub stub() {
      return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public long lastHeartbeat() {
      return lastHeartbeat;
    }

    public long registeredAt() {
      return registeredAt;
    }

    public List<TaskSummary> tasks() {
      return tasks;
    }

    int used() {
      return allocated.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Slots allocated to jobs. */
    public int usedSlots() {
      synchronized (RuntimeRegistry.this) {
        return used();
      }
    }

    int free() {
      return info.slots() - used();
    }
  }

  private final Map<String, Entry> runtimes = new LinkedHashMap<>();
  private final long heartbeatTimeoutMillis;
  private final List<Consumer<RuntimeInfo>> lostListeners = new CopyOnWriteArrayList<>();
  private final Tracing tracing;
  /** Epoch millis of registrations, heartbeats and expiry checks; a test drives it by hand. */
  private final LongSupplier clock;
  /** When the monitor last checked heartbeats (epoch millis; 0 before it first ran): the liveness of that loop. */
  private volatile long lastMonitorRun;

  public RuntimeRegistry(long heartbeatTimeoutMillis) {
    this(heartbeatTimeoutMillis, Tracing.noop());
  }

  /**
   * @param tracing how calls to runtimes carry the trace context (and how job masters trace scheduling, deployment
   *     and checkpoints)
   */
  public RuntimeRegistry(long heartbeatTimeoutMillis, Tracing tracing) {
    this(heartbeatTimeoutMillis, tracing, System::currentTimeMillis);
  }

  /**
   * @param clock epoch millis, for when runtimes registered and heartbeated and for expiry: tests pass one they
   *     advance themselves, so that "silent past the timeout" does not depend on how fast the test runs
   */
  public RuntimeRegistry(long heartbeatTimeoutMillis, Tracing tracing, LongSupplier clock) {
    this.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
    this.tracing = tracing;
    this.clock = clock;
  }

  public Tracing tracing() {
    return tracing;
  }

  /** Epoch millis of the monitor's last heartbeat check, 0 if it has not run (liveness of the control plane). */
  public long lastMonitorRun() {
    return lastMonitorRun;
  }

  public void onRuntimeLost(Consumer<RuntimeInfo> listener) {
    lostListeners.add(listener);
  }

  /**
   * Registers (or re-registers) a runtime. A runtime that registers again while it held slots has restarted
   * and lost its tasks: it counts as lost first.
   */
  public void register(RuntimeInfo info) {
    Entry old;
    synchronized (this) {
      old = runtimes.put(info.id(), new Entry(info));
    }
    if (old != null) {
      old.channel.shutdownNow();
      if (old.used() > 0) {
        lost(old.info, "it registered again, so it restarted and lost its tasks");
      }
    }
    LOG.log(System.Logger.Level.INFO, "task runtime {0} registered at {1}:{2} with {3} slots", info.id(),
        info.host(), String.valueOf(info.controlPort()), String.valueOf(info.slots()));
  }

  /** @return false if the runtime is unknown (it must register again) */
  public boolean heartbeat(String runtimeId, List<TaskSummary> tasks) {
    Entry e;
    synchronized (this) {
      e = runtimes.get(runtimeId);
    }
    if (e == null) {
      return false;
    }
    e.lastHeartbeat = clock.getAsLong();
    e.tasks = List.copyOf(tasks);
    return true;
  }

  public synchronized Optional<Entry> get(String runtimeId) {
    return Optional.ofNullable(runtimes.get(runtimeId));
  }

  public synchronized List<Entry> all() {
    return new ArrayList<>(runtimes.values());
  }

  public synchronized int totalSlots() {
    return runtimes.values().stream().mapToInt(e -> e.info.slots()).sum();
  }

  public synchronized int freeSlots() {
    return runtimes.values().stream().mapToInt(Entry::free).sum();
  }

  /**
   * Takes {@code n} slots for a job, spread over runtimes (each next slot goes to the runtime with the most
   * free slots), or nothing if there are not enough.
   */
  public synchronized Optional<SlotAssignment> allocate(String jobId, int n) {
    if (freeSlots() < n) {
      return Optional.empty();
    }
    Map<Entry, Integer> free = new LinkedHashMap<>();
    for (Entry e : runtimes.values()) {
      if (e.free() > 0) {
        free.put(e, e.free());
      }
    }
    List<RuntimeInfo> slots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Entry best = free.entrySet().stream().filter(x -> x.getValue() > 0)
          .max(Comparator.<Map.Entry<Entry, Integer>>comparingInt(Map.Entry::getValue)
              .thenComparing(x -> x.getKey().info.id(), Comparator.reverseOrder()))
          .orElseThrow().getKey();
      free.merge(best, -1, Integer::sum);
      best.allocated.merge(jobId, 1, Integer::sum);
      slots.add(best.info);
    }
    return Optional.of(new SlotAssignment(List.copyOf(slots)));
  }

  public synchronized void release(String jobId) {
    for (Entry e : runtimes.values()) {
      e.allocated.remove(jobId);
    }
  }

  /**
   * A call to the runtime found nobody listening (e.g. a deployment got UNAVAILABLE): drop it now rather than
   * after the heartbeat timeout, so the next attempt is not placed there. A runtime that is alive after all
   * registers again with its next heartbeat.
   */
  public void reportUnreachable(String runtimeId, String reason) {
    Entry e;
    synchronized (this) {
      e = runtimes.remove(runtimeId);
    }
    if (e != null) {
      e.channel.shutdownNow();
      lost(e.info, "unreachable: " + reason);
    }
  }

  /** Checks heartbeats every {@code periodMillis}; runtimes silent for longer than the timeout are lost. */
  public void startMonitor(ScheduledExecutorService timer, long periodMillis) {
    timer.scheduleWithFixedDelay(this::expire, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  void expire() {
    long now = clock.getAsLong();
    lastMonitorRun = now;
    List<Entry> dead = new ArrayList<>();
    synchronized (this) {
      runtimes.values().removeIf(e -> {
        if (now - e.lastHeartbeat > heartbeatTimeoutMillis) {
          dead.add(e);
          return true;
        }
        return false;
      });
    }
    for (Entry e : dead) {
      e.channel.shutdownNow();
      lost(e.info, "no heartbeat for " + (now - e.lastHeartbeat) + " ms (timeout " + heartbeatTimeoutMillis + " ms)");
    }
  }

  private void lost(RuntimeInfo info, String reason) {
    LOG.log(System.Logger.Level.WARNING, "task runtime {0} lost: {1}", info.id(), reason);
    for (Consumer<RuntimeInfo> l : lostListeners) {
      l.accept(info);
    }
  }

  @Override
  public synchronized void close() {
    runtimes.values().forEach(e -> e.channel.shutdownNow());
    runtimes.clear();
  }
}
