package io.rivulet.controlplane.rest;

import io.rivulet.controlplane.ApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as {@code {"errors": [...]}} with a status that says whose fault it was. */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response api(ApiException e) {
    return body(e.status(), e.errors());
  }

  /** JAX-RS's own refusals: unknown path (404), wrong method (405), wrong content type (415), ... */
  @ServerExceptionMapper
  public Response jaxrs(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    String what = switch (status) {
      case 404 -> "no such resource: /" + uri.getPath().replaceFirst("^/", "");
      case 405 -> "method not allowed on /" + uri.getPath().replaceFirst("^/", "");
      case 415 -> "unsupported content type: " + e.getMessage();
      default -> e.getMessage();
    };
    if (status >= 500) {
      LOG.error("request failed", e);
    }
    return body(status, List.of(what));
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    LOG.error("request failed", e);
    return body(500, List.of("internal error: " + e));
  }

  private static Response body(int status, List<String> errors) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(errors)).build();
  }
}
