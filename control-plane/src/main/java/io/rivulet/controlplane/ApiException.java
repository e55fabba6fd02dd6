package io.rivulet.controlplane;

import java.util.List;

/**
 * A request the control plane refuses, with the HTTP status to answer and messages that say what was wrong
 * and where. Thrown by the services as well as the resources, so that a cluster implementation of
 * {@link io.rivulet.controlplane.jobs.JobService} reports problems the same way; rendered as Flink's error
 * shape {@code {"errors": [...]}}.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final List<String> errors;

  public ApiException(int status, List<String> errors) {
    super(String.join("; ", errors));
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public ApiException(int status, String error) {
    this(status, List.of(error));
  }

  public static ApiException badRequest(String error) {
    return new ApiException(400, error);
  }

  public static ApiException notFound(String error) {
    return new ApiException(404, error);
  }

  public static ApiException conflict(String error) {
    return new ApiException(409, error);
  }

  public int status() {
    return status;
  }

  public List<String> errors() {
    return errors;
  }
}
