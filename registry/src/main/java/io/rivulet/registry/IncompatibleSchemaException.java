package io.rivulet.registry;

import java.util.List;

/**
 * A job writes a schema that a subject's compatibility rule refuses. The message names the field, the change, the
 * rule and the subject, e.g. {@code field 'value' changed type from long to string: BACKWARD compatibility of
 * subject 'sensor-readings-value' refuses it}.
 */
public final class IncompatibleSchemaException extends Exception {
  private final String subject;
  private final String rule;
  private final List<String> problems;

  IncompatibleSchemaException(String subject, String rule, List<String> problems) {
    super(String.join("; ", problems) + ": " + rule + " compatibility of subject '" + subject + "' refuses it");
    this.subject = subject;
    this.rule = rule;
    this.problems = List.copyOf(problems);
  }

  public String subject() {
    return subject;
  }

  public String rule() {
    return rule;
  }

  /** What is incompatible, one entry per field. */
  public List<String> problems() {
    return problems;
  }
}
