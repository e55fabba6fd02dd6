package io.rivulet.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of Apicurio Registry's core API v3 ({@code <registry>/apis/registry/v3}) that schema registration
 * needs, over the JDK's HTTP client: a subject is an artifact of the group {@code default}. Thread-safe.
 */
public final class RegistryClient {
  public static final String API_PATH = "/apis/registry/v3";
  public static final String GROUP = "default";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @param url the registry's base URL ({@code http://host:port}) or its API URL (ending in {@value #API_PATH}) */
  public RegistryClient(String url) {
    String u = url.replaceAll("/+$", "");
    this.api = u.endsWith(API_PATH) ? u : u + API_PATH;
  }

  public String apiUrl() {
    return api;
  }

  /** A version registered (or found identical) under a subject. */
  public record Version(String subject, String version, long globalId, long contentId) {}

  /** The registry refused a new version under its rules: the registry's causes, as it states them. */
  public static final class RuleViolation extends Exception {
    private final List<String> causes;

    RuleViolation(String detail, List<String> causes) {
      super(detail);
      this.causes = List.copyOf(causes);
    }

    public List<String> causes() {
      return causes;
    }
  }

  /** The content of the latest version of a subject, or empty when it has none. */
  public Optional<String> latestSchema(String subject) throws IOException {
    HttpResponse<String> r = send(get(artifact(subject) + "/versions/branch=latest/content"));
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(check(r, "reading the latest schema of " + subject));
  }

  /** Every version's content, oldest first (for transitive rules). */
  public List<String> allSchemas(String subject) throws IOException {
    HttpResponse<String> r = send(get(artifact(subject) + "/versions?limit=1000&order=asc&orderby=createdOn"));
    List<String> out = new ArrayList<>();
    if (r.statusCode() == 404) {
      return out;
    }
    for (JsonNode v : JSON.readTree(check(r, "listing the versions of " + subject)).path("versions")) {
      HttpResponse<String> c = send(get(artifact(subject) + "/versions/" + enc(v.path("version").asText()) + "/content"));
      out.add(check(c, "reading a version of " + subject));
    }
    return out;
  }

  /** The compatibility rule configured on the subject itself, or empty. */
  public Optional<String> compatibilityRule(String subject) throws IOException {
    HttpResponse<String> r = send(get(artifact(subject) + "/rules/COMPATIBILITY"));
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    return Optional.of(JSON.readTree(check(r, "reading the rules of " + subject)).path("config").asText());
  }

  /** Sets the subject's compatibility rule (BACKWARD, FORWARD, FULL, their _TRANSITIVE forms, or NONE). */
  public void setCompatibilityRule(String subject, String level) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("ruleType", "COMPATIBILITY").put("config", level);
    HttpResponse<String> r = send(post(artifact(subject) + "/rules", body));
    if (r.statusCode() == 409) { // the rule exists: change it
      r = send(HttpRequest.newBuilder(URI.create(artifact(subject) + "/rules/COMPATIBILITY"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }
    check(r, "setting the compatibility rule of " + subject + " to " + level);
  }

  /**
   * Registers {@code schema} under {@code subject}: creates the subject with it, finds the identical version, or
   * adds a new version — which the registry checks against the subject's rules first.
   *
   * @throws RuleViolation when a rule refuses the new version
   */
  public Version register(String subject, String type, String schema) throws IOException, RuleViolation {
    ObjectNode body = JSON.createObjectNode().put("artifactId", subject).put("artifactType", type);
    body.putObject("firstVersion").putObject("content").put("content", schema).put("contentType", "application/json");
    HttpResponse<String> r = send(post(api + "/groups/" + GROUP + "/artifacts?ifExists=FIND_OR_CREATE_VERSION", body));
    if (r.statusCode() == 409) {
      JsonNode problem = JSON.readTree(r.body());
      List<String> causes = new ArrayList<>();
      for (JsonNode c : problem.path("causes")) {
        causes.add(c.path("description").asText() + (c.has("context") ? " at " + c.path("context").asText() : ""));
      }
      throw new RuleViolation(problem.path("detail").asText(r.body()), causes);
    }
    JsonNode v = JSON.readTree(check(r, "registering a schema under " + subject)).path("version");
    return new Version(subject, v.path("version").asText(), v.path("globalId").asLong(), v.path("contentId").asLong());
  }

  /** The content registered under a global id (what a serde's schema id points to). */
  public String schemaByGlobalId(long globalId) throws IOException {
    return check(send(get(api + "/ids/globalIds/" + globalId)), "reading schema " + globalId);
  }

  private String artifact(String subject) {
    return api + "/groups/" + GROUP + "/artifacts/" + enc(subject);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private static HttpRequest post(String url, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the schema registry", e);
    } catch (IOException e) {
      throw new IOException("the schema registry at " + api + " cannot be reached: " + e, e);
    }
  }

  private static String check(HttpResponse<String> r, String what) throws IOException {
    if (r.statusCode() / 100 != 2) {
      throw new IOException(what + " failed: HTTP " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
