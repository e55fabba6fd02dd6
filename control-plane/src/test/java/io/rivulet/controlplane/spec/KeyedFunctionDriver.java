package io.rivulet.controlplane.spec;

import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.functions.TimeDomain;
import io.rivulet.api.functions.TimerService;
import io.rivulet.api.state.AggregatingState;
import io.rivulet.api.state.AggregatingStateDescriptor;
import io.rivulet.api.state.KeyedStateStore;
import io.rivulet.api.state.ListState;
import io.rivulet.api.state.ListStateDescriptor;
import io.rivulet.api.state.MapState;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.ReducingState;
import io.rivulet.api.state.ReducingStateDescriptor;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Drives one keyed process function with in-memory value state and event-time timers, for built-ins whose
 * engine path needs keyed state backends (a placeholder on this branch). A fake of the engine's contract:
 * value state per (name, current key), timers per key fired at the end of input in time order.
 */
final class KeyedFunctionDriver<I, O> {
  private final KeyedProcessFunction<Long, I, O> function;
  private final Map<String, Map<Long, Object>> values = new HashMap<>();
  private final TreeSet<Long> timerKeys = new TreeSet<>();
  private final List<O> output = new ArrayList<>();
  private long currentKey;

  KeyedFunctionDriver(KeyedProcessFunction<Long, I, O> function, int attempt) throws Exception {
    this.function = function;
    function.open(new Runtime(attempt));
  }

  /** Processes {@code value} under {@code key}; returns everything emitted so far. */
  List<O> process(long key, I value) throws Exception {
    currentKey = key;
    function.processElement(value, new Ctx(), output::add);
    return output;
  }

  /** The final watermark: fires the end-of-time timers, key by key. */
  List<O> endOfInput() throws Exception {
    for (long key : timerKeys) {
      currentKey = key;
      function.onTimer(Long.MAX_VALUE, new Ctx(), output::add);
    }
    timerKeys.clear();
    return output;
  }

  private final class Ctx implements KeyedProcessFunction.OnTimerContext<Long> {
    @Override
    public long timestamp() {
      return 0;
    }

    @Override
    public Long currentKey() {
      return currentKey;
    }

    @Override
    public TimerService timerService() {
      return new TimerService() {
        @Override
        public long currentProcessingTime() {
          return 0;
        }

        @Override
        public long currentWatermark() {
          return Long.MIN_VALUE;
        }

        @Override
        public void registerEventTimeTimer(long time) {
          timerKeys.add(currentKey);
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
          throw new UnsupportedOperationException("not used by the built-ins");
        }

        @Override
        public void deleteEventTimeTimer(long time) {
          timerKeys.remove(currentKey);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {}
      };
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      throw new UnsupportedOperationException("not used by the built-ins");
    }

    @Override
    public TimeDomain timeDomain() {
      return TimeDomain.EVENT_TIME;
    }
  }

  private final class Runtime implements RuntimeContext, KeyedStateStore {
    private final int attempt;

    Runtime(int attempt) {
      this.attempt = attempt;
    }

    @Override
    public String jobName() {
      return "test";
    }

    @Override
    public String taskName() {
      return "test (1/1)";
    }

    @Override
    public int subtaskIndex() {
      return 0;
    }

    @Override
    public int parallelism() {
      return 1;
    }

    @Override
    public int maxParallelism() {
      return 128;
    }

    @Override
    public int attemptNumber() {
      return attempt;
    }

    @Override
    public ClassLoader userClassLoader() {
      return getClass().getClassLoader();
    }

    @Override
    public KeyedStateStore state() {
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
      Map<Long, Object> byKey = values.computeIfAbsent(descriptor.name(), n -> new HashMap<>());
      return new ValueState<>() {
        @Override
        public T value() {
          return (T) byKey.get(currentKey);
        }

        @Override
        public void update(T value) {
          byKey.put(currentKey, value);
        }

        @Override
        public void clear() {
          byKey.remove(currentKey);
        }
      };
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
      throw new UnsupportedOperationException("not used by the built-ins");
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
      throw new UnsupportedOperationException("not used by the built-ins");
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
      throw new UnsupportedOperationException("not used by the built-ins");
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
        AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
      throw new UnsupportedOperationException("not used by the built-ins");
    }
  }
}
