package io.rivulet.controlplane.rest;

import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.JobSubmission;
import io.rivulet.controlplane.jobs.SavepointTriggers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import io.rivulet.controlplane.jobs.UserCode;
import io.rivulet.controlplane.spec.SpecCompiler;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Jobs: list, inspect, cancel, and submit declarative specs. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobsResource {
  /** The fields of Flink's savepoint and stop requests (formatType: accepted, there is one format here). */
  private static final List<String> SAVEPOINT_FIELDS = List.of("cancel-job", "formatType", "target-directory");
  private static final List<String> STOP_FIELDS = List.of("drain", "targetDirectory");

  @Inject
  JobService jobs;

  @Inject
  SpecCompiler specs;

  @Inject
  SavepointTriggers savepoints;

  @Inject
  ObjectMapper json;

  @GET
  @Operation(summary = "All jobs with their status")
  public JobDtos.JobIds list() {
    return JobDtos.JobIds.of(jobs.jobs());
  }

  @GET
  @Path("/overview")
  @Operation(summary = "All jobs with name, state, times and task counts")
  public JobDtos.JobsOverview overview() {
    long now = System.currentTimeMillis();
    return new JobDtos.JobsOverview(jobs.jobs().stream().map(j -> JobDtos.JobOverview.of(j, now)).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Submit a declarative job spec built from built-in sources, operators and sinks",
      description = "GET /v1/builtins lists the node types and their parameters. Errors name the JSON path of the"
          + " offending field.")
  public Response submit(String body) {
    SpecCompiler.Compiled compiled = specs.compile(body);
    String id = jobs.submit(new JobSubmission(compiled.graph(), new JobOrigin.Spec(compiled.spec()), UserCode.builtIn()));
    return Response.accepted(new JobDtos.Submitted(id, "/v1/jobs/" + id)).build();
  }

  @GET
  @Path("/{jobId}")
  @Operation(summary = "A job with its vertices, subtasks and their metrics")
  public JobDtos.Job job(@RestPath String jobId) {
    return JobDtos.Job.of(jobs.job(jobId), System.currentTimeMillis());
  }

  @PATCH
  @Path("/{jobId}")
  @Operation(summary = "Cancel a job (mode=cancel, the default)")
  public Response cancel(@RestPath String jobId, @RestQuery String mode) {
    if (mode != null && !mode.equals("cancel")) {
      throw ApiException.badRequest("mode: unknown '" + mode + "'; supported: cancel");
    }
    jobs.cancel(jobId);
    return Response.accepted(Map.of()).build();
  }

  @GET
  @Path("/{jobId}/exceptions")
  @Operation(summary = "The failure that ended the job (or the latest one) and the history of failures")
  public JobDtos.Exceptions exceptions(@RestPath String jobId) {
    return JobDtos.Exceptions.of(jobs.exceptions(jobId));
  }

  @GET
  @Path("/{jobId}/checkpoints")
  @Operation(summary = "Checkpoint counts and the latest completed checkpoint")
  public JobDtos.Checkpoints checkpoints(@RestPath String jobId) {
    return JobDtos.Checkpoints.of(jobs.checkpoints(jobId));
  }

  @POST
  @Path("/{jobId}/savepoints")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Trigger a savepoint",
      description = "Body {\"target-directory\": \"/abs/dir\", \"cancel-job\": false}; target-directory may be"
          + " left out when rivulet.savepoints.directory is set. The savepoint goes to a new directory"
          + " savepoint-<job id prefix>-<checkpoint id> under it. Answers 202 {\"request-id\"}; ask"
          + " GET /v1/jobs/{jobId}/savepoints/{triggerId} for the outcome. With cancel-job the job is cancelled once"
          + " the savepoint completed.")
  public Response triggerSavepoint(@RestPath String jobId, String body) {
    JsonNode b = JsonBodies.object(json, body, "the savepoint request", SAVEPOINT_FIELDS, Set.of());
    String target = JsonBodies.text(b, "target-directory", null);
    boolean cancel = JsonBodies.bool(b, "cancel-job");
    String id = savepoints.trigger(jobId, target, cancel, "target-directory");
    return Response.accepted(Map.of("request-id", id)).build();
  }

  @GET
  @Path("/{jobId}/savepoints/{triggerId}")
  @Operation(summary = "The outcome of a savepoint or stop request",
      description = "{\"status\":{\"id\":\"IN_PROGRESS\"}} while it runs; then {\"status\":{\"id\":\"COMPLETED\"},"
          + " \"operation\":{\"location\":\"<savepoint directory>\"}} or, if it failed,"
          + " \"operation\":{\"failure-cause\":{\"class\",\"message\",\"stack-trace\"}}.")
  public Map<String, Object> savepointStatus(@RestPath String jobId, @RestPath String triggerId) {
    SavepointTriggers.Status s = savepoints.status(jobId, triggerId);
    Map<String, Object> answer = new LinkedHashMap<>();
    if (s instanceof SavepointTriggers.Status.InProgress) {
      answer.put("status", Map.of("id", "IN_PROGRESS"));
    } else if (s instanceof SavepointTriggers.Status.Completed c) {
      answer.put("status", Map.of("id", "COMPLETED"));
      answer.put("operation", Map.of("location", c.location()));
    } else if (s instanceof SavepointTriggers.Status.Failed f) {
      answer.put("status", Map.of("id", "COMPLETED"));
      Map<String, Object> cause = new LinkedHashMap<>();
      cause.put("class", f.cause().getClass().getName());
      cause.put("message", String.valueOf(f.cause().getMessage()));
      java.io.StringWriter trace = new java.io.StringWriter();
      f.cause().printStackTrace(new java.io.PrintWriter(trace));
      cause.put("stack-trace", trace.toString());
      answer.put("operation", Map.of("failure-cause", cause));
    }
    return answer;
  }

  @POST
  @Path("/{jobId}/stop")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Stop a job with a savepoint",
      description = "Body {\"targetDirectory\": \"/abs/dir\", \"drain\": false}; takes a savepoint, then cancels the"
          + " job, which ends CANCELED (its input was not consumed to the end, so sinks do not publish end-of-input"
          + " output). No periodic checkpoint is taken after the savepoint; if it fails the job keeps running."
          + " drain=true is not supported. Answers 202 {\"request-id\"}, polled like a savepoint.")
  public Response stop(@RestPath String jobId, String body) {
    JsonNode b = JsonBodies.object(json, body, "the stop request", STOP_FIELDS, Set.of());
    if (JsonBodies.bool(b, "drain")) {
      throw ApiException.badRequest("drain: true is not supported (it would end event time and fire every timer"
          + " before stopping); stop with drain false, or cancel the job");
    }
    String id = savepoints.trigger(jobId, JsonBodies.text(b, "targetDirectory", null), true, "targetDirectory");
    return Response.accepted(Map.of("request-id", id)).build();
  }
}
