package io.rivulet.taskruntime;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /v1/runtime}: this runtime, its registration and its tasks with counters, for debugging. */
@Path("/v1/runtime")
public class RuntimeResource {
  private final RuntimeHost host;

  public RuntimeResource(RuntimeHost host) {
    this.host = host;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response status() {
    TaskRuntimeNode node = host.node();
    if (node == null) {
      return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
    }
    return Response.ok(node.status()).build();
  }
}
