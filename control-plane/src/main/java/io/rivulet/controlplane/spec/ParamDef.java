package io.rivulet.controlplane.spec;

/**
 * A parameter a built-in takes in its {@code params} object.
 *
 * @param required whether leaving it out is an error
 */
public record ParamDef(String name, ParamType type, boolean required, String description) {
  public static ParamDef required(String name, ParamType type, String description) {
    return new ParamDef(name, type, true, description);
  }

  public static ParamDef optional(String name, ParamType type, String description) {
    return new ParamDef(name, type, false, description);
  }

  /** JSON types a parameter can have. */
  public enum ParamType {
    INTEGER("an integer"),
    NUMBER("a number"),
    STRING("a string"),
    BOOLEAN("true or false"),
    DURATION("a duration such as \"500ms\", \"1s\", \"2m\" or a number of milliseconds");

    private final String description;

    ParamType(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }
}
