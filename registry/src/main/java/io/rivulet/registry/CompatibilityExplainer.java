package io.rivulet.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Says in words why a compatibility rule refuses a new Avro schema, field by field ("field 'value' changed type
 * from long to string"), from Avro's own compatibility check. The registry gives the verdict; this only explains
 * it, for the message a refused job gets.
 */
public final class CompatibilityExplainer {
  private CompatibilityExplainer() {}

  /**
   * Why {@code rule} refuses {@code next} after {@code previous}; empty when Avro finds no problem.
   *
   * @param rule BACKWARD (new reads old), FORWARD (old reads new), FULL (both), or a _TRANSITIVE form
   */
  public static List<String> explain(String rule, Schema previous, Schema next) {
    String r = rule.toUpperCase(Locale.ROOT).replace("_TRANSITIVE", "");
    List<String> out = new ArrayList<>();
    if (r.equals("BACKWARD") || r.equals("FULL")) {
      out.addAll(problems(next, previous, true));
    }
    if (r.equals("FORWARD") || r.equals("FULL")) {
      out.addAll(problems(previous, next, false));
    }
    return out;
  }

  /** @param readerIsNew true when the reader is the new schema (BACKWARD), false when it is the old one (FORWARD) */
  private static List<String> problems(Schema reader, Schema writer, boolean readerIsNew) {
    List<String> out = new ArrayList<>();
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    for (Incompatibility i : result.getIncompatibilities()) {
      out.add(describe(i, reader, readerIsNew));
    }
    return out;
  }

  private static String describe(Incompatibility i, Schema reader, boolean readerIsNew) {
    String field = fieldAt(reader, i.getLocation());
    Schema newer = readerIsNew ? i.getReaderFragment() : i.getWriterFragment();
    Schema older = readerIsNew ? i.getWriterFragment() : i.getReaderFragment();
    String where = field == null ? "the record" : "field '" + field + "'";
    switch (i.getType()) {
      case TYPE_MISMATCH:
        return where + " changed type from " + typeName(older) + " to " + typeName(newer);
      case READER_FIELD_MISSING_DEFAULT_VALUE:
        String missing = i.getMessage();
        return readerIsNew ? "field '" + missing + "' was added without a default"
            : "field '" + missing + "' was removed but has no default";
      case NAME_MISMATCH:
        return where + " changed its name from " + older.getFullName() + " to " + newer.getFullName();
      case MISSING_ENUM_SYMBOLS:
        return where + " lost enum symbols " + i.getMessage();
      case MISSING_UNION_BRANCH:
        return where + " lost a union branch: " + i.getMessage();
      case FIXED_SIZE_MISMATCH:
        return where + " changed its fixed size: " + i.getMessage();
      default:
        return where + ": " + i.getMessage();
    }
  }

  private static String typeName(Schema s) {
    return s == null ? "?" : s.getType() == Schema.Type.RECORD || s.getType() == Schema.Type.ENUM
        || s.getType() == Schema.Type.FIXED ? s.getFullName() : s.getType().getName();
  }

  /** The dotted name of the field a JSON-pointer location ({@code /fields/1/type/fields/0}) names in {@code root}. */
  static String fieldAt(Schema root, String location) {
    if (location == null) {
      return null;
    }
    String[] parts = location.split("/");
    Schema s = root;
    List<String> names = new ArrayList<>();
    for (int k = 0; k < parts.length; k++) {
      if (parts[k].equals("fields") && k + 1 < parts.length && s != null && s.getType() == Schema.Type.RECORD) {
        int index = Integer.parseInt(parts[++k]);
        if (index >= s.getFields().size()) {
          break;
        }
        Schema.Field f = s.getFields().get(index);
        names.add(f.name());
        s = f.schema();
      } else if (parts[k].equals("type") || parts[k].isEmpty()) {
        continue;
      } else if (s != null && s.getType() == Schema.Type.UNION && parts[k].matches("\\d+")) {
        s = s.getTypes().get(Integer.parseInt(parts[k]));
      } else if (s != null && (parts[k].equals("items") || parts[k].equals("values"))) {
        s = parts[k].equals("items") ? s.getElementType() : s.getValueType();
      }
    }
    return names.isEmpty() ? null : String.join(".", names);
  }
}
