package io.rivulet.runtime.cluster;

import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.concurrent.ControlExecutor;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The task runtimes the control plane knows (Flink's resource manager): registration, heartbeats, slot requests and
 * loss detection. A runtime is lost when its heartbeat is overdue, when its gateway reports the connection broken,
 * when a call finds it unreachable, or when it registers again while holding slots (it restarted).
 *
 * <p>Its state changes on its own {@link ControlExecutor} only; callers on other threads go through methods that
 * post there and answer with futures. What the REST layer and metrics read ({@link #all()}, slot counts) is
 * published in volatile fields that the control thread writes, so reads never wait.
 */
public final class RuntimeRegistry implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RuntimeRegistry.class.getName());

  /** Told, on the registry's thread, that a runtime was lost; it must not block (post to your own executor). */
  public interface LostListener {
    void runtimeLost(RuntimeInfo runtime, String reason);
  }

  /** A registered runtime as others may read it. Fields written by the registry's thread only. */
  public static final class Entry {
    private final RuntimeInfo info;
    private final TaskRuntimeGateway gateway;
    private final long registeredAt;
    private volatile long lastHeartbeat;
    private volatile List<TaskSummary> tasks = List.of();
    private volatile int usedSlots;
    /** Slots per job id; registry thread only. */
    private final Map<String, Integer> allocated = new HashMap<>();

    Entry(RuntimeInfo info, TaskRuntimeGateway gateway, long now) {
      this.info = info;
      this.gateway = gateway;
      this.registeredAt = now;
      this.lastHeartbeat = now;
    }

    public RuntimeInfo info() {
      return info;
    }

    public TaskRuntimeGateway gateway() {
      return gateway;
    }

    public long lastHeartbeat() {
      return lastHeartbeat;
    }

    public long registeredAt() {
      return registeredAt;
    }

    /** The tasks its last heartbeat listed. */
    public List<TaskSummary> tasks() {
      return tasks;
    }

    public int usedSlots() {
      return usedSlots;
    }

    int free() {
      return info.slots() - usedSlots;
    }

    void allocate(String jobId) {
      allocated.merge(jobId, 1, Integer::sum);
      usedSlots++;
    }

    void release(String jobId) {
      Integer n = allocated.remove(jobId);
      if (n != null) {
        usedSlots -= n;
      }
    }
  }

  /** A slot request that waits for runtimes to register or for other jobs to give slots back. */
  private record SlotRequest(String jobId, int slots, CompletableFuture<SlotAssignment> future,
      ControlExecutor.Cancellable timeout) {}

  private final ControlExecutor executor;
  private final long heartbeatTimeoutMillis;
  private final Function<RuntimeInfo, TaskRuntimeGateway> gateways;
  private final List<LostListener> lostListeners = new CopyOnWriteArrayList<>();
  /** Registry thread only. */
  private final Map<String, Entry> runtimes = new LinkedHashMap<>();
  private final ArrayDeque<SlotRequest> waiting = new ArrayDeque<>();
  private boolean closed;
  /** What readers see: replaced by the registry's thread on every registration and loss. */
  private volatile List<Entry> published = List.of();
  /** When the monitor last checked heartbeats (epoch millis; 0 before it first ran): the liveness of that loop. */
  private volatile long lastMonitorRun;
  private volatile long monitorPeriodMillis;

  /**
   * @param gateways connects to a runtime that registered (gRPC to its control port, or the runtime in this JVM)
   */
  public RuntimeRegistry(ControlExecutor executor, long heartbeatTimeoutMillis,
      Function<RuntimeInfo, TaskRuntimeGateway> gateways) {
    this.executor = executor;
    this.heartbeatTimeoutMillis = heartbeatTimeoutMillis;
    this.gateways = gateways;
  }

  public ControlExecutor executor() {
    return executor;
  }

  public void onRuntimeLost(LostListener listener) {
    lostListeners.add(listener);
  }

  /** Epoch millis of the monitor's last heartbeat check, 0 if it has not run (liveness of the control plane). */
  public long lastMonitorRun() {
    return lastMonitorRun;
  }

  /** How often the monitor checks heartbeats; 0 before it started. */
  public long monitorPeriodMillis() {
    return monitorPeriodMillis;
  }

  public long heartbeatTimeoutMillis() {
    return heartbeatTimeoutMillis;
  }

  // ---------------------------------------------------------------- from runtimes (any thread)

  /**
   * Registers (or re-registers) a runtime. One that registers again while it held slots has restarted and lost its
   * tasks: it counts as lost first.
   */
  public CompletableFuture<Void> register(RuntimeInfo info) {
    return executor.call(() -> {
      if (closed) {
        throw new IllegalStateException("the control plane is shutting down");
      }
      Entry old = runtimes.remove(info.id());
      if (old != null) {
        old.gateway.close();
        if (old.usedSlots > 0) {
          lost(old, "it registered again, so it restarted and lost its tasks");
        }
      }
      TaskRuntimeGateway gateway = gateways.apply(info);
      Entry entry = new Entry(info, gateway, executor.now());
      runtimes.put(info.id(), entry);
      publish();
      gateway.watchConnection(() -> executor.execute(() -> lostIfCurrent(entry, "its connection broke and it no"
          + " longer answers")));
      LOG.log(System.Logger.Level.INFO, "task runtime {0} registered at {1}:{2} with {3} slots", info.id(),
          info.host(), String.valueOf(info.controlPort()), String.valueOf(info.slots()));
      serveWaiting();
      return null;
    });
  }

  /** Completes with false if the runtime is unknown (it must register again). */
  public CompletableFuture<Boolean> heartbeat(String runtimeId, List<TaskSummary> tasks) {
    return executor.call(() -> {
      Entry e = runtimes.get(runtimeId);
      if (e == null) {
        return false;
      }
      e.lastHeartbeat = executor.now();
      e.tasks = List.copyOf(tasks);
      return true;
    });
  }

  /**
   * A call to the runtime found nobody listening (e.g. a deployment got UNAVAILABLE): drop it now rather than after
   * the heartbeat timeout, so that the next attempt is not placed there. A runtime that is alive after all
   * registers again with its next heartbeat.
   */
  public void reportUnreachable(String runtimeId, String reason) {
    executor.execute(() -> {
      Entry e = runtimes.get(runtimeId);
      if (e != null) {
        lostIfCurrent(e, "unreachable: " + reason);
      }
    });
  }

  // ---------------------------------------------------------------- slots (any thread)

  /**
   * Takes {@code n} slots for a job, spread over runtimes (each next slot goes to the runtime with the most free
   * slots, ties to the smallest id). Completes when they are there: at once, or when runtimes register or other
   * jobs give slots back; fails with {@link NotEnoughSlotsException} after {@code timeoutMillis}.
   */
  public CompletableFuture<SlotAssignment> requestSlots(String jobId, int n, long timeoutMillis) {
    CompletableFuture<SlotAssignment> future = new CompletableFuture<>();
    executor.execute(() -> {
      if (closed) {
        future.completeExceptionally(new IllegalStateException("the control plane is shutting down"));
        return;
      }
      if (waiting.isEmpty() && freeSlots() >= n) { // first come, first served: nobody overtakes a waiting job
        future.complete(allocate(jobId, n));
        return;
      }
      ControlExecutor.Cancellable timeout = executor.schedule(() -> timeOut(jobId, future, n, timeoutMillis),
          timeoutMillis);
      waiting.add(new SlotRequest(jobId, n, future, timeout));
    });
    return future;
  }

  /** Withdraws a job's waiting slot request (its future fails with a cancellation). */
  public void cancelSlotRequest(String jobId) {
    executor.execute(() -> {
      for (Iterator<SlotRequest> it = waiting.iterator(); it.hasNext(); ) {
        SlotRequest r = it.next();
        if (r.jobId().equals(jobId)) {
          it.remove();
          r.timeout().cancel();
          r.future().cancel(false);
        }
      }
      serveWaiting();
    });
  }

  /** Gives a job's slots back; waiting requests may now be served. */
  public void release(String jobId) {
    executor.execute(() -> {
      runtimes.values().forEach(e -> e.release(jobId));
      serveWaiting();
    });
  }

  private void timeOut(String jobId, CompletableFuture<SlotAssignment> future, int n, long waitedMillis) {
    if (!waiting.removeIf(r -> r.future() == future)) {
      return;
    }
    future.completeExceptionally(new NotEnoughSlotsException("not enough task slots: the job needs " + n
        + " (its highest parallelism), the cluster has " + freeSlots() + " free of " + totalSlots() + " on "
        + runtimes.size() + " task runtimes after waiting " + waitedMillis / 1000 + " s; start more task runtimes"
        + " or lower the parallelism"));
    serveWaiting(); // a smaller request behind it may fit now
  }

  /** Serves waiting requests in order while the first one fits. */
  private void serveWaiting() {
    while (!waiting.isEmpty() && freeSlots() >= waiting.peek().slots()) {
      SlotRequest r = waiting.poll();
      r.timeout().cancel();
      if (!r.future().isDone()) {
        r.future().complete(allocate(r.jobId(), r.slots()));
      }
    }
  }

  private SlotAssignment allocate(String jobId, int n) {
    List<Entry> candidates = new ArrayList<>(runtimes.values());
    List<RuntimeInfo> slots = new ArrayList<>(n);
    Map<String, TaskRuntimeGateway> gatewaysById = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Entry best = null;
      for (Entry e : candidates) {
        if (e.free() > 0 && (best == null || e.free() > best.free()
            || (e.free() == best.free() && e.info.id().compareTo(best.info.id()) < 0))) {
          best = e;
        }
      }
      if (best == null) {
        throw new IllegalStateException("allocated past the free slots"); // freeSlots() was checked
      }
      best.allocate(jobId);
      slots.add(best.info);
      gatewaysById.put(best.info.id(), best.gateway);
    }
    return new SlotAssignment(List.copyOf(slots), Map.copyOf(gatewaysById));
  }

  // ---------------------------------------------------------------- loss detection (registry thread)

  /** Checks heartbeats every {@code periodMillis}; runtimes silent for longer than the timeout are lost. */
  public void startMonitor(long periodMillis) {
    monitorPeriodMillis = periodMillis;
    executor.schedule(() -> {
      if (closed) {
        return;
      }
      expire();
      startMonitor(periodMillis);
    }, periodMillis);
  }

  void expire() {
    long now = executor.now();
    lastMonitorRun = System.currentTimeMillis();
    for (Entry e : new ArrayList<>(runtimes.values())) {
      long silent = now - e.lastHeartbeat;
      if (silent > heartbeatTimeoutMillis) {
        lostIfCurrent(e, "no heartbeat for " + silent + " ms (timeout " + heartbeatTimeoutMillis + " ms)");
      }
    }
  }

  /** Drops {@code entry} if it is still the registration of its runtime (not replaced by a newer one). */
  private void lostIfCurrent(Entry entry, String reason) {
    if (runtimes.get(entry.info.id()) != entry) {
      return;
    }
    runtimes.remove(entry.info.id());
    entry.gateway.close();
    publish();
    lost(entry, reason);
  }

  private void lost(Entry entry, String reason) {
    LOG.log(System.Logger.Level.WARNING, "task runtime {0} lost: {1}", entry.info.id(), reason);
    for (LostListener l : lostListeners) {
      try {
        l.runtimeLost(entry.info, reason);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "runtime loss listener failed", e);
      }
    }
  }

  private void publish() {
    published = List.copyOf(runtimes.values());
  }

  // ---------------------------------------------------------------- views (any thread)

  public List<Entry> all() {
    return published;
  }

  public Optional<Entry> get(String runtimeId) {
    for (Entry e : published) {
      if (e.info.id().equals(runtimeId)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public int totalSlots() {
    int n = 0;
    for (Entry e : published) {
      n += e.info.slots();
    }
    return n;
  }

  public int freeSlots() {
    int n = 0;
    for (Entry e : published) {
      n += Math.max(0, e.free());
    }
    return n;
  }

  /** Drops every runtime and fails waiting requests; returns at once (the work runs on the registry's thread). */
  @Override
  public void close() {
    executor.execute(() -> {
      closed = true;
      runtimes.values().forEach(e -> e.gateway.close());
      runtimes.clear();
      publish();
      for (SlotRequest r : waiting) {
        r.timeout().cancel();
        r.future().completeExceptionally(new IllegalStateException("the control plane is shutting down"));
      }
      waiting.clear();
    });
  }
}
