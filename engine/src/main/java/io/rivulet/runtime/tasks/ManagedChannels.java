package io.rivulet.runtime.tasks;

import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.ManagedChannel;
import io.rivulet.runtime.network.OutputChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The channels of one task that have resources and state of their own (the DURABLE exchange): opened after the
 * operators, so that nothing arrives before the head operator can take it; their state is snapshotted with the head
 * operator's non-keyed state, under each channel's key; released when the task thread ends. Task thread only.
 */
final class ManagedChannels {
  private static final System.Logger LOG = System.getLogger(ManagedChannels.class.getName());

  /** Input channels with state and resources of their own, opened in {@link #open}. */
  private final List<ManagedChannel> inputs = new ArrayList<>();
  /** Output channels with resources of their own, opened in {@link #open}. */
  private final List<ManagedChannel> outputs = new ArrayList<>();

  /**
   * Opens every managed output and input channel, each with its state from {@code restored} (the head operator's
   * non-keyed state; empty when the task starts afresh). A channel is remembered before it opens, so that one that
   * failed half-way open is closed too.
   */
  void open(Map<String, byte[]> restored, Collection<OutputChannel[]> outputChannels, InputGate[] gates)
      throws Exception {
    for (OutputChannel[] channels : outputChannels) {
      for (OutputChannel c : channels) {
        if (c instanceof ManagedChannel m && !outputs.contains(m)) {
          outputs.add(m);
          m.open(restored.get(m.stateKey()));
        }
      }
    }
    for (InputGate g : gates) {
      for (int c = 0; c < g.channelCount(); c++) {
        if (g.channel(c) instanceof ManagedChannel m) {
          inputs.add(m);
          m.open(restored.get(m.stateKey()));
        }
      }
    }
  }

  /** The managed inputs' state at checkpoint {@code checkpointId} by channel key (outputs have none). */
  Map<String, byte[]> snapshot(long checkpointId) throws Exception {
    Map<String, byte[]> states = new HashMap<>();
    for (ManagedChannel m : inputs) {
      byte[] b = m.snapshot(checkpointId);
      if (b != null) {
        states.put(m.stateKey(), b);
      }
    }
    return states;
  }

  /**
   * Releases the channels' resources, inputs first (stop reading), then outputs (graceful: let the clients finish;
   * after cancel or failure: drop what is pending).
   *
   * <p>A failure here never fails the task. Gracefully, the task got here only after the whole job finished, and the
   * job's results were complete by then: a managed output has every write acknowledged before its task reports that
   * it finished (it flushes at end of input, where a failed write still fails the task), and the consumers finished
   * only after reading every producer's end. What is left is releasing clients and threads, and a problem with that
   * — e.g. the interrupt of a task thread that is still closing a few seconds after the job ended — is no reason to
   * run a finished job again (a restart would replay output into at-least-once sinks). After cancel or failure the
   * task's outcome is decided already.
   *
   * @param task and {@code state} name the task in the log
   */
  void close(boolean graceful, String task, StreamTask.State state) {
    List<ManagedChannel> all = new ArrayList<>(inputs);
    all.addAll(outputs);
    for (ManagedChannel m : all) {
      try {
        m.close(graceful);
      } catch (Throwable t) {
        LOG.log(graceful ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "closing channel "
            + m.stateKey() + " of " + task + " (" + state + ") failed; the task's outcome stands", t);
      }
    }
  }
}
