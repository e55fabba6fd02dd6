package io.rivulet.builtins.records;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record type that flows between built-in nodes: its name in error messages, its serializer, and its
 * numeric fields by name (what {@code keyBy} and field-based filters refer to). Every field reads as a long.
 */
public final class RecordType<T> {
  public static final RecordType<Long> NUMBER = new RecordType<>("number", Types.LONG,
      fields("value", (KeySelector<Long, Long>) v -> v));
  public static final RecordType<SeqEvent> SEQ_EVENT = new RecordType<>("seq-event",
      LongFieldsSerializer.SeqEvents.INSTANCE,
      fields("key", (KeySelector<SeqEvent, Long>) SeqEvent::key, "seq", (KeySelector<SeqEvent, Long>) SeqEvent::seq));
  public static final RecordType<KeySummary> KEY_SUMMARY = new RecordType<>("key-summary",
      LongFieldsSerializer.KeySummaries.INSTANCE,
      fields("key", (KeySelector<KeySummary, Long>) KeySummary::key,
          "records", (KeySelector<KeySummary, Long>) KeySummary::records,
          "violations", (KeySelector<KeySummary, Long>) KeySummary::violations,
          "lastSeq", (KeySelector<KeySummary, Long>) KeySummary::lastSeq));
  public static final RecordType<WindowCount> WINDOW_COUNT = new RecordType<>("window-count",
      LongFieldsSerializer.WindowCounts.INSTANCE,
      fields("key", (KeySelector<WindowCount, Long>) WindowCount::key,
          "window", (KeySelector<WindowCount, Long>) WindowCount::window,
          "count", (KeySelector<WindowCount, Long>) WindowCount::count));

  private final String name;
  private final TypeSerializer<T> serializer;
  private final Map<String, KeySelector<T, Long>> fields;
  /** The field names in declaration order (the map above does not keep it). */
  private final String fieldOrder;

  public RecordType(String name, TypeSerializer<T> serializer, Map<String, KeySelector<T, Long>> fields) {
    this.name = name;
    this.serializer = serializer;
    this.fields = Map.copyOf(fields);
    this.fieldOrder = String.join(", ", fields.keySet());
  }

  public String name() {
    return name;
  }

  public TypeSerializer<T> serializer() {
    return serializer;
  }

  /** The field's reader (serializable, so it can serve as a key selector), or null if there is no such field. */
  public KeySelector<T, Long> field(String fieldName) {
    return fields.get(fieldName);
  }

  /** The field names, comma-separated, for error messages. */
  public String fieldNames() {
    return fieldOrder;
  }

  @Override
  public String toString() {
    return name;
  }

  @SuppressWarnings("unchecked")
  private static <T> Map<String, KeySelector<T, Long>> fields(Object... nameAndSelector) {
    Map<String, KeySelector<T, Long>> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndSelector.length; i += 2) {
      m.put((String) nameAndSelector[i], (KeySelector<T, Long>) nameAndSelector[i + 1]);
    }
    return m;
  }
}
