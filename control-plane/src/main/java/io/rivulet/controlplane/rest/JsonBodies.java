package io.rivulet.controlplane.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.spec.JsonKinds;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The small JSON bodies of the REST API's POST requests (run a JAR, savepoint, stop): one object with known fields
 * only, and typed fields, each refused with a 400 that names the field and what it was.
 */
final class JsonBodies {
  private JsonBodies() {}

  /**
   * The body as a JSON object (an empty body is an empty object). Fields outside {@code known} are refused, naming
   * the known ones in their order, unless they are in {@code ignored} (accepted for compatibility with Flink).
   *
   * @param what the request, for the message when the body is not an object (e.g. "the run request")
   */
  static JsonNode object(ObjectMapper json, String body, String what, List<String> known, Set<String> ignored) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    JsonNode b;
    try {
      b = json.readTree(body);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
    }
    if (!b.isObject()) {
      throw ApiException.badRequest(what + " must be a JSON object, was " + JsonKinds.describe(b));
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f) && !ignored.contains(f)) {
        unknown.add(f + ": unknown field; known: " + String.join(", ", known));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiException(400, unknown);
    }
    return b;
  }

  /** A string field, or {@code fallback} when it is absent or null. */
  static String text(JsonNode b, String field, String fallback) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(field + ": must be a string, was " + JsonKinds.describe(v));
    }
    return v.asText();
  }

  /** A boolean field, false when absent or null. */
  static boolean bool(JsonNode b, String field) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest(field + ": must be true or false, was " + JsonKinds.describe(v));
    }
    return v.asBoolean();
  }
}
