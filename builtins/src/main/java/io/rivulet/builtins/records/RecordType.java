package io.rivulet.builtins.records;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A record type that flows between built-in nodes: its name in error messages, its serializer, and its
 * numeric fields by name (what {@code keyBy} and field-based filters refer to). Every field reads as a long.
 *
 * <p>Records also have a compact JSON form, an object of their fields in declaration order
 * ({@code {"key":3,"records":10000,"violations":0,"lastSeq":9999}}), which is what the {@code kafka-sink} built-in
 * writes and what {@link #fromJson} (e.g. {@link KeySummary#fromJson}) reads back. Both directions go through the
 * field readers and a creator, never through reflection.
 *
 * <p>Serializable, so that functions holding a record type can travel in the job graph; a built-in type comes
 * back as the very constant it was.
 */
public final class RecordType<T> implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Field names are written into JSON as they are, so they must not need escaping. */
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Makes a record from its field values in declaration order (for reading JSON); serializable like the type. */
  @FunctionalInterface
  public interface Creator<T> extends Serializable {
    T create(long[] fields);
  }

  public static final RecordType<Long> NUMBER = new RecordType<>("number", Types.LONG,
      fields("value", (KeySelector<Long, Long>) v -> v), f -> f[0]);
  public static final RecordType<SeqEvent> SEQ_EVENT = new RecordType<>("seq-event",
      LongFieldsSerializer.SeqEvents.INSTANCE,
      fields("key", (KeySelector<SeqEvent, Long>) SeqEvent::key, "seq", (KeySelector<SeqEvent, Long>) SeqEvent::seq),
      f -> new SeqEvent(f[0], f[1]));
  public static final RecordType<KeySummary> KEY_SUMMARY = new RecordType<>("key-summary",
      LongFieldsSerializer.KeySummaries.INSTANCE,
      fields("key", (KeySelector<KeySummary, Long>) KeySummary::key,
          "records", (KeySelector<KeySummary, Long>) KeySummary::records,
          "violations", (KeySelector<KeySummary, Long>) KeySummary::violations,
          "lastSeq", (KeySelector<KeySummary, Long>) KeySummary::lastSeq),
      f -> new KeySummary(f[0], f[1], f[2], f[3]));
  public static final RecordType<WindowCount> WINDOW_COUNT = new RecordType<>("window-count",
      LongFieldsSerializer.WindowCounts.INSTANCE,
      fields("key", (KeySelector<WindowCount, Long>) WindowCount::key,
          "window", (KeySelector<WindowCount, Long>) WindowCount::window,
          "count", (KeySelector<WindowCount, Long>) WindowCount::count),
      f -> new WindowCount(f[0], f[1], f[2]));

  /** The built-in types by name, for {@link #readResolve}. */
  private static final Map<String, RecordType<?>> BUILT_IN = Map.of(NUMBER.name, NUMBER, SEQ_EVENT.name, SEQ_EVENT,
      KEY_SUMMARY.name, KEY_SUMMARY, WINDOW_COUNT.name, WINDOW_COUNT);

  private final String name;
  private final TypeSerializer<T> serializer;
  /** Field names and their readers, in declaration order. */
  private final String[] names;
  private final KeySelector<T, Long>[] readers;
  /** Null when records of this type cannot be made from their fields (then {@link #fromJson} refuses). */
  private final Creator<T> creator;

  /** A type whose records can be written as JSON but not read back. */
  public RecordType(String name, TypeSerializer<T> serializer, Map<String, KeySelector<T, Long>> fields) {
    this(name, serializer, fields, null);
  }

  /**
   * @param fields the fields in declaration order (pass an ordered map, e.g. a {@link LinkedHashMap})
   * @param creator makes a record from its field values in that order; null if it cannot be made
   */
  @SuppressWarnings("unchecked")
  public RecordType(String name, TypeSerializer<T> serializer, Map<String, KeySelector<T, Long>> fields,
      Creator<T> creator) {
    this.name = name;
    this.serializer = serializer;
    this.names = fields.keySet().toArray(new String[0]);
    this.readers = fields.values().toArray(new KeySelector[0]);
    this.creator = creator;
    for (String f : names) {
      if (!FIELD_NAME.matcher(f).matches()) {
        throw new IllegalArgumentException("field '" + f + "' of " + name + " must be letters, digits and '_'"
            + " (not starting with a digit)");
      }
    }
  }

  public String name() {
    return name;
  }

  public TypeSerializer<T> serializer() {
    return serializer;
  }

  /** The field's reader (serializable, so it can serve as a key selector), or null if there is no such field. */
  public KeySelector<T, Long> field(String fieldName) {
    int i = indexOf(fieldName);
    return i < 0 ? null : readers[i];
  }

  /** The position of the field in declaration order, or -1 if there is no such field. */
  public int indexOf(String fieldName) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(fieldName)) {
        return i;
      }
    }
    return -1;
  }

  /** How many fields records of this type have. */
  public int fieldCount() {
    return names.length;
  }

  /** The name of the {@code index}-th field in declaration order. */
  public String fieldName(int index) {
    return names[index];
  }

  /** The field names, comma-separated, for error messages. */
  public String fieldNames() {
    return String.join(", ", names);
  }

  /** The value of the {@code index}-th field of {@code value}. */
  public long get(T value, int index) {
    try {
      return readers[index].getKey(value);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read field " + names[index] + " of " + name + " " + value, e);
    }
  }

  /** The record as a compact JSON object of its fields in declaration order, e.g. {@code {"key":3,"seq":7}}. */
  public String toJson(T value) {
    return appendJson(value, new StringBuilder(2 + names.length * 16)).toString();
  }

  /** Appends {@link #toJson} of {@code value} to {@code out}; returns {@code out}. */
  public StringBuilder appendJson(T value, StringBuilder out) {
    out.append('{');
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(names[i]).append("\":").append(get(value, i));
    }
    return out.append('}');
  }

  /**
   * Reads a record from a JSON object with an integer for each of this type's fields, in any order and with any
   * white space; fields this type does not have are skipped (so that readers survive added fields).
   *
   * @throws IllegalArgumentException naming the type, the problem and its position when {@code json} is not such
   *     an object (not JSON, a field missing or twice, a value that is not an integer or does not fit a long)
   * @throws UnsupportedOperationException when this type has no creator
   */
  public T fromJson(CharSequence json) {
    if (creator == null) {
      throw new UnsupportedOperationException(name + " records cannot be read from JSON: the type has no creator");
    }
    return creator.create(new FieldsJsonReader(this, json).read());
  }

  @Override
  public String toString() {
    return name;
  }

  /** A built-in type deserializes into its constant, so that identity checks ({@code input == expected}) hold. */
  @Serial
  private Object readResolve() {
    RecordType<?> known = BUILT_IN.get(name);
    return known != null && Arrays.equals(known.names, names) ? known : this;
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
