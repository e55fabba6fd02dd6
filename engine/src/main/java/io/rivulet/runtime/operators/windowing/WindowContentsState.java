package io.rivulet.runtime.operators.windowing;

import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.ReduceFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.state.AggregatingState;
import io.rivulet.api.state.AggregatingStateDescriptor;
import io.rivulet.api.state.ListState;
import io.rivulet.api.state.ListStateDescriptor;
import io.rivulet.api.state.ReducingState;
import io.rivulet.api.state.ReducingStateDescriptor;
import io.rivulet.api.state.State;
import io.rivulet.api.functions.UserFunction;
import io.rivulet.runtime.state.InternalKvState;
import io.rivulet.runtime.state.KeyedStateBackend;
import java.util.Collection;
import java.util.Collections;

/**
 * What a window keeps until it fires, in keyed state scoped by a window namespace: a reduced value, an
 * aggregate's accumulator, or every element. Hides the three kinds of state behind "add, get, clear, merge"
 * so that the operator's logic is written once.
 *
 * @param <IN> the records added
 * @param <W> the window (namespace) type
 */
abstract class WindowContentsState<IN, W> {
  /** The name of the contents state; a leading underscore keeps it apart from users' window state names. */
  static final String STATE_NAME = "_window-contents";

  private final InternalKvState<W> internal;

  WindowContentsState(State state) {
    @SuppressWarnings("unchecked")
    InternalKvState<W> kv = (InternalKvState<W>) state;
    this.internal = kv;
  }

  /** Creates the state for {@code spec} in {@code backend}, whatever the current key. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <IN, W> WindowContentsState<IN, W> create(OperatorSpec.WindowContents spec, KeyedStateBackend<?> backend,
      TypeSerializer<W> windowSerializer) {
    if (spec instanceof OperatorSpec.ReduceContents r) {
      TypeSerializer<IN> type = (TypeSerializer<IN>) requireType(r.type(), "reduce");
      var descriptor = new ReducingStateDescriptor<>(STATE_NAME, (ReduceFunction<IN>) r.function(), type);
      return new Reducing<>(backend.getOrCreateState(descriptor, windowSerializer));
    }
    if (spec instanceof OperatorSpec.AggregateContents a) {
      var descriptor = new AggregatingStateDescriptor<>(STATE_NAME, (AggregateFunction) a.function(),
          requireType(a.accumulatorType(), "aggregate accumulator"));
      return new Aggregating<>((AggregatingState<IN, ?>) backend.getOrCreateState(descriptor, windowSerializer));
    }
    if (spec instanceof OperatorSpec.ListContents l) {
      TypeSerializer<IN> type = (TypeSerializer<IN>) requireType(l.elementType(), "window element");
      ListStateDescriptor<IN> descriptor = new ListStateDescriptor<>(STATE_NAME, type);
      return new Listing<>(backend.getOrCreateState(descriptor, windowSerializer));
    }
    throw new IllegalArgumentException("unknown window contents " + spec);
  }

  /** The user function inside the contents (reduce or aggregate function), or null. */
  static UserFunction function(OperatorSpec.WindowContents spec) {
    if (spec instanceof OperatorSpec.ReduceContents r) {
      return r.function();
    }
    if (spec instanceof OperatorSpec.AggregateContents a) {
      return a.function();
    }
    return null;
  }

  private static TypeSerializer<?> requireType(TypeSerializer<?> type, String what) {
    if (type == null) {
      throw new IllegalArgumentException("a window needs the serializer of the " + what + " type to keep it in"
          + " state: declare the stream's type (e.g. .returns(serializer)) before keyBy(...).window(...)");
    }
    return type;
  }

  /** Points the state at {@code window}'s namespace for the backend's current key. */
  final void setWindow(W window) {
    internal.setCurrentNamespace(window);
  }

  /** Adds to the current window; true if the window may have been empty before (false: it surely held something). */
  abstract boolean add(IN value) throws Exception;

  /** What the window holds, or null when it holds nothing (then the window does not emit). */
  abstract Object get() throws Exception;

  abstract void clear();

  /** The contents as the elements a {@code ProcessWindowFunction} is called with. */
  Iterable<?> asElements(Object contents) {
    return Collections.singletonList(contents);
  }

  /** Folds the contents of {@code sources} into {@code target} (session windows merging). */
  final void merge(W target, Collection<W> sources) throws Exception {
    if (!sources.isEmpty()) {
      internal.mergeNamespaces(target, sources);
    }
  }

  private static final class Reducing<IN, W> extends WindowContentsState<IN, W> {
    private final ReducingState<IN> state;

    Reducing(ReducingState<IN> state) {
      super(state);
      this.state = state;
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean add(IN value) {
      if (state instanceof io.rivulet.runtime.state.FirstAddAware<?> f) {
        return ((io.rivulet.runtime.state.FirstAddAware<IN>) f).addIsFirst(value);
      }
      state.add(value);
      return true;
    }

    @Override
    Object get() {
      return state.get();
    }

    @Override
    void clear() {
      state.clear();
    }
  }

  private static final class Aggregating<IN, W> extends WindowContentsState<IN, W> {
    private final AggregatingState<IN, ?> state;

    Aggregating(AggregatingState<IN, ?> state) {
      super(state);
      this.state = state;
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean add(IN value) {
      if (state instanceof io.rivulet.runtime.state.FirstAddAware<?> f) {
        return ((io.rivulet.runtime.state.FirstAddAware<IN>) f).addIsFirst(value);
      }
      state.add(value);
      return true;
    }

    @Override
    Object get() {
      return state.get();
    }

    @Override
    void clear() {
      state.clear();
    }
  }

  private static final class Listing<IN, W> extends WindowContentsState<IN, W> {
    private final ListState<IN> state;

    Listing(ListState<IN> state) {
      super(state);
      this.state = state;
    }

    @Override
    boolean add(IN value) {
      state.add(value);
      return true;
    }

    @Override
    Object get() {
      Iterable<IN> elements = state.get();
      return elements != null && elements.iterator().hasNext() ? elements : null;
    }

    @Override
    Iterable<?> asElements(Object contents) {
      return (Iterable<?>) contents;
    }

    @Override
    void clear() {
      state.clear();
    }
  }
}
