package io.rivulet.controlplane.rest;

import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.JobSubmission;
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
  @Inject
  JobService jobs;

  @Inject
  SpecCompiler specs;

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
}
