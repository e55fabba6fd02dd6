package io.rivulet.controlplane.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jars.JarInfo;
import io.rivulet.controlplane.jars.JarRunner;
import io.rivulet.controlplane.jars.JarStore;
import io.rivulet.controlplane.jars.ProgramArgs;
import io.rivulet.controlplane.jars.RunRequest;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.spec.JsonKinds;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Job JARs: upload, list, delete, and run (the JAR's main builds the job, the control plane runs it). */
@Path("/v1/jars")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jars")
public class JarsResource {
  /** Fields of Flink's run request that have no meaning here yet; accepted and ignored for compatibility. */
  private static final Set<String> IGNORED_RUN_FIELDS = Set.of("allowNonRestoredState", "claimMode", "restoreMode",
      "flinkConfiguration", "jobId");
  private static final List<String> RUN_FIELDS = List.of("entryClass", "programArgs", "programArgsList", "parallelism",
      "savepointPath");

  @Inject
  JarStore jars;

  @Inject
  JarRunner runner;

  @Inject
  JobService jobs;

  @Inject
  ObjectMapper json;

  @POST
  @Path("/upload")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(summary = "Upload a job JAR (multipart field 'jarfile')")
  public JarDtos.Uploaded upload(@RestForm("jarfile") FileUpload jarfile) {
    if (jarfile == null || jarfile.uploadedFile() == null) {
      throw ApiException.badRequest("multipart field 'jarfile' is missing: send the JAR as"
          + " -F jarfile=@job.jar");
    }
    JarInfo info = jars.store(jarfile.uploadedFile(), jarfile.fileName(), jarfile.size());
    return new JarDtos.Uploaded(jars.directory().resolve(info.id()).toAbsolutePath().toString(), "success");
  }

  @GET
  @Operation(summary = "The uploaded JARs, newest first, with their entry classes")
  public JarDtos.JarList list(@Context UriInfo uri) {
    String address = uri.getBaseUri().toString().replaceFirst("/$", "");
    return new JarDtos.JarList(address, jars.list().stream().map(JarDtos.JarFile::of).toList());
  }

  /**
   * Runs a job graph that a client built against this JAR's classes (how {@code RemoteEnvironment} submits:
   * the body is the Java-serialized {@code JobGraph}).
   */
  @POST
  @Path("/{jarId}/graph")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public JobDtos.Submitted runGraph(@RestPath String jarId, byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("the body must be a serialized job graph; it was empty");
    }
    String id = jobs.submit(runner.prepareGraph(jarId, body));
    return new JobDtos.Submitted(id, "/v1/jobs/" + id);
  }

  /** The JAR itself, for task runtimes deploying a job from it (they check its SHA-256). */
  @GET
  @Path("/{jarId}/content")
  @Produces("application/java-archive")
  public java.io.File content(@RestPath String jarId) {
    return jars.path(jarId).toFile();
  }

  @DELETE
  @Path("/{jarId}")
  @Operation(summary = "Delete an uploaded JAR")
  public Map<String, Object> delete(@RestPath String jarId) {
    jars.delete(jarId);
    return Map.of();
  }

  @POST
  @Path("/{jarId}/run")
  @Operation(summary = "Run a JAR's main and submit the job it builds",
      description = "Body {entryClass, programArgs | programArgsList, parallelism, savepointPath}; Flink's query"
          + " parameters entry-class, program-args, programArg, parallelism, savepointPath work too (the body wins).")
  public JobDtos.Submitted run(@RestPath String jarId, String body, @RestQuery("entry-class") String entryClass,
      @RestQuery("program-args") String programArgs, @RestQuery("programArg") String programArg,
      @RestQuery("parallelism") String parallelism, @RestQuery("savepointPath") String savepointPath) {
    JsonNode b = JsonBodies.object(json, body, "the run request", RUN_FIELDS, IGNORED_RUN_FIELDS);
    String entry = JsonBodies.text(b, "entryClass", entryClass);
    List<String> args;
    if (b.has("programArgsList") && !b.get("programArgsList").isNull()) {
      args = stringList(b.get("programArgsList"));
    } else if (b.has("programArgs") && !b.get("programArgs").isNull()) {
      args = ProgramArgs.split(JsonBodies.text(b, "programArgs", null));
    } else if (programArg != null) {
      args = Arrays.asList(programArg.split(","));
    } else {
      args = ProgramArgs.split(programArgs);
    }
    Integer p = b.has("parallelism") && !b.get("parallelism").isNull() ? intField(b.get("parallelism"))
        : parseInt(parallelism);
    RunRequest request = new RunRequest(entry, args, p, JsonBodies.text(b, "savepointPath", savepointPath));
    String id = jobs.submit(runner.prepare(jarId, request));
    return new JobDtos.Submitted(id, null);
  }

  private static List<String> stringList(JsonNode v) {
    if (!v.isArray()) {
      throw ApiException.badRequest("programArgsList: must be an array of strings, was " + JsonKinds.describe(v));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw ApiException.badRequest("programArgsList[" + i + "]: must be a string, was " + JsonKinds.describe(v.get(i)));
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  private static Integer intField(JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw ApiException.badRequest("parallelism: must be an integer, was " + JsonKinds.describe(v));
    }
    return v.asInt();
  }

  private static Integer parseInt(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("parallelism: must be an integer, was '" + v + "'");
    }
  }
}
