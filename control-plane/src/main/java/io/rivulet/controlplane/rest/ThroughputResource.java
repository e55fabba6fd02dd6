package io.rivulet.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rivulet.controlplane.ui.ThroughputSampler;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cluster's recent throughput, drawn by the Web UI's overview. */
@Path("/v1/overview/throughput")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster")
public class ThroughputResource {
  @Inject
  ThroughputSampler sampler;

  public record Sample(long timestamp, @JsonProperty("records-per-second") double recordsPerSecond) {}

  /** @param interval milliseconds between samples */
  public record Throughput(long interval, List<Sample> samples) {}

  @GET
  @Operation(summary = "Records/s sent between tasks by all running jobs, one sample a second over the last minutes")
  public Throughput throughput() {
    return new Throughput(ThroughputSampler.INTERVAL_MILLIS, sampler.history().samples().stream()
        .map(s -> new Sample(s.timestamp(), s.recordsPerSecond())).toList());
  }
}
