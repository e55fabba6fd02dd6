package io.rivulet.controlplane.spec;

import com.fasterxml.jackson.databind.JsonNode;

/** Short descriptions of JSON values for error messages: {@code the string "ten"}, {@code an array}. */
public final class JsonKinds {
  private static final int MAX_SHOWN = 40;

  private JsonKinds() {}

  public static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "missing";
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      String s = v.asText();
      return "the string \"" + (s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s) + "\"";
    }
    if (v.isNumber()) {
      return "the number " + v.asText();
    }
    if (v.isBoolean()) {
      return v.asText();
    }
    return v.isArray() ? "an array" : "an object";
  }
}
