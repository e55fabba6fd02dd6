package io.rivulet.controlplane.rest;

import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.spec.BuiltInRegistry;
import io.rivulet.controlplane.spec.ParamDef;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cluster as a whole: overview, task managers, and the built-ins declarative specs can use. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster")
public class ClusterResource {
  @Inject
  JobService jobs;

  @Inject
  BuiltInRegistry builtIns;

  @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
  String version;

  @GET
  @Path("/overview")
  @Operation(summary = "Task managers, slots and jobs by state")
  public ClusterDtos.Overview overview() {
    return ClusterDtos.Overview.of(jobs.overview(), version);
  }

  @GET
  @Path("/taskmanagers")
  @Operation(summary = "The processes that run subtasks (in embedded mode: the control plane itself)")
  public ClusterDtos.TaskManagers taskManagers() {
    long now = System.currentTimeMillis();
    return new ClusterDtos.TaskManagers(jobs.taskManagers().stream().map(t -> ClusterDtos.TaskManager.of(t, now))
        .toList());
  }

  /** A node type of declarative specs. */
  public record BuiltInDto(String type, String role, String description, boolean needsKeyedInput,
      List<ParamDef> params) {}

  public record BuiltIns(List<BuiltInDto> types) {}

  @GET
  @Path("/builtins")
  @Operation(summary = "The node types of declarative job specs (POST /v1/jobs) and their parameters")
  public BuiltIns builtIns() {
    return new BuiltIns(builtIns.all().stream().map(b -> new BuiltInDto(b.type(), b.role().name().toLowerCase(),
        b.description(), b.needsKeyedInput(), b.params())).toList());
  }
}
