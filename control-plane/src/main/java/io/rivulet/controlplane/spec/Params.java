package io.rivulet.controlplane.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code params} object of one node, checked against the built-in's {@link ParamDef}s: unknown names,
 * missing required ones and wrong JSON types are reported with their path before the built-in reads them.
 */
public final class Params {
  private final JsonNode params;
  private final String path;

  private Params(JsonNode params, String path) {
    this.params = params;
    this.path = path;
  }

  /**
   * Checks {@code params} (may be null or JSON null: no parameters) against {@code defs}, reporting problems to
   * {@code errors}; returns the params for reading.
   */
  public static Params check(JsonNode params, String path, List<ParamDef> defs, SpecErrors errors) {
    JsonNode p = params == null || params.isNull() ? NullNode.getInstance() : params;
    if (!p.isNull() && !p.isObject()) {
      errors.add(path, "must be an object, was " + JsonKinds.describe(p));
      return new Params(NullNode.getInstance(), path);
    }
    if (p.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ParamDef def = defs.stream().filter(d -> d.name().equals(e.getKey())).findFirst().orElse(null);
        if (def == null) {
          errors.add(path + "." + e.getKey(), "unknown parameter; " + known(defs));
        } else if (!e.getValue().isNull() && !matches(def.type(), e.getValue())) {
          errors.add(path + "." + e.getKey(), "must be " + def.type().description() + ", was "
              + JsonKinds.describe(e.getValue()));
        }
      }
    }
    for (ParamDef def : defs) {
      if (def.required() && (p.get(def.name()) == null || p.get(def.name()).isNull())) {
        errors.add(path + "." + def.name(), "required parameter is missing (" + def.description() + ")");
      }
    }
    return new Params(p, path);
  }

  private static String known(List<ParamDef> defs) {
    return defs.isEmpty() ? "this node takes no parameters"
        : "known: " + String.join(", ", defs.stream().map(ParamDef::name).toList());
  }

  private static boolean matches(ParamDef.ParamType type, JsonNode v) {
    return switch (type) {
      case INTEGER -> v.isIntegralNumber() && v.canConvertToLong();
      case NUMBER -> v.isNumber();
      case STRING -> v.isTextual();
      case BOOLEAN -> v.isBoolean();
      case DURATION -> Durations.parse(v) != null;
    };
  }

  /** The JSON path of a parameter, for errors a built-in reports itself. */
  public String pathOf(String name) {
    return path + "." + name;
  }

  public boolean has(String name) {
    JsonNode v = params.get(name);
    return v != null && !v.isNull();
  }

  public long getLong(String name, long defaultValue) {
    return has(name) ? params.get(name).asLong() : defaultValue;
  }

  public int getInt(String name, int defaultValue) {
    if (!has(name)) {
      return defaultValue;
    }
    long v = params.get(name).asLong();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new SpecError(pathOf(name), "must fit in 32 bits, was " + v);
    }
    return (int) v;
  }

  public double getDouble(String name, double defaultValue) {
    return has(name) ? params.get(name).asDouble() : defaultValue;
  }

  public String getString(String name, String defaultValue) {
    return has(name) ? params.get(name).asText() : defaultValue;
  }

  public boolean getBoolean(String name, boolean defaultValue) {
    return has(name) ? params.get(name).asBoolean() : defaultValue;
  }

  public Duration getDuration(String name, Duration defaultValue) {
    return has(name) ? Durations.parse(params.get(name)) : defaultValue;
  }

  /** Fails with the parameter's path unless {@code condition} holds. */
  public void require(boolean condition, String name, String message) {
    if (!condition) {
      throw new SpecError(pathOf(name), message);
    }
  }
}
