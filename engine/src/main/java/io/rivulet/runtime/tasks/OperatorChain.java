package io.rivulet.runtime.tasks;

import io.rivulet.api.graph.ChainEdge;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.checkpoint.OperatorRestore;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.operators.OneInputOperator;
import io.rivulet.runtime.operators.OperatorMetrics;
import io.rivulet.runtime.operators.Output;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.state.KeyGroups;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.StateBackendFactory;
import io.rivulet.runtime.timers.ProcessingTimeService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operators of one task, wired together: chained operators call each other directly, edges to other
 * tasks end in record writers. Built and used on the task thread.
 */
final class OperatorChain {
  /** A record writer and the edge it serves. */
  record EdgeWriter(JobEdge edge, RecordWriter writer) {}

  private final List<StreamOperator<?>> operators = new ArrayList<>();
  private final List<StreamNode> nodes;
  private final List<OperatorMetrics> metrics = new ArrayList<>();
  private final KeyedStateBackend<?> headBackend;

  @SuppressWarnings({"unchecked", "rawtypes"})
  OperatorChain(TaskInfo task, List<EdgeWriter> writers, TaskRestore restore, StateBackendFactory backends,
      ClassLoader classLoader, ProcessingTimeService time, Runnable sourceAvailability) throws Exception {
    JobVertex vertex = task.vertex();
    // this subtask's own copies of the operators and their user functions
    this.nodes = SerializedCopy.copy(new java.util.ArrayList<>(vertex.operators()), classLoader);
    Map<Integer, StreamOperator<?>> byNode = new LinkedHashMap<>();
    for (StreamNode n : nodes) {
      byNode.put(n.id(), Operators.create(n, sourceAvailability));
    }

    // outputs: per node, the chained targets and writers of its main output and of each side output
    Map<Integer, Output<?>> outputs = new HashMap<>();
    for (StreamNode n : nodes) {
      List<Output<Object>> main = new ArrayList<>();
      Map<String, List<Output<Object>>> sides = new LinkedHashMap<>();
      for (ChainEdge ce : vertex.chainEdges()) {
        if (ce.sourceNode() == n.id()) {
          Output<Object> o = new ChainingOutput<>((OneInputOperator<Object, ?>) byNode.get(ce.targetNode()));
          (ce.sideOutput() == null ? main : sides.computeIfAbsent(ce.sideOutput().id(), k -> new ArrayList<>())).add(o);
        }
      }
      for (EdgeWriter w : writers) {
        if (w.edge().sourceNode() == n.id()) {
          Output<Object> o = new WriterOutput<>(w.writer());
          (w.edge().sideOutput() == null ? main : sides.computeIfAbsent(w.edge().sideOutput().id(), k -> new ArrayList<>())).add(o);
        }
      }
      Output<Object> out = combine(main);
      if (!sides.isEmpty()) {
        Map<String, Output<Object>> sideMap = new HashMap<>();
        sides.forEach((tag, list) -> sideMap.put(tag, combine(list)));
        out = new SideOutputRouter<>(out, sideMap);
      }
      outputs.put(n.id(), out);
    }

    // the head may be keyed: it gets the task's keyed state backend, restored from the checkpoint
    StreamNode head = nodes.get(0);
    KeyedStateBackend<?> backend = null;
    if (head.isKeyed()) {
      backend = backends.create(task.job().config(), head.uid() + "_" + task.subtaskIndex() + "_" + task.attempt(),
          (TypeSerializer) head.keyType(),
          KeyGroups.rangeForSubtask(task.subtaskIndex(), vertex.maxParallelism(), vertex.parallelism()),
          vertex.maxParallelism(), classLoader);
      backend.setProcessingTimeService(time);
      OperatorRestore r = restore == null ? null : restore.forOperator(head.uid());
      if (r != null && !r.keyedState().isEmpty()) {
        backend.restore(r.keyedState());
      }
    }
    this.headBackend = backend;

    for (StreamNode n : nodes) {
      StreamOperator op = byNode.get(n.id());
      OperatorRestore r = restore == null ? null : restore.forOperator(n.uid());
      TaskOperatorContext ctx = new TaskOperatorContext(task, n, classLoader, time, n == head ? backend : null,
          r == null ? null : r.operatorState());
      op.setup(ctx, outputs.get(n.id()));
      operators.add(op);
      metrics.add(ctx.metrics());
    }
  }

  @SuppressWarnings("unchecked")
  private static Output<Object> combine(List<Output<Object>> targets) {
    if (targets.isEmpty()) {
      return Outputs.none();
    }
    if (targets.size() == 1) {
      return targets.get(0);
    }
    return new FanOutOutput<>(targets.toArray(new Output[0]));
  }

  StreamOperator<?> head() {
    return operators.get(0);
  }

  StreamNode headNode() {
    return nodes.get(0);
  }

  KeyedStateBackend<?> headBackend() {
    return headBackend;
  }

  List<StreamOperator<?>> operators() {
    return operators;
  }

  List<StreamNode> nodes() {
    return nodes;
  }

  List<OperatorMetrics> metrics() {
    return metrics;
  }

  /** Restores state and opens operators, the last of the chain first, so each is ready before input reaches it. */
  void initializeAndOpen() throws Exception {
    for (StreamOperator<?> op : operators) {
      op.initializeState();
    }
    for (int i = operators.size() - 1; i >= 0; i--) {
      operators.get(i).open();
    }
  }

  /** End of input: head first, so what an operator emits while finishing still passes the rest. */
  void finish() throws Exception {
    for (StreamOperator<?> op : operators) {
      op.finish();
    }
  }

  /** Closes every operator and the keyed backend; keeps the first error, tries all. */
  void close() throws Exception {
    Exception first = null;
    for (StreamOperator<?> op : operators) {
      try {
        op.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (headBackend != null) {
      headBackend.close();
    }
    if (first != null) {
      throw first;
    }
  }
}
