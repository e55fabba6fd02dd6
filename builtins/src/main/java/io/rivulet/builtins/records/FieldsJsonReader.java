package io.rivulet.builtins.records;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON form of one record of a {@link RecordType}: an object with an integer for every field. A small
 * hand-written parser (the built-ins carry no JSON library): values of unknown fields may be any JSON and are
 * skipped; errors name the type, what was wrong and the position.
 */
final class FieldsJsonReader {
  private static final int SHOWN = 120;

  private final RecordType<?> type;
  private final CharSequence in;
  private int pos;

  FieldsJsonReader(RecordType<?> type, CharSequence in) {
    this.type = type;
    this.in = in;
  }

  /** The field values in the type's declaration order. */
  long[] read() {
    if (in == null) {
      throw new IllegalArgumentException("not a " + type.name() + " JSON object: null");
    }
    long[] values = new long[type.fieldCount()];
    boolean[] seen = new boolean[values.length];
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        skipSpace();
        int at = pos;
        String field = string();
        skipSpace();
        expect(':');
        skipSpace();
        int index = type.indexOf(field);
        if (index < 0) {
          skipValue(0);
        } else if (seen[index]) {
          throw error("field \"" + field + "\" appears twice", at);
        } else {
          values[index] = integer(field);
          seen[index] = true;
        }
        skipSpace();
        char c = next("',' or '}'");
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw error("expected ',' or '}' but found '" + c + "'", pos - 1);
        }
      }
    }
    skipSpace();
    if (pos < in.length()) {
      throw error("unexpected '" + in.charAt(pos) + "' after the object", pos);
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        missing.add(type.fieldName(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("not a " + type.name() + " JSON object: missing field"
          + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " (fields: " + type.fieldNames()
          + ") in " + shown());
    }
    return values;
  }

  private long integer(String field) {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9') {
      pos++;
    }
    char after = peek();
    if (pos == digits || after == '.' || after == 'e' || after == 'E') {
      throw error("field \"" + field + "\" must be an integer", start);
    }
    try {
      return Long.parseLong(in, start, pos, 10);
    } catch (NumberFormatException e) {
      throw error("field \"" + field + "\" does not fit in a long", start);
    }
  }

  private String string() {
    int start = pos;
    if (next("'\"'") != '"') {
      throw error("expected a field name in double quotes", start);
    }
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next("the end of a string");
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string", pos - 1);
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next("an escape");
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > in.length()) {
            throw error("incomplete \\u escape", pos - 2);
          }
          try {
            sb.append((char) Integer.parseInt(in, pos, pos + 4, 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape", pos - 2);
          }
          pos += 4;
        }
        default -> throw error("bad escape '\\" + e + "'", pos - 2);
      }
    }
  }

  /** Skips any JSON value (the value of a field this type does not have). */
  private void skipValue(int depth) {
    if (depth > 64) {
      throw error("nested too deeply", pos);
    }
    char c = peek();
    switch (c) {
      case '"' -> string();
      case '{' -> skipContainer('}', true, depth);
      case '[' -> skipContainer(']', false, depth);
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        int start = pos;
        while (pos < in.length() && "+-0123456789.eE".indexOf(in.charAt(pos)) >= 0) {
          pos++;
        }
        if (pos == start) {
          throw error(pos < in.length() ? "unexpected '" + c + "'" : "unexpected end", start);
        }
      }
    }
  }

  private void skipContainer(char close, boolean object, int depth) {
    pos++;
    skipSpace();
    if (peek() == close) {
      pos++;
      return;
    }
    while (true) {
      skipSpace();
      if (object) {
        string();
        skipSpace();
        expect(':');
        skipSpace();
      }
      skipValue(depth + 1);
      skipSpace();
      char c = next("',' or '" + close + "'");
      if (c == close) {
        return;
      }
      if (c != ',') {
        throw error("expected ',' or '" + close + "' but found '" + c + "'", pos - 1);
      }
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (pos >= in.length() || in.charAt(pos) != word.charAt(i)) {
        throw error("unexpected '" + (pos < in.length() ? in.charAt(pos) : ' ') + "'", pos);
      }
      pos++;
    }
  }

  private void expect(char c) {
    int at = pos;
    char found = next("'" + c + "'");
    if (found != c) {
      throw error("expected '" + c + "' but found '" + found + "'", at);
    }
  }

  private char next(String expected) {
    if (pos >= in.length()) {
      throw error("unexpected end, expected " + expected, pos);
    }
    return in.charAt(pos++);
  }

  /** The next character, or 0 at the end. */
  private char peek() {
    return pos < in.length() ? in.charAt(pos) : 0;
  }

  private void skipSpace() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String what, int at) {
    return new IllegalArgumentException("not a " + type.name() + " JSON object: " + what + " at position " + at
        + " of " + shown());
  }

  private String shown() {
    String s = in.toString();
    return s.length() > SHOWN ? s.substring(0, SHOWN) + "..." : s;
  }
}
