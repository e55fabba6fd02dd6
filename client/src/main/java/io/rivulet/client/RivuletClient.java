package io.rivulet.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.api.graph.JobGraph;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A client of the control plane's REST API (the {@code /v1} endpoints, shaped like Apache Flink's). Errors come
 * back as {@link RivuletClientException} with the server's message.
 */
public final class RivuletClient {
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** @param controlPlaneUrl e.g. {@code http://127.0.0.1:8080} */
  public RivuletClient(String controlPlaneUrl) {
    this.base = URI.create(controlPlaneUrl.endsWith("/") ? controlPlaneUrl : controlPlaneUrl + "/");
  }

  public URI base() {
    return base;
  }

  public JsonNode overview() {
    return get("v1/overview");
  }

  public JsonNode jobsOverview() {
    return get("v1/jobs/overview");
  }

  public JsonNode job(String jobId) {
    return get("v1/jobs/" + jobId);
  }

  public String jobState(String jobId) {
    return job(jobId).path("state").asText();
  }

  public JsonNode taskManagers() {
    return get("v1/taskmanagers");
  }

  /** Uploads a JAR; returns its id. */
  public String uploadJar(Path jar) {
    String boundary = "rivulet-" + UUID.randomUUID();
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
          + jar.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(Files.readAllBytes(jar));
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      JsonNode r = send(HttpRequest.newBuilder(base.resolve("v1/jars/upload"))
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
      String filename = r.path("filename").asText();
      return filename.substring(filename.lastIndexOf('/') + 1);
    } catch (IOException e) {
      throw new RivuletClientException("cannot read " + jar + ": " + e.getMessage(), e);
    }
  }

  /** Runs an uploaded JAR's entry class; returns the job id. */
  public String runJar(String jarId, String entryClass, List<String> args, Integer parallelism, String savepointPath) {
    ObjectNode body = json.createObjectNode();
    if (entryClass != null) {
      body.put("entryClass", entryClass);
    }
    body.set("programArgsList", json.valueToTree(args == null ? List.of() : args));
    if (parallelism != null) {
      body.put("parallelism", parallelism);
    }
    if (savepointPath != null) {
      body.put("savepointPath", savepointPath);
    }
    return post("v1/jars/" + jarId + "/run", body).path("jobid").asText();
  }

  /** Submits a job graph built here against the classes of an uploaded JAR; returns the job id. */
  public String submitGraph(String jarId, JobGraph graph) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(graph);
    } catch (IOException e) {
      throw new RivuletClientException("cannot serialize the job graph: " + e.getMessage(), e);
    }
    return send(HttpRequest.newBuilder(base.resolve("v1/jars/" + jarId + "/graph"))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build()).path("jobid").asText();
  }

  /** Submits a declarative JSON job spec; returns the job id. */
  public String submitSpec(String specJson) {
    return send(HttpRequest.newBuilder(base.resolve("v1/jobs")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(specJson)).build()).path("jobid").asText();
  }

  public void cancel(String jobId) {
    send(HttpRequest.newBuilder(base.resolve("v1/jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
  }

  /**
   * Asks for a savepoint ({@code POST v1/jobs/<id>/savepoints}); returns the request's trigger id.
   *
   * @param targetDirectory null: the control plane's default savepoint directory
   * @param cancelJob cancel the job once the savepoint completed
   */
  public String triggerSavepoint(String jobId, String targetDirectory, boolean cancelJob) {
    ObjectNode body = json.createObjectNode();
    if (targetDirectory != null) {
      body.put("target-directory", targetDirectory);
    }
    body.put("cancel-job", cancelJob);
    return post("v1/jobs/" + jobId + "/savepoints", body).path("request-id").asText();
  }

  /** Stops a job with a savepoint ({@code POST v1/jobs/<id>/stop}); returns the request's trigger id. */
  public String stopWithSavepoint(String jobId, String targetDirectory) {
    ObjectNode body = json.createObjectNode();
    if (targetDirectory != null) {
      body.put("targetDirectory", targetDirectory);
    }
    body.put("drain", false);
    return post("v1/jobs/" + jobId + "/stop", body).path("request-id").asText();
  }

  /** {@code {"status":{"id":...},"operation":{...}}} of a savepoint or stop request. */
  public JsonNode savepointStatus(String jobId, String triggerId) {
    return get("v1/jobs/" + jobId + "/savepoints/" + triggerId);
  }

  /**
   * Waits until a savepoint or stop request completed; returns the savepoint's directory, or throws with the
   * reason it failed (or when {@code timeout} passed).
   */
  public String awaitSavepoint(String jobId, String triggerId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode s = savepointStatus(jobId, triggerId);
      if (s.path("status").path("id").asText().equals("COMPLETED")) {
        JsonNode op = s.path("operation");
        if (op.has("location")) {
          return op.path("location").asText();
        }
        throw new RivuletClientException("savepoint of job " + jobId + " failed: "
            + op.path("failure-cause").path("message").asText(op.toString()), 0);
      }
      if (System.nanoTime() > deadline) {
        throw new RivuletClientException("savepoint of job " + jobId + " still in progress after " + timeout
            + " (request " + triggerId + ")", 0);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RivuletClientException("interrupted", e);
      }
    }
  }

  /** Any GET of the REST API, e.g. {@code v1/jobs/<id>/checkpoints}. */
  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  private JsonNode post(String path, JsonNode body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // the JDK's ConnectException carries no message
      String why = e instanceof java.net.ConnectException
          ? "nothing answers there (is the control plane running? --control-plane or $RIVULET_CONTROL_PLANE says where)"
          : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new RivuletClientException("cannot reach the control plane at " + base + ": " + why, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RivuletClientException("interrupted", e);
    }
    JsonNode body;
    try {
      body = r.body() == null || r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
    } catch (IOException e) {
      body = json.createObjectNode().put("raw", r.body());
    }
    if (r.statusCode() >= 400) {
      JsonNode errors = body.path("errors");
      String message = errors.isArray() && errors.size() > 0 ? errors.get(0).asText() : r.body();
      throw new RivuletClientException(request.method() + " " + request.uri().getPath() + " -> " + r.statusCode()
          + ": " + message, r.statusCode());
    }
    return body;
  }
}
