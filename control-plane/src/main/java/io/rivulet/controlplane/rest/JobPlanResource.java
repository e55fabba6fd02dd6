package io.rivulet.controlplane.rest;

import io.rivulet.controlplane.jobs.JobService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The dataflow plan of a job, as Flink's GET /jobs/{id}/plan; the Web UI draws the job graph from it. */
@Path("/v1/jobs/{jobId}/plan")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobPlanResource {
  @Inject
  JobService jobs;

  @GET
  @Operation(summary = "The job graph: vertices (chains of operators) with their inputs, partitioning and exchange")
  public PlanDtos.PlanResponse plan(@RestPath String jobId) {
    var graph = jobs.graph(jobId);
    return new PlanDtos.PlanResponse(PlanDtos.Plan.of(jobs.job(jobId), graph));
  }
}
